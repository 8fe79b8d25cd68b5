/**
 * A report as neutral blocks, so the HTML and Markdown renderers show the same content:
 * one builder decides what is said, two small renderers decide how it looks.
 */

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: ListItem[]; ordered?: boolean }
  | { type: 'table'; caption: string; header: string[]; rows: string[][]; className?: string }
  | { type: 'definitions'; items: [term: string, value: string][] }
  /** A chart with its text alternative: a caption always shown and the data as a table. */
  | { type: 'figure'; id: string; svg: string; caption: string; data: Extract<Block, { type: 'table' }> | null };

export interface ListItem {
  text: string;
  details?: string[];
  className?: string;
}

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

export interface ReportDocument {
  title: string;
  subtitle: string;
  sections: Section[];
}
