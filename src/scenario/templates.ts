import { readFileSync } from 'node:fs';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMA_PATH } from './json-schema.js';
import { loadScenarioText } from './load.js';
import { MODEL_RULES_MARKER, modelRulesComment } from './model-rules.js';
import type { CrisisKind } from './schema.js';

/**
 * Starting scenarios for `crisis-sim new`: one commented template per crisis kind, kept
 * in scenarios/templates/ (where tests validate and run them), adapted to where the new
 * file will live: its `$schema` line points at this installation's JSON Schema, and its
 * id follows the file name. The template's marker line becomes the rules of the model
 * (unit scale, message latency, clearance) with the numbers the file runs with.
 */

export const CRISIS_KINDS: readonly CrisisKind[] = ['disaster', 'conflict', 'terrorism'];

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Path of the template for a crisis kind. */
export function templatePath(kind: CrisisKind): string {
  return resolve(ROOT, 'scenarios/templates', `${kind}.yaml`);
}

/**
 * The text of a new scenario of `kind` to be written at `outputFile` (undefined: printed,
 * so schema paths are relative to the working directory).
 */
export function newScenarioText(kind: CrisisKind, outputFile?: string): string {
  const template = readFileSync(templatePath(kind), 'utf8');
  const from = outputFile === undefined ? process.cwd() : dirname(resolve(outputFile));
  const schema = relative(from, resolve(ROOT, JSON_SCHEMA_PATH)).split('\\').join('/');
  let text = template.replace(/^# yaml-language-server: \$schema=.*$/m, `# yaml-language-server: $schema=${schema}`);
  const id = outputFile === undefined ? undefined : basename(outputFile, extname(outputFile)).toLowerCase();
  if (id !== undefined && /^[a-z][a-z0-9-]*$/.test(id)) text = text.replace(/^id: .*$/m, `id: ${id}`);
  const rules = modelRulesComment(loadScenarioText(template, templatePath(kind)).scenario);
  return text.replace(MODEL_RULES_MARKER, () => rules);
}
