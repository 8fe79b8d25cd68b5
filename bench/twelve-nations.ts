import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadScenarioFile } from '../src/scenario/load.js';

/**
 * The batch benches' workload: the Caribbean earthquake (10 nations) with two more
 * contributors (Colombia and Venezuela modelled on Mexico), 172 metric columns, written
 * to `folder` with a one-point experiment of `replications` runs. Returns the experiment file.
 */
export function writeTwelveNationExperiment(folder: string, replications: number): string {
  const { scenario } = loadScenarioFile(resolve('scenarios/caribbean-earthquake.yaml'));
  const mexico = scenario.nations.find((nation) => nation.id === 'mex')!;
  const extra = [
    { ...structuredClone(mexico), id: 'col', name: 'Colombia' },
    { ...structuredClone(mexico), id: 'ven', name: 'Venezuela' },
  ];
  const twelve = {
    ...scenario,
    id: 'caribbean-earthquake-12',
    nations: [...scenario.nations, ...extra],
    relations: [...scenario.relations, { between: ['col', 'hti'], trust: 0.6, mou: true }, { between: ['ven', 'hti'], trust: 0.5 }],
  };
  writeFileSync(join(folder, 'twelve.yaml'), JSON.stringify(twelve));
  const file = join(folder, `bench-${replications}.yaml`);
  writeFileSync(file, JSON.stringify({ id: 'bench', name: 'bench', scenarios: ['twelve.yaml'], replications, seed: 1 }));
  return file;
}
