import type { Block, ReportDocument } from '../report/document.js';
import type { Style } from './style.js';
import { table } from './view.js';

/**
 * A report document (the situation manual) as terminal text: headings, definitions as
 * `term: value`, lists, aligned tables. Plain words, so the screen, a transcript and the
 * tests read alike; no markup to escape (the drill's writer shows control characters from
 * files as escapes: src/guard/terminal-text.ts).
 */
export function documentText(document: ReportDocument, style: Style): string {
  const lines = [style.heading(`== ${document.title} ==`), document.subtitle];
  for (const section of document.sections) {
    lines.push('', style.heading(section.title));
    for (const block of section.blocks) lines.push(blockText(block));
  }
  return lines.join('\n');
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return block.text;
    case 'list':
      return block.items.map((item, index) => `  ${block.ordered ? `${index + 1}.` : '-'} ${item.text}`).join('\n');
    case 'definitions':
      return block.items.map(([term, value]) => `  ${term}: ${value}`).join('\n');
    case 'table':
      return `${block.caption}:\n${table(block.header, block.rows)
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n')}`;
    case 'figure':
      return `(chart: ${block.caption})`;
    default: {
      const exhaustive: never = block;
      throw new Error(`unknown block ${JSON.stringify(exhaustive)}`);
    }
  }
}
