import { Document, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { injectSchema, type Inject } from '../scenario/schema.js';

/**
 * Puts imported injects into a scenario's YAML text, replacing its `injects:` list and
 * leaving every other byte (comments, layout) as written. An inject that comes back
 * unchanged keeps its text as written, with the comment lines above it and an explicit
 * `effect: { type: none }`; a new or changed inject is written with the fields left at
 * their default omitted and its effect on one line, as a designer would write it. The
 * list takes the spreadsheet's row order.
 */
export function replaceInjects(scenarioText: string, injects: readonly Inject[]): string {
  const doc = parseDocument(scenarioText, { uniqueKeys: true });
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw new Error('the scenario is not a YAML mapping; fix it first (crisis-sim validate)');
  const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === 'injects');
  const keyRange = (pair?.key as Node | undefined)?.range;
  const value = pair?.value as Node | null | undefined;
  if (!pair || !keyRange) return `${scenarioText.replace(/\n*$/, '\n')}${injectsBlock(injects)}`;
  const written = isSeq(value) && !value.flow ? writtenItems(scenarioText, value.items as Node[], scenarioText.indexOf('\n', keyRange[1]) + 1) : { items: [], end: -1 };
  const end = value?.range ? value.range[1] : keyRange[1];
  // Blank lines and comments after the last item stay after the new last item.
  const tail = written.end === -1 ? '' : scenarioText.slice(written.end, end).replace(/[^\n]*$/, '');
  // The list ends mid-line (after its last value) or at a line start; the block written ends with its own line end.
  const rest = end > 0 && scenarioText[end - 1] !== '\n' ? scenarioText.slice(end).replace(/^[^\S\n]*\n?/, '') : scenarioText.slice(end);
  const items = injects.map((inject) => written.items.find((each) => sameInject(each.inject, inject))?.text ?? injectText(inject));
  const block = items.length === 0 ? 'injects: []\n' : `injects:\n${items.join('')}${tail}`;
  return `${scenarioText.slice(0, keyRange[0])}${block}${rest}`;
}

/**
 * Each valid inject of the list as written: its text from the end of the item before (or
 * of the `injects:` line, `listStart`), so comment lines above it come along, to its line end.
 */
function writtenItems(text: string, items: Node[], listStart: number): { items: { inject: Inject; text: string }[]; end: number } {
  const out: { inject: Inject; text: string }[] = [];
  let previousEnd = listStart;
  for (const item of items) {
    const range = item.range;
    if (!range) continue;
    const start = previousEnd;
    const lineEnd = text.indexOf('\n', range[1] - 1);
    const end = lineEnd === -1 ? text.length : lineEnd + 1;
    previousEnd = end;
    const parsed = injectSchema.safeParse(item.toJSON());
    if (parsed.success) out.push({ inject: parsed.data, text: text.slice(start, end) });
  }
  return { items: out, end: previousEnd };
}

function sameInject(a: Inject, b: Inject): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `injects:` and its list, in block style with one-line effects, ending with a newline. */
function injectsBlock(injects: readonly Inject[]): string {
  return injects.length === 0 ? 'injects: []\n' : `injects:\n${injects.map(injectText).join('')}`;
}

/** One inject as a block list item (`  - id: ...`), ending with a newline. */
function injectText(inject: Inject): string {
  const doc = new Document({ injects: [withoutDefaults(inject)] });
  const list = doc.get('injects', true) as { items: Node[] };
  for (const item of list.items) {
    const effect = isMap(item) ? item.get('effect', true) : undefined;
    if (isMap(effect)) effect.flow = true;
    const tasks = isMap(item) ? item.get('tasks', true) : undefined;
    if (isSeq(tasks)) tasks.flow = true;
  }
  return doc.toString({ lineWidth: 0 }).replace(/^injects:\n/, '');
}

function withoutDefaults(inject: Inject): Record<string, unknown> {
  const parsed = injectSchema.safeParse({ id: inject.id, atHours: inject.atHours, title: inject.title });
  // A row the import could not read fully is written as read, for the check that follows to report.
  if (!parsed.success) return { ...inject };
  const defaults = parsed.data as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inject)) {
    if (JSON.stringify(value) !== JSON.stringify(defaults[key]) || key === 'id' || key === 'atHours' || key === 'title') out[key] = value;
  }
  return out;
}
