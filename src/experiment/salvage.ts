import { isRecord } from '../scenario/schema-walk.js';
import type { ScenarioIssue } from '../scenario/issues.js';
import { experimentSchema, factorSchema, type ExperimentDefinition } from './schema.js';

type Blame = (path: (string | number)[], message: string, code: string) => ScenarioIssue;

/**
 * What of an experiment file whose shape is wrong can still be checked against its
 * scenarios, so that a misspelt factor path, baseline name or metric is reported in the
 * same pass as, say, `replications: 0`: each top-level field that is valid on its own
 * (one that is not takes its default, or is left out), and each factor that is valid on
 * its own. `blame` turns the factors' indices back into the file's, for positions.
 * Undefined when the file is not a mapping.
 */
export function salvageDefinition(data: unknown): { definition: ExperimentDefinition; blame: (at: Blame) => Blame } | undefined {
  if (!isRecord(data)) return undefined;
  const fields: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(experimentSchema.shape)) {
    const field = schema.safeParse(data[name]);
    const fallback = field.success ? field : schema.safeParse(undefined);
    if (fallback.success && fallback.data !== undefined) fields[name] = fallback.data;
  }
  const listed = Array.isArray(data.factors) ? data.factors : [];
  const valid = listed.flatMap((factor, index) => {
    const parsed = factorSchema.safeParse(factor);
    return parsed.success ? [{ factor: parsed.data, index }] : [];
  });
  fields.factors = valid.map(({ factor }) => factor);
  // Required fields that are broken: stand-ins that let the rest be checked (their own problem is already reported).
  fields.id ??= 'experiment';
  fields.name ??= 'experiment';
  fields.replications ??= 1;
  const definition = fields as ExperimentDefinition;
  if (!Array.isArray(definition.scenarios)) return undefined;
  const blame = (at: Blame): Blame => (path, message, code) => at(path[0] === 'factors' && typeof path[1] === 'number' ? ['factors', valid[path[1]]!.index, ...path.slice(2)] : path, message, code);
  return { definition, blame };
}
