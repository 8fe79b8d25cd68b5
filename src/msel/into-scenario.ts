import { isMap, parseDocument, type Node } from 'yaml';
import { injectSchema, type Inject } from '../scenario/schema.js';

/**
 * Puts imported injects into a scenario's YAML text, replacing its `injects:` list and
 * keeping everything else (comments included) as written. Fields left at their default
 * are omitted and each effect is written on one line, as a designer would write them.
 */
export function replaceInjects(scenarioText: string, injects: readonly Inject[]): string {
  const doc = parseDocument(scenarioText, { uniqueKeys: true });
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw new Error('the scenario is not a YAML mapping; fix it first (crisis-sim validate)');
  const node = doc.createNode(injects.map(withoutDefaults)) as Node;
  for (const item of (node as unknown as { items: Node[] }).items) {
    const effect = isMap(item) ? item.get('effect', true) : undefined;
    if (isMap(effect)) effect.flow = true;
  }
  doc.set('injects', node);
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
