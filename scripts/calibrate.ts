/**
 * `npm run calibrate`: regenerates the model figures of docs/calibration.md from the
 * current engine (seeds 1-20 per shipped scenario). test/scenarios/calibration.test.ts
 * fails when the committed figures differ from what the engine produces.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calibrationFigures, replaceCalibrationFigures } from '../src/experiment/calibration.js';
import { loadScenarioFile } from '../src/scenario/load.js';

const DOC = 'docs/calibration.md';
const figures = new Map<string, string>();
for (const file of readdirSync('scenarios').filter((name) => name.endsWith('.yaml')).sort()) {
  const loaded = loadScenarioFile(join('scenarios', file));
  process.stderr.write(`calibrate: ${file}\n`);
  figures.set(loaded.scenario.id, calibrationFigures(loaded));
}
writeFileSync(DOC, replaceCalibrationFigures(readFileSync(DOC, 'utf8'), figures));
process.stderr.write(`calibrate: ${DOC} updated (${figures.size} scenarios)\n`);
