import { Document, isMap, isScalar, parseDocument, type Node } from 'yaml';
import { injectSchema, type Inject } from '../scenario/schema.js';

/**
 * Puts imported injects into a scenario's YAML text, replacing its `injects:` list and
 * leaving every other byte (comments, layout) as written. Fields left at their default
 * are omitted and each effect is written on one line, as a designer would write them.
 */
export function replaceInjects(scenarioText: string, injects: readonly Inject[]): string {
  const doc = parseDocument(scenarioText, { uniqueKeys: true });
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw new Error('the scenario is not a YAML mapping; fix it first (crisis-sim validate)');
  const block = injectsBlock(injects);
  const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === 'injects');
  const keyRange = (pair?.key as Node | undefined)?.range;
  const valueRange = (pair?.value as Node | null | undefined)?.range;
  if (!pair || !keyRange) return `${scenarioText.replace(/\n*$/, '\n')}${block}`;
  const end = valueRange ? valueRange[1] : keyRange[1];
  const rest = scenarioText.slice(end).replace(/^[^\S\n]*\n?/, '');
  return `${scenarioText.slice(0, keyRange[0])}${block}${rest}`;
}

/** `injects:` and its list, in block style with one-line effects, ending with a newline. */
function injectsBlock(injects: readonly Inject[]): string {
  const doc = new Document({ injects: injects.map(withoutDefaults) });
  const list = doc.get('injects', true) as { items: Node[] };
  for (const item of list.items) {
    const effect = isMap(item) ? item.get('effect', true) : undefined;
    if (isMap(effect)) effect.flow = true;
  }
  return doc.toString({ lineWidth: 0 });
}

function withoutDefaults(inject: Inject): Record<string, unknown> {
  const defaults = injectSchema.parse({ id: inject.id, atHours: inject.atHours, title: inject.title }) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inject)) {
    if (JSON.stringify(value) !== JSON.stringify(defaults[key]) || key === 'id' || key === 'atHours' || key === 'title') out[key] = value;
  }
  return out;
}
