import type { NationMetrics } from '../metrics/definitions.js';
import type { TraceEntry } from '../metrics/trace.js';
import { militaryAllowed } from '../model/levers.js';
import { NO_RELATION, relationKey } from '../model/relations.js';
import type { Relation, Scenario } from '../scenario/schema.js';
import { nationOf, type RunView } from './analysis.js';
import type { CapabilitySummary } from './charts/needs.js';
import { durationText, hoursText, joinProse, round1, words } from './format.js';

/**
 * Strengths and areas for improvement, as an after-action report lists them: each is a
 * statement from the metrics and the reasons the scenario gives for it (agreements,
 * hotlines, frameworks, mandate rules). Thresholds are documented in docs/reports.md.
 */

export interface Finding {
  kind: 'strength' | 'improvement';
  /** A nation id, or `run` for the response as a whole. */
  subject: string;
  statement: string;
  reasons: string[];
  /** Hours at stake, for ordering the most costly first. */
  hours: number;
}

/** A stall at least this long is an area for improvement. */
export const LONG_STALL_HOURS = 24;
/** Consent or authorization at most this long, helped by an agreement, is a strength. */
export const QUICK_STEP_HOURS = 12;
/** First foreign units within this many hours is a strength; later is an area for improvement. */
export const PROMPT_RESPONSE_HOURS = 48;

/** Derives the findings of a run; `capabilities` adds per-capability findings when the need series is known. */
export function findingsOf(view: RunView, trace: readonly TraceEntry[], capabilities: readonly CapabilitySummary[] | null): Finding[] {
  const findings: Finding[] = [...runFindings(view, capabilities)];
  for (const lane of view.lanes) {
    const metrics = view.result.metrics.nations[lane.nation];
    if (metrics) findings.push(...nationFindings(view, trace, lane.nation, metrics));
  }
  findings.push(...coordinationFindings(view, trace));
  // Areas for improvement: the most hours at stake first. Strengths: the run's first, then the quickest.
  const improvements = findings.filter((finding) => finding.kind === 'improvement').sort((a, b) => b.hours - a.hours);
  const runFirst = (finding: Finding) => (finding.subject === 'run' ? 0 : 1);
  const strengths = findings.filter((finding) => finding.kind === 'strength').sort((a, b) => runFirst(a) - runFirst(b) || a.hours - b.hours);
  return [...strengths, ...improvements];
}

function relationOf(scenario: Scenario, a: string, b: string): Relation | null {
  return scenario.relations.find((relation) => relationKey(relation.between[0], relation.between[1]) === relationKey(a, b)) ?? null;
}

/** What the relation between a contributor and a host lacks, in words. */
function missingLevers(scenario: Scenario, nation: string, host: string, levers: readonly ('sofa' | 'protocol' | 'mou' | 'hotline' | 'trust')[]): string[] {
  const hostName = nationOf(scenario, host).name;
  const relation = relationOf(scenario, nation, host);
  if (!relation) return [`no agreement, hotline or joint training with ${hostName} at all (trust ${NO_RELATION.trust})`];
  const missing: string[] = [];
  for (const lever of levers) {
    if (lever === 'sofa' && !relation.sofa) missing.push(`no status-of-forces agreement with ${hostName}`);
    if (lever === 'protocol' && !relation.protocol) missing.push(`no pre-established response protocol with ${hostName}`);
    if (lever === 'mou' && !relation.mou) missing.push(`no memorandum of understanding with ${hostName}`);
    if (lever === 'hotline' && !relation.hotline) missing.push(`no hotline with ${hostName}: messages take ${scenario.parameters.diplomaticLatencyHours} h each way`);
    if (lever === 'trust' && relation.trust < 0.5) missing.push(`trust with ${hostName} is only ${relation.trust}`);
  }
  return missing;
}

/** What the relation between a contributor and a host has that speeds things up, in words. */
function presentLevers(scenario: Scenario, nation: string, host: string): string[] {
  const relation = relationOf(scenario, nation, host);
  const hostName = nationOf(scenario, host).name;
  if (!relation) return [];
  const present: string[] = [];
  if (relation.sofa) present.push(`status-of-forces agreement with ${hostName}`);
  if (relation.protocol) present.push(`pre-established response protocol with ${hostName}`);
  if (relation.mou) present.push(`memorandum of understanding with ${hostName}`);
  if (relation.hotline) present.push(`hotline with ${hostName}`);
  if (relation.jointTraining >= 0.3) present.push(`joint training (${relation.jointTraining}) with ${hostName}`);
  return present;
}

function foreignHosts(scenario: Scenario, nation: string): string[] {
  return scenario.crisis.hosts.filter((host) => host !== nation);
}

function nationFindings(view: RunView, trace: readonly TraceEntry[], nation: string, metrics: NationMetrics): Finding[] {
  const { scenario } = view;
  const name = nationOf(scenario, nation).name;
  const hosts = foreignHosts(scenario, nation);
  const isHost = hosts.length < scenario.crisis.hosts.length;
  const stall = metrics.stallHours;
  const findings: Finding[] = [];
  const improvement = (hours: number, statement: string, reasons: string[]) => findings.push({ kind: 'improvement', subject: nation, statement, reasons, hours });
  const strength = (hours: number, statement: string, reasons: string[]) => findings.push({ kind: 'strength', subject: nation, statement, reasons, hours });

  if (stall.consent >= LONG_STALL_HOURS) {
    const reasons = hosts.flatMap((host) => [...missingLevers(scenario, nation, host, ['sofa', 'protocol', 'hotline', 'trust']), ...hostPolicyReasons(scenario, trace, host)]);
    improvement(stall.consent, `${name}: consent took ${durationText(stall.consent)}`, reasons);
  } else if (!isHost && metrics.consentHours !== null && stall.consent <= QUICK_STEP_HOURS) {
    const helped = hosts.flatMap((host) => presentLevers(scenario, nation, host));
    if (helped.length > 0) strength(stall.consent, `${name}: consent in ${durationText(stall.consent)}`, helped);
  }
  if (stall.mandate >= LONG_STALL_HOURS) {
    improvement(stall.mandate, `${name}: ${metrics.mandateHours === null ? 'the mandate never came' : `waited ${durationText(stall.mandate)} for a mandate`}`, mandateReasons(view, trace, nation));
  }
  if (stall.bureaucracy >= LONG_STALL_HOURS) {
    improvement(stall.bureaucracy, `${name}: domestic authorization took ${durationText(stall.bureaucracy)}`, [
      ...hosts.flatMap((host) => missingLevers(scenario, nation, host, ['protocol', 'mou'])),
      'protocols cut authorization by 60% and MOUs by 20% (docs/model.md)',
    ]);
  } else if (!isHost && metrics.authorizeHours !== null && stall.bureaucracy <= QUICK_STEP_HOURS) {
    const helped = hosts.flatMap((host) => presentLevers(scenario, nation, host)).filter((lever) => lever.includes('protocol'));
    if (helped.length > 0) strength(stall.bureaucracy, `${name}: authorized in ${durationText(stall.bureaucracy)}`, helped);
  }
  if (stall.interoperability > 0) {
    improvement(stall.interoperability, `${name}: ${durationText(stall.interoperability)} spent integrating with the host's procedures`, hosts.map((host) => interoperabilityReason(scenario, nation, host)));
  }
  if (stall.intelligence > 0) {
    improvement(stall.intelligence, `${name}: waited ${durationText(stall.intelligence)} for intelligence sharing`, hosts.map((host) => {
      const sharing = nationOf(scenario, host).sovereignty.intelligenceSharing;
      return `${nationOf(scenario, host).name} shares intelligence with ${sharing === 'partners' ? 'partners only (an MOU or protocol)' : 'no one'}`;
    }));
  }
  if (stall.resources > 0) {
    improvement(stall.resources, `${name}: waited ${durationText(stall.resources)} with nothing it could offer`, resourceReasons(view, nation));
  }
  if (metrics.firstDeployHours === null) {
    const last = view.lanes.find((lane) => lane.nation === nation)?.phases.at(-1);
    improvement(view.result.horizonHours, `${name}: never deployed before the horizon`, last ? [`it ended the run ${words(last.state)}`] : []);
  }
  return findings;
}

/** Why a nation had no units to offer: armed-forces rules, budget, personnel caps. */
function resourceReasons(view: RunView, nationId: string): string[] {
  const { scenario } = view;
  const nation = nationOf(scenario, nationId);
  const reasons: string[] = [];
  for (const host of foreignHosts(scenario, nationId)) {
    const hostNation = nationOf(scenario, host);
    const relation = relationOf(scenario, nationId, host) ?? NO_RELATION;
    const allowed = militaryAllowed(hostNation.sovereignty.armedForces, relation, relation.trust);
    const military = nation.resources.filter((resource) => resource.units > 0 && resource.military).length;
    if (!allowed && military > 0) reasons.push(`${hostNation.name} ${hostNation.sovereignty.armedForces === 'forbidden' ? 'forbids' : 'restricts'} foreign armed forces (no SOFA or protocol) and ${military} of its resource pools are military`);
    if (hostNation.sovereignty.foreignPersonnelCap !== null) reasons.push(`${hostNation.name} caps foreign personnel at ${hostNation.sovereignty.foreignPersonnelCap}`);
  }
  const days = view.result.horizonHours / 24;
  const cheapest = Math.min(...nation.resources.filter((resource) => resource.units > 0).map((resource) => resource.costMusdPerUnitDay * days));
  if (cheapest > nation.budgetMusd) reasons.push(`its budget (${nation.budgetMusd} MUSD) does not cover one unit for the ${round1(days)} days planned`);
  return reasons.length > 0 ? reasons : ['budget, personnel caps or rules on armed forces left no units to send'];
}

/** When the host first set a consent policy, from its trace: explains waits before that. */
function hostPolicyReasons(scenario: Scenario, trace: readonly TraceEntry[], host: string): string[] {
  const hostName = nationOf(scenario, host).name;
  const sovereignty = nationOf(scenario, host).sovereignty;
  const reasons: string[] = [];
  if (sovereignty.consent === 'refused') reasons.push(`${hostName} refuses foreign deployments until needs press hard`);
  const policy = trace.find((entry) => entry.agent === `host:${host}` && entry.event === 'state' && ['open', 'restrictive', 'closed'].includes(entry.to ?? ''));
  const firstRequest = trace.find((entry) => entry.agent === `host:${host}` && entry.event === 'consent.requested');
  if (policy && firstRequest && policy.t > firstRequest.t) {
    reasons.push(`${hostName} took ${durationText(policy.t - firstRequest.t)} after the first request to set a consent policy (${policy.to})`);
  }
  return reasons;
}

function mandateReasons(view: RunView, trace: readonly TraceEntry[], nation: string): string[] {
  const { scenario } = view;
  const orgs = nationOf(scenario, nation).decision.mandateFrom;
  const reasons = [`its law requires a mandate from ${joinProse(orgs.map((org) => scenario.organizations.find((o) => o.id === org)?.name ?? org))} before deploying abroad`];
  for (const org of scenario.organizations.filter((o) => orgs.includes(o.id))) {
    const votes = trace.filter((entry) => entry.agent === `org:${org.id}` && entry.event === 'votes.counted');
    const rule = org.rule === 'veto' ? `majority with vetoes held by ${joinProse(org.vetoHolders)}` : org.rule;
    reasons.push(
      `${org.name} decides by ${rule}; it convenes, deliberates, then votes` +
        (votes.length > 0 ? ` (${votes.map((vote) => `round ${String(vote.data?.['round'])} at ${hoursText(vote.t)}: ${String(vote.data?.['yes'])} of ${String(vote.data?.['of'])} in favour`).join('; ')})` : ' (no vote was held)'),
    );
  }
  return reasons;
}

function interoperabilityReason(scenario: Scenario, nation: string, host: string): string {
  const contributor = nationOf(scenario, nation);
  const hostNation = nationOf(scenario, host);
  const training = relationOf(scenario, nation, host)?.jointTraining ?? 0;
  const frameworks = (list: readonly string[]) => (list.length > 0 ? list.join(', ') : 'none');
  return `no shared framework with ${hostNation.name} (${contributor.name}: ${frameworks(contributor.frameworks)}; ${hostNation.name}: ${frameworks(hostNation.frameworks)}); joint training ${training}`;
}

function runFindings(view: RunView, capabilities: readonly CapabilitySummary[] | null): Finding[] {
  const { scenario, result } = view;
  const metrics = result.metrics;
  const findings: Finding[] = [];
  const first = metrics.firstResponseHours;
  if (first !== null) {
    const fastest = Object.entries(metrics.nations).find(([id, nation]) => nation.firstDeployHours === first && !scenario.crisis.hosts.includes(id));
    const reasons = fastest ? [`${nationOf(scenario, fastest[0]).name} arrived first`, ...foreignHosts(scenario, fastest[0]).flatMap((host) => presentLevers(scenario, fastest[0], host))] : [];
    findings.push({ kind: first <= PROMPT_RESPONSE_HOURS ? 'strength' : 'improvement', subject: 'run', statement: `First foreign units arrived after ${hoursText(first)}`, reasons, hours: first });
  } else {
    findings.push({ kind: 'improvement', subject: 'run', statement: 'No foreign units arrived before the horizon', reasons: [], hours: result.horizonHours });
  }
  if (metrics.needsMet90Hours !== null) {
    findings.push({ kind: 'strength', subject: 'run', statement: `90% of needs met after ${hoursText(metrics.needsMet90Hours)}`, reasons: [], hours: metrics.needsMet90Hours });
  } else {
    const worst = capabilities ? [...capabilities].sort((a, b) => b.peakUnmet - a.peakUnmet)[0] : undefined;
    findings.push({
      kind: 'improvement',
      subject: 'run',
      statement: 'Needs were never 90% met before the horizon',
      reasons: worst ? [`largest shortfall: ${worst.capability}, ${round1(worst.peakUnmet)} units short at worst`] : [],
      hours: result.horizonHours,
    });
  }
  for (const capability of capabilities ?? []) {
    if (capability.firstFullyMetHours !== null) continue;
    const suppliers = scenario.nations.filter((nation) => nation.resources.some((resource) => resource.capability === capability.capability && resource.units > 0));
    findings.push({
      kind: 'improvement',
      subject: 'run',
      statement: `${capability.capability} need was never fully met`,
      reasons: [
        `at the end of the acute phase ${round1(capability.needAtEnd)} units were needed and ${round1(capability.supplyAtEnd)} supplied`,
        suppliers.length > 0 ? `nations holding ${capability.capability}: ${joinProse(suppliers.map((nation) => nation.name))}` : `no nation in the scenario holds ${capability.capability}`,
      ],
      hours: 0,
    });
  }
  if (metrics.escalations > 0) findings.push({ kind: 'improvement', subject: 'run', statement: `${metrics.escalations} escalation(s) of the conflict`, reasons: belligerentReasons(scenario), hours: 0 });
  if (metrics.attacks > 0) findings.push({ kind: 'improvement', subject: 'run', statement: `${metrics.attacks} attack(s) during the response`, reasons: ['counter-terrorism cover and intelligence sharing lower the attack hazard'], hours: 0 });
  return findings;
}

function belligerentReasons(scenario: Scenario): string[] {
  const [a, b] = scenario.crisis.belligerents;
  if (!a || !b) return [];
  const relation = relationOf(scenario, a, b);
  const names = `${nationOf(scenario, a).name} and ${nationOf(scenario, b).name}`;
  return [relation?.hotline ? `${names} have a hotline (trust ${relation.trust})` : `no hotline between ${names}`, 'hotlines, trust and peacekeeping cover lower the escalation hazard'];
}

function coordinationFindings(view: RunView, trace: readonly TraceEntry[]): Finding[] {
  const findings: Finding[] = [];
  for (const org of view.scenario.organizations) {
    if (!org.coordinationCell) continue;
    const working = trace.find((entry) => entry.agent === `cell:${org.id}` && entry.event === 'state' && entry.to === 'working');
    if (working) findings.push({ kind: 'strength', subject: 'run', statement: `${org.name} coordination cell working from ${hoursText(working.t)}`, reasons: ['a working cell cuts duplicated effort among contributors'], hours: working.t });
  }
  return findings;
}
