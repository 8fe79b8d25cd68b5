import fc from 'fast-check';
import type { ExperimentManifest } from '../../src/experiment/manifest.js';
import type { RunOutcome } from '../../src/experiment/records.js';

/** Manifests and run outcomes for property tests of the run-line formats (run-format, run-scan). */

/** Text with the characters CSV and JSON treat specially: quotes, commas, line ends, formula starts. */
export const hostileText = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', '=', '-', '+', '@', "'", '1', '.', 'é', '\\') , maxLength: 8 });

export const manifestArb = fc
  .record({
    names: fc.uniqueArray(fc.oneof(hostileText.map((text) => `m.${text}`), fc.constantFrom('3', '0', 'usa.accessHours')), { minLength: 0, maxLength: 6 }),
    censorable: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    factors: fc.uniqueArray(hostileText, { maxLength: 2 }),
    points: fc.array(fc.record({ scenario: hostileText, factorValues: fc.array(fc.oneof(fc.double({ noNaN: true }), fc.boolean(), hostileText, fc.constant({ a: [1, 'x'] })), { minLength: 2, maxLength: 2 }) }), { minLength: 1, maxLength: 3 }),
  })
  .map(({ names, censorable, factors, points }): ExperimentManifest => ({
    format: 'crisis-sim/experiment@1',
    engine: { name: 'crisis-sim', version: '0.0.0-test' },
    experimentHash: 'sha256:0',
    id: 'x',
    name: 'x',
    question: '',
    design: 'grid',
    seed: 7,
    replications: 5,
    stopping: null,
    horizonHours: 100,
    series: null,
    factors: factors.map((name) => ({ name, path: null, values: [] })),
    baselinePoint: 0,
    points: points.map((point, index) => ({ index, scenario: point.scenario, scenarioHash: `sha256:${index}`, values: Object.fromEntries(factors.map((name, k) => [name, point.factorValues[k]!])) })),
    columns: names.map((name, k) => ({ name, censorable: censorable[k]! })),
  }));

export function outcomeArb(manifest: ExperimentManifest): fc.Arbitrary<RunOutcome> {
  const columns = manifest.columns.length;
  return fc.record({
    run: fc.nat({ max: manifest.points.length * manifest.replications - 1 }),
    status: fc.constantFrom('ok' as const, 'error' as const, 'timeout' as const),
    error: fc.option(hostileText),
    censoredAtHours: fc.option(fc.oneof(fc.double(), fc.integer())),
    cells: fc.array(fc.oneof(fc.constant(null), fc.constant('na' as const), fc.double(), fc.integer({ min: -1e6, max: 1e6 })), { minLength: columns, maxLength: columns }),
    series: fc.option(fc.constant({ hours: [0, 6], values: { 'usa.x': [1, null] } }), { nil: undefined }),
  }).map(({ cells, series, ...rest }) => ({
    ...rest,
    values: cells.map((cell) => (cell === 'na' ? null : cell)),
    notApplicable: cells.flatMap((cell, k) => (cell === 'na' ? [k] : [])),
    ...(series ? { series: series as never } : {}),
  }));
}
