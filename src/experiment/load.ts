import { EXPERIMENT_LIMITS } from './limits.js';
import { dirname, resolve } from 'node:path';
import { formatPath, ScenarioError, type ScenarioIssue } from '../scenario/issues.js';
import { hashScenario } from '../scenario/hash.js';
import { loadScenarioFile, type LoadedScenario } from '../scenario/load.js';
import { readDurationFields } from '../scenario/duration-fields.js';
import { brokenPaths, positionOf } from '../scenario/positions.js';
import { isRecord } from '../scenario/schema-walk.js';
import { scenarioSchema, type Scenario } from '../scenario/schema.js';
import { checkSemantics } from '../scenario/semantic.js';
import { parseScenarioSource, readScenarioText } from '../scenario/source.js';
import { explainZodIssues, type SchemaProblem } from '../scenario/zod-issues.js';
import { allColumns, selectColumns, type MetricColumn } from './columns.js';
import { baselineValueIndex, designPoints, key, resolveFactors, type DesignPoint, type ResolvedFactor } from './design.js';
import { applyFactor, FactorPathError, parsePath } from './factor-path.js';
import { SOBOL_MAX_FACTORS } from './global-sensitivity.js';
import { sealManifest, type ExperimentManifest } from './manifest.js';
import { experimentSchema, SAMPLED_DESIGNS, type ExperimentDefinition, type FactorValue } from './schema.js';
import { didYouMean } from '../scenario/suggest.js';
import { salvageDefinition } from './salvage.js';

/** A design point ready to run: the scenario with its factor values applied, and its hash. */
export interface PreparedPoint extends DesignPoint {
  scenario: number;
  run: { scenario: Scenario; hash: string };
}

/** An experiment as loaded: validated, design expanded, every design point's scenario built and checked. */
export interface Experiment {
  file: string;
  definition: ExperimentDefinition;
  scenarios: LoadedScenario[];
  factors: ResolvedFactor[];
  points: PreparedPoint[];
  columns: MetricColumn[];
  manifest: ExperimentManifest;
}

/** Reads and checks an experiment file; throws {@link ScenarioError} listing every problem with its position. */
export function loadExperimentFile(file: string): Experiment {
  const read = readScenarioText(file);
  if ('issue' in read) throw new ScenarioError([read.issue]);
  return loadExperimentText(read.text, file);
}

/** Checks experiment text; scenario paths are relative to `file`'s folder. */
export function loadExperimentText(text: string, file = '<experiment>'): Experiment {
  const parsed = parseScenarioSource(text, file, { tolerant: true });
  if (Array.isArray(parsed)) throw new ScenarioError(parsed);
  const at = (path: (string | number)[], message: string, code: string): ScenarioIssue => ({
    severity: 'error',
    code,
    message,
    path,
    file,
    position: positionOf(parsed.doc, parsed.lineCounter, path),
  });
  const durations = readDurationFields(experimentSchema, parsed.data ?? {});
  const data = durations.data;
  const result = experimentSchema.safeParse(data);
  // Every problem at once: syntax, durations, shape, and the listed scenarios' own problems.
  const broken = brokenPaths(parsed);
  const shape: SchemaProblem[] = [...durations.problems, ...(result.success ? [] : explainZodIssues(experimentSchema, result.error.issues, data))].filter(
    (problem) => !broken.some((path) => path.every((part, index) => problem.path[index] === part)),
  );
  const early: ScenarioIssue[] = [
    ...parsed.syntax,
    ...shape.map((problem) => ({ ...problem, file, position: positionOf(parsed.doc, parsed.lineCounter, problem.key === undefined ? problem.path : problem.path.slice(0, -1), problem.key) })),
  ];
  const listed = isRecord(data) && Array.isArray(data.scenarios) ? data.scenarios : [];
  const loadedOrIssues = listed.map((path, index) =>
    typeof path === 'string' ? loadBase(resolve(dirname(file), path), (message) => at(['scenarios', index], message, 'scenario.unreadable')) : [],
  );
  early.push(...loadedOrIssues.filter((each): each is ScenarioIssue[] => Array.isArray(each)).flat());
  const loaded = loadedOrIssues.every((each) => !Array.isArray(each)) ? (loadedOrIssues as LoadedScenario[]) : undefined;
  if (early.length > 0 || !result.success) {
    // Every problem at once: the fields that are valid on their own are still checked against the scenarios.
    const partial = salvageDefinition(data);
    const later = partial && loaded ? checkDefinition(partial.definition, loaded, partial.blame(at)).issues : [];
    throw new ScenarioError(inFileOrder(file, dedupe([...early, ...later])));
  }
  const definition = result.data;
  const scenarios = loaded!;
  const checked = checkDefinition(definition, scenarios, at);
  if (checked.issues.length > 0 || !checked.points) throw new ScenarioError(inFileOrder(file, dedupe(checked.issues)));
  const { factors, selection, points: prepared } = checked;

  const baselinePoint = findBaseline(prepared, factors, checked.baseline as number[], definition);
  if (baselinePoint === undefined) throw new ScenarioError([at(['baseline'], 'no design point has these baseline values (a latin-hypercube, morris or sobol design has no baseline arm unless a point matches)', 'baseline.no_point')]);

  const manifest = sealManifest({
    id: definition.id,
    name: definition.name,
    question: definition.question,
    design: definition.design,
    seed: definition.seed,
    replications: definition.replications,
    stopping: definition.stopping ?? null,
    horizonHours: definition.horizonHours ?? null,
    series: definition.series ?? null,
    factors: factors.map((factor) => ({ name: factor.name, path: factor.path, values: factor.values })),
    baselinePoint,
    points: prepared.map((point) => ({ index: point.index, values: point.values, scenario: point.run.scenario.id, scenarioHash: point.run.hash })),
    columns: selection.columns.map((column) => ({ name: column.name, censorable: column.censorable })),
  });
  return { file, definition, scenarios, factors, points: prepared, columns: selection.columns, manifest };
}

type Blame = (path: (string | number)[], message: string, code: string) => ScenarioIssue;

/**
 * Checks a definition against its scenarios: factor and baseline names, baseline values,
 * metrics, the stopping metric, the design's size, and every factor value of every design
 * point, all before anything is reported. Gives the design points only when the design
 * could be built (its size within limits, `samples` given where needed).
 */
function checkDefinition(definition: ExperimentDefinition, scenarios: LoadedScenario[], at: Blame) {
  const factors = resolveFactors(definition, scenarios.map((loaded) => loaded.scenario.id));
  const issues = checkNames(definition, factors, at);
  const baseline = baselineValueIndex(factors, definition.baseline);
  baseline.forEach((index, j) => {
    if (index === undefined) issues.push(at(['baseline', factors[j]!.name], unknownValueMessage(factors[j]!, definition.baseline[factors[j]!.name]!), 'baseline.unknown_value'));
  });
  const nations = [...new Set(scenarios.flatMap((loaded) => loaded.scenario.nations.map((nation) => nation.id)))];
  const selection = selectColumns(allColumns(nations), definition.metrics);
  for (const { index, message } of selection.unmatched) issues.push(at(['metrics', index], message, 'metric.unknown'));
  if (definition.stopping && !allColumns(nations).some((column) => column.name === definition.stopping!.metric)) {
    issues.push(at(['stopping', 'metric'], `no metric "${definition.stopping.metric}"${didYouMean(definition.stopping.metric, allColumns(nations).map((column) => column.name))}`, 'metric.unknown'));
  } else if (definition.stopping && !selection.columns.some((column) => column.name === definition.stopping!.metric)) {
    issues.push(at(['stopping', 'metric'], `the stopping metric "${definition.stopping.metric}" must be one of the collected metrics`, 'metric.not_collected'));
  }
  const size = refuseHugeDesign(definition, factors, at);
  if (size) issues.push(size);
  if (size || (SAMPLED_DESIGNS.includes(definition.design) && definition.samples === undefined)) return { issues, factors, selection, baseline, points: undefined };
  const design = designPoints(definition.design, factors, baseline.map((index) => index ?? 0), { seed: definition.seed, ...(definition.samples ? { samples: definition.samples } : {}) });
  const points = design.map((point) => preparePoint(point, factors, scenarios, at));
  issues.push(...points.flatMap((point) => ('issues' in point ? point.issues : [])));
  return { issues, factors, selection, baseline, points: issues.length > 0 ? undefined : (points as PreparedPoint[]) };
}

/** Issues of the experiment file in line order, then those of other files (its scenarios). */
function inFileOrder(file: string, issues: ScenarioIssue[]): ScenarioIssue[] {
  return [...issues].sort((a, b) => Number(a.file !== file) - Number(b.file !== file) || a.position.line - b.position.line || a.position.col - b.position.col);
}

/** Design points of a design before it is built, to refuse a plan too big to hold (EXPERIMENT_LIMITS). */
function refuseHugeDesign(definition: ExperimentDefinition, factors: ResolvedFactor[], at: Blame): ScenarioIssue | undefined {
  const k = factors.length;
  const samples = definition.samples ?? 0;
  const points =
    definition.design === 'full-factorial'
      ? factors.reduce((product, factor) => product * factor.values.length, 1)
      : definition.design === 'one-at-a-time'
        ? 1 + factors.reduce((sum, factor) => sum + factor.values.length - 1, 0)
        : definition.design === 'latin-hypercube'
          ? samples
          : definition.design === 'morris'
            ? samples * (k + 1)
            : samples * (k + 2);
  if (definition.design === 'sobol' && k > SOBOL_MAX_FACTORS) {
    return at(['factors'], `a sobol design takes at most ${SOBOL_MAX_FACTORS} factors (its Sobol' sequence has two coordinates per factor); this one has ${k}`, 'experiment.too_large');
  }
  if (points > EXPERIMENT_LIMITS.maxDesignPoints) {
    return at(['factors'], `the design has ${points.toExponential(2)} design points; the limit is ${EXPERIMENT_LIMITS.maxDesignPoints} (fewer factors or values, or a latin-hypercube design)`, 'experiment.too_large');
  }
  const runs = points * definition.replications;
  if (runs > EXPERIMENT_LIMITS.maxRuns) {
    return at(['replications'], `${points} design points x ${definition.replications} replications = ${runs} runs; the limit is ${EXPERIMENT_LIMITS.maxRuns} (fewer replications, or a stopping rule)`, 'experiment.too_large');
  }
  return undefined;
}

/** Loads a base scenario, or its problems; a file that cannot be read is blamed on the experiment's `scenarios` entry. */
function loadBase(path: string, blame: (message: string) => ScenarioIssue): LoadedScenario | ScenarioIssue[] {
  try {
    return loadScenarioFile(path);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    if (error.issues.length === 1 && error.issues[0]!.code === 'file.unreadable') return [blame(`scenario ${path}: ${error.issues[0]!.message}`)];
    return error.issues;
  }
}

/** Factor names must be unique and must not clash with the fixed columns. */
function checkNames(definition: ExperimentDefinition, factors: ResolvedFactor[], at: Blame): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const seen = new Set<string>(factors.filter((factor) => factor.fileIndex === null).map((factor) => factor.name));
  definition.factors.forEach((factor, index) => {
    if (seen.has(factor.name)) issues.push(at(['factors', index, 'name'], `duplicate factor name "${factor.name}"`, 'factor.duplicate'));
    seen.add(factor.name);
  });
  for (const name of Object.keys(definition.baseline)) {
    if (!seen.has(name)) issues.push(at(['baseline', name], `no factor "${name}"${didYouMean(name, [...seen])}`, 'baseline.unknown_factor'));
  }
  return issues;
}

/**
 * Applies a design point's factor values to its scenario, one factor at a time, and
 * validates the result like a scenario file, so a bad value is blamed on its factor and
 * a misspelt field at the end of a path on the path. A factor that fails is reported and
 * skipped, so the other factors are still checked.
 */
function preparePoint(point: DesignPoint, factors: ResolvedFactor[], scenarios: LoadedScenario[], at: Blame): PreparedPoint | { issues: ScenarioIssue[] } {
  const base = scenarios[point.scenario]!;
  let scenario = base.scenario;
  const issues: ScenarioIssue[] = [];
  for (const [j, factor] of factors.entries()) {
    if (factor.path === null) continue;
    const value = point.values[factor.name]!;
    const where = factor.range !== null ? ['factors', factor.fileIndex!, 'range'] : ['factors', factor.fileIndex!, 'values', point.valueIndex[j]!];
    const atPath = (message: string) => at(['factors', factor.fileIndex!, 'path'], `factor "${factor.name}" in scenario ${base.scenario.id}: ${message}`, 'factor.path');
    let applied: Scenario;
    try {
      applied = applyFactor(scenario, factor.path, value);
    } catch (error) {
      if (!(error instanceof FactorPathError)) throw error;
      issues.push(atPath(error.message));
      continue;
    }
    const checked = scenarioSchema.safeParse(applied);
    if (!checked.success) {
      const first = explainZodIssues(scenarioSchema, checked.error.issues, applied)[0]!;
      if (first.code === 'schema.unrecognized_key' && first.key === parsePath(factor.path).at(-1)) issues.push(atPath(first.message));
      else issues.push(at(where, `factor "${factor.name}" = ${key(value)} makes scenario ${base.scenario.id} invalid: ${first.message} (${formatPath(first.path)})`, 'factor.value'));
      continue;
    }
    const semantic = checkSemantics(checked.data).find((problem) => problem.severity === 'error');
    if (semantic) {
      issues.push(at(where, `factor "${factor.name}" = ${key(value)} makes scenario ${base.scenario.id} invalid: ${semantic.message} (${formatPath(semantic.path)})`, 'factor.value'));
      continue;
    }
    scenario = checked.data;
  }
  return issues.length > 0 ? { issues } : { ...point, run: { scenario, hash: hashScenario(scenario) } };
}

/** A baseline value that is not one of its factor's values: the values it could be, and the closest name for a string. */
function unknownValueMessage(factor: ResolvedFactor, value: FactorValue): string {
  const listed = factor.values.map((candidate) => key(candidate));
  const hint = typeof value === 'string' ? didYouMean(value, factor.values.filter((candidate): candidate is string => typeof candidate === 'string')) : '';
  return `baseline value ${key(value)} is not one of the values of factor "${factor.name}" (${listed.join(', ')})${hint}`;
}

function findBaseline(points: PreparedPoint[], factors: ResolvedFactor[], baseline: number[], definition: ExperimentDefinition): number | undefined {
  if (SAMPLED_DESIGNS.includes(definition.design) && Object.keys(definition.baseline).length === 0) return 0;
  const wanted = factors.map((factor, j) => key(factor.values[baseline[j]!]!));
  return points.find((point) => factors.every((factor, j) => key(point.values[factor.name]!) === wanted[j]))?.index;
}

function dedupe(issues: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const id = `${issue.position.line}:${issue.position.col}:${issue.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
