import type { Block, ReportDocument } from './document.js';

/**
 * Renders a report as Markdown: the same sections as the HTML; charts become their
 * caption and data table (Markdown viewers do not show inline SVG reliably).
 */
export function renderMarkdown(document: ReportDocument): string {
  const parts = [`# ${inline(document.title)}`, `_${inline(document.subtitle)}_`];
  for (const section of document.sections) {
    parts.push(`## ${inline(section.title)}`);
    for (const item of section.blocks) parts.push(block(item));
  }
  return `${parts.join('\n\n')}\n`;
}

function block(item: Block): string {
  switch (item.type) {
    case 'paragraph':
      return inline(item.text);
    case 'list':
      return item.items
        .map((entry, index) => {
          const marker = item.ordered ? `${index + 1}.` : '-';
          const prefix = entry.className === 'strength' ? '**Strength:** ' : entry.className === 'improvement' ? '**To improve:** ' : '';
          return [`${marker} ${prefix}${inline(entry.text)}`, ...(entry.details ?? []).map((detail) => `  - ${inline(detail)}`)].join('\n');
        })
        .join('\n');
    case 'table': {
      const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
      return [`**${inline(item.caption)}**`, '', row(item.header), row(item.header.map(() => '---')), ...item.rows.map(row)].join('\n');
    }
    case 'definitions':
      return item.items.map(([term, value]) => `- **${inline(term)}:** ${inline(value)}`).join('\n');
    case 'figure':
      return [`_Chart: ${inline(item.caption)}_ (drawn in the HTML report)`, ...(item.data ? [block(item.data)] : [])].join('\n\n');
    default: {
      const exhaustive: never = item;
      throw new Error(`unknown block ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** Escapes characters Markdown would read as markup in running text. */
function inline(text: string): string {
  return text.replace(/([\\`*_[\]<>#])/g, '\\$1');
}

/** A table cell: inline text with pipes escaped and line breaks flattened. */
function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
