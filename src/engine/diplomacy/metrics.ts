import type { MediationMetrics, RelationMetrics, RunMetrics, RunMilestoneSkippable } from '../../metrics/definitions.js';
import type { RecordedMetrics } from '../../metrics/recorder.js';
import { preparednessCostMusdPerYear } from '../../model/diplomacy.js';
import { relationKey } from '../../model/relations.js';
import type { Scenario } from '../../scenario/schema.js';
import type { RelationRecord } from '../trust/ledger.js';

/** What the diplomacy metrics are computed from at the end of a run. */
export interface DiplomacyRecord {
  scenario: Scenario;
  /** Relations whose trust moved or that held talks (the trust ledger). */
  moved: readonly RelationRecord[];
  mediations: readonly MediationMetrics[];
  incidents: number;
  /** First time each host that started closed admitted foreign help (null: never); absent hosts did not start closed. */
  accessByHost: ReadonlyMap<string, number | null>;
  nations: ReadonlyMap<string, { declined: boolean; conditions: string[]; talksHeld: number }>;
}

/** Completes the recorder's metrics with relations, access, mediation, incidents and peacetime costs. */
export function withDiplomacyMetrics(recorded: RecordedMetrics, record: DiplomacyRecord): RunMetrics {
  for (const [id, extra] of record.nations) Object.assign(recorded.nations[id]!, extra);
  const accepted = record.mediations.find((mediation) => mediation.outcome === 'accepted');
  const access = [...record.accessByHost.values()];
  // Milestones that are not this run's to miss: access where no host started closed, mediation where none began.
  const notApplicable: RunMilestoneSkippable[] = [];
  if (access.length === 0) notApplicable.push('accessHours');
  if (record.mediations.length === 0) notApplicable.push('mediationHours');
  return {
    ...recorded,
    accessHours: access.length === 0 || access.includes(null) ? null : Math.min(...(access as number[])),
    mediationHours: accepted?.hours ?? null,
    incidents: record.incidents,
    preparednessCostMusd: preparednessCostMusdPerYear(record.scenario),
    relations: relationMetrics(record.scenario, record.moved),
    mediations: record.mediations.map((mediation) => ({ ...mediation })),
    ...(notApplicable.length > 0 ? { notApplicable } : {}),
  };
}

/** Every declared relation (scenario order), then every other pair that moved (order of first change). */
function relationMetrics(scenario: Scenario, moved: readonly RelationRecord[]): RelationMetrics[] {
  const byKey = new Map(moved.map((record) => [relationKey(...record.between), record]));
  const relations: RelationMetrics[] = [];
  for (const relation of scenario.relations) {
    const key = relationKey(relation.between[0], relation.between[1]);
    const record = byKey.get(key);
    byKey.delete(key);
    relations.push(record ? { ...record, between: [...record.between] } : { between: [...relation.between].sort() as [string, string], trustStart: relation.trust, trustEnd: relation.trust, trustMin: relation.trust, talks: 0 });
  }
  for (const record of byKey.values()) relations.push({ ...record, between: [...record.between] });
  return relations;
}
