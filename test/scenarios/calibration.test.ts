import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALIBRATION_BEGIN, CALIBRATION_END, calibrationFigures, spread } from '../../src/experiment/calibration.js';
import { loadScenarioFile } from '../../src/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const doc = readFileSync(join(ROOT, 'docs/calibration.md'), 'utf8');
const files = readdirSync(join(ROOT, 'scenarios')).filter((name) => name.endsWith('.yaml')).sort();

/** The committed figures block of a scenario, between its markers. */
function committed(id: string): string | undefined {
  const begin = doc.indexOf(CALIBRATION_BEGIN(id));
  const end = doc.indexOf(CALIBRATION_END(id));
  return begin === -1 || end === -1 ? undefined : doc.slice(begin + CALIBRATION_BEGIN(id).length + 1, end - 1);
}

describe('docs/calibration.md figures are the engine\'s (run `npm run calibrate` after changing the model)', () => {
  for (const file of files) {
    it(file, () => {
      const loaded = loadScenarioFile(join(ROOT, 'scenarios', file));
      expect(committed(loaded.scenario.id), `no figures block for ${loaded.scenario.id}`).toBeDefined();
      expect(committed(loaded.scenario.id)).toBe(calibrationFigures(loaded));
    });
  }

  it('summarizes honestly: censored runs are counted, never averaged in as 0', () => {
    expect(spread([10, null, 30])).toBe('20 [10–30] (2/3)');
    expect(spread([null, null])).toBe('—');
    expect(spread([5])).toBe('5');
  });
});
