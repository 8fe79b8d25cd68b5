import type { Block, ReportDocument } from '../report/document.js';
import type { Style } from './style.js';
import { table } from './view.js';

/**
 * A report document (the situation manual) as terminal text: headings, definitions as
 * `term: value`, lists, aligned tables. Plain words, so the screen, a transcript and the
 * tests read alike; no markup to escape, since a terminal interprets none (control
 * characters are shown as `?`).
 */
export function documentText(document: ReportDocument, style: Style): string {
  const lines = [style.heading(`== ${safe(document.title)} ==`), safe(document.subtitle)];
  for (const section of document.sections) {
    lines.push('', style.heading(safe(section.title)));
    for (const block of section.blocks) lines.push(blockText(block));
  }
  return lines.join('\n');
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return safe(block.text);
    case 'list':
      return block.items.map((item, index) => `  ${block.ordered ? `${index + 1}.` : '-'} ${safe(item.text)}`).join('\n');
    case 'definitions':
      return block.items.map(([term, value]) => `  ${safe(term)}: ${safe(value)}`).join('\n');
    case 'table':
      return `${safe(block.caption)}:\n${table(block.header.map(safe), block.rows.map((row) => row.map(safe)))
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n')}`;
    case 'figure':
      return `(chart: ${safe(block.caption)})`;
    default: {
      const exhaustive: never = block;
      throw new Error(`unknown block ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** Text from a scenario, with control characters (escape sequences) made harmless on a terminal. */
function safe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}
