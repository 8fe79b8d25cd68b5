import { LINT_LIMITS } from './lint.js';
import { checkPlayability } from './playability.js';
import type { Scenario } from './schema.js';
import { isRecord } from './schema-walk.js';
import type { SemanticProblem } from './semantic-problem.js';
import { closest, didYouMean } from './suggest.js';

export type { SemanticProblem } from './semantic-problem.js';

type Path = (string | number)[];

/**
 * Checks that go beyond shape: every id a scenario refers to exists (with the closest
 * existing id, or the nation whose name was written, as a hint), ids are unique,
 * relations join two different nations, injects fall inside the horizon; then the
 * playability warnings of {@link checkPlayability}.
 */
export function checkSemantics(scenario: Scenario): SemanticProblem[] {
  const problems = checkReferences(scenario);
  if (problems.length === 0) problems.push(...checkPlayability(scenario));
  return problems;
}

/**
 * The reference and uniqueness checks of {@link checkSemantics} on data that may not have
 * passed the schema (fields missing, wrong types): whatever can be checked is, so a typo
 * in one field does not hide an unknown id in another. Values of the wrong type are
 * skipped here; the schema reports them.
 */
export function checkReferences(data: unknown): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const root = record(data);
  const nations = list(root.nations).map(record);
  const nationIds = new Set<string>();
  nations.forEach((nation, index) => {
    const id = text(nation.id);
    if (id === undefined) return;
    if (nationIds.has(id)) problems.push(error('id.duplicate', `duplicate nation id "${id}"`, ['nations', index, 'id']));
    nationIds.add(id);
  });
  const names = nationNames(data);
  const organizations = list(root.organizations).map(record);
  const orgIds = new Set<string>();
  organizations.forEach((org, index) => {
    const id = text(org.id);
    if (id === undefined) return;
    if (orgIds.has(id) || nationIds.has(id)) problems.push(error('id.duplicate', `duplicate id "${id}"`, ['organizations', index, 'id']));
    orgIds.add(id);
  });
  const nation = (value: unknown, path: Path) => {
    if (typeof value === 'string' && !nationIds.has(value)) {
      problems.push(error('ref.unknown', `unknown nation id "${value}"${nationHint(value, nationIds, names)}`, path));
    }
  };
  const organization = (value: unknown, path: Path) => {
    if (typeof value === 'string' && !orgIds.has(value)) {
      problems.push(error('ref.unknown', `unknown organization id "${value}"${didYouMean(value, orgIds)}`, path));
    }
  };

  nations.forEach((n, index) => list(record(n.decision).mandateFrom).forEach((org, k) => organization(org, ['nations', index, 'decision', 'mandateFrom', k])));
  const pairs = new Set<string>();
  list(root.relations).map(record).forEach((relation, index) => {
    const between = list(relation.between);
    between.forEach((member, k) => nation(member, ['relations', index, 'between', k]));
    const [a, b] = between;
    if (typeof a !== 'string' || typeof b !== 'string') return;
    if (a === b) problems.push(error('relation.self', `a relation must join two different nations, got "${a}" twice`, ['relations', index, 'between']));
    const key = [a, b].sort().join('|');
    if (pairs.has(key)) problems.push(error('relation.duplicate', `a second relation between "${a}" and "${b}"`, ['relations', index, 'between']));
    pairs.add(key);
  });
  organizations.forEach((org, index) => {
    if (isRecord(org.civilMilitary) && !isRecord(org.coordinationCell)) {
      problems.push(error('org.civil_military_without_cell', `organization "${String(org.id)}" tasks military assets (civilMilitary) but has no coordinationCell to do it`, ['organizations', index, 'civilMilitary']));
    }
    const members = list(org.members);
    members.forEach((member, k) => nation(member, ['organizations', index, 'members', k]));
    list(org.vetoHolders).forEach((holder, k) => {
      nation(holder, ['organizations', index, 'vetoHolders', k]);
      if (typeof holder === 'string' && !members.includes(holder)) {
        problems.push(error('ref.not_member', `veto holder "${holder}" is not a member of "${String(org.id)}"`, ['organizations', index, 'vetoHolders', k]));
      }
    });
    const lead = record(org.envoy).lead;
    nation(lead, ['organizations', index, 'envoy', 'lead']);
    if (typeof lead === 'string' && nationIds.has(lead) && !members.includes(lead)) {
      problems.push(error('ref.not_member', `envoy lead "${lead}" is not a member of "${String(org.id)}"`, ['organizations', index, 'envoy', 'lead']));
    }
  });
  const crisis = record(root.crisis);
  list(crisis.hosts).forEach((host, k) => nation(host, ['crisis', 'hosts', k]));
  list(crisis.belligerents).forEach((party, k) => nation(party, ['crisis', 'belligerents', k]));
  const horizonHours = typeof root.horizonHours === 'number' ? root.horizonHours : 720;
  const injectIds = new Set<string>();
  const taskIds = new Set(
    list(record(root.evaluation).objectives)
      .flatMap((objective) => list(record(objective).capabilities))
      .flatMap((capability) => list(record(capability).tasks))
      .map((task) => text(record(task).id))
      .filter((id): id is string => id !== undefined),
  );
  checkModuleOrder(root, problems);
  const allInjectIds = new Set(list(root.injects).map((inject) => text(record(inject).id)).filter((id): id is string => id !== undefined));
  list(root.injects).map(record).forEach((inject, index) => {
    const path = ['injects', index];
    const id = text(inject.id);
    if (id !== undefined && injectIds.has(id)) problems.push(error('id.duplicate', `duplicate inject id "${id}"`, [...path, 'id']));
    if (id !== undefined) injectIds.add(id);
    checkCondition(record(inject.when), [...path, 'when'], nation, allInjectIds, problems);
    list(inject.tasks).forEach((task, k) => {
      if (typeof task === 'string' && !taskIds.has(task)) {
        problems.push(error('ref.unknown', `unknown critical task "${task}"${taskIds.size === 0 ? ' (the scenario has no evaluation guide)' : didYouMean(task, taskIds)}`, [...path, 'tasks', k]));
      }
    });
    if (typeof inject.atHours === 'number' && inject.atHours > horizonHours) {
      problems.push(error('inject.after_horizon', `inject at ${inject.atHours} h is after the horizon (${horizonHours} h)${daysHint(horizonHours)}`, [...path, 'atHours']));
    }
    const effect = record(inject.effect);
    nation(effect.host, [...path, 'effect', 'host']);
    nation(effect.nation, [...path, 'effect', 'nation']);
    const between = list(effect.between);
    between.forEach((member, k) => nation(member, [...path, 'effect', 'between', k]));
    if (typeof between[0] === 'string' && between[0] === between[1]) {
      problems.push(error('inject.self', `a ${String(effect.type)} inject must name two different nations, got "${between[0]}" twice`, [...path, 'effect', 'between']));
    }
    organization(effect.organization, [...path, 'effect', 'organization']);
  });
  checkPorts(root, nation, problems);
  checkConsentRules(root, nation, problems);
  return problems;
}

/** A contingency's nations are known, and the inject whose expected action it watches exists. */
function checkCondition(when: Record<string, unknown>, path: Path, nation: (value: unknown, path: Path) => void, injectIds: ReadonlySet<string>, problems: SemanticProblem[]): void {
  nation(when.notDeployed, [...path, 'notDeployed']);
  nation(record(when.decided).nation, [...path, 'decided', 'nation']);
  const observed = text(when.notObserved);
  if (observed !== undefined && !injectIds.has(observed)) {
    problems.push(error('ref.unknown', `unknown inject id "${observed}"${didYouMean(observed, injectIds)}`, [...path, 'notObserved']));
  }
}

/** Each module ends after the one before it. */
function checkModuleOrder(root: Record<string, unknown>, problems: SemanticProblem[]): void {
  let previous: { id: unknown; endHours: number } | undefined;
  list(root.modules).map(record).forEach((module, index) => {
    if (typeof module.endHours !== 'number') return;
    if (previous && module.endHours <= previous.endHours) {
      problems.push(error('module.order', `module "${String(module.id)}" ends at ${module.endHours} h, not after the module before it (${previous.endHours} h)`, ['modules', index, 'endHours']));
    }
    previous = { id: module.id, endHours: module.endHours };
  });
}

/** Consent rules name known nations and known ports of entry. */
function checkConsentRules(root: Record<string, unknown>, nation: (value: unknown, path: Path) => void, problems: SemanticProblem[]): void {
  const portIds = new Set(list(record(root.logistics).ports).map((port) => text(record(port).id)).filter((id): id is string => id !== undefined));
  list(root.nations).map(record).forEach((host, index) => {
    list(record(host.sovereignty).consentRules).map(record).forEach((rule, k) => {
      const path = ['nations', index, 'sovereignty', 'consentRules', k];
      list(rule.nations).forEach((named, n) => nation(named, [...path, 'nations', n]));
      list(rule.via).forEach((port, n) => {
        if (typeof port === 'string' && !portIds.has(port)) problems.push(error('ref.unknown', `unknown port id "${port}"${didYouMean(port, portIds)}`, [...path, 'via', n]));
      });
    });
  });
}

/** Port ids unique, their country and served nations known, diversions to a known other port. */
function checkPorts(root: Record<string, unknown>, nation: (value: unknown, path: Path) => void, problems: SemanticProblem[]): void {
  const logistics = record(root.logistics);
  const ports = list(logistics.ports).map(record);
  const portIds = new Set(ports.map((port) => text(port.id)).filter((id): id is string => id !== undefined));
  list(logistics.inTheatre).forEach((present, k) => nation(present, ['logistics', 'inTheatre', k]));
  const liftIds = new Set<string>();
  list(logistics.lift).map(record).forEach((lift, index) => {
    const id = text(lift.id);
    if (id !== undefined && liftIds.has(id)) problems.push(error('id.duplicate', `duplicate lift id "${id}"`, ['logistics', 'lift', index, 'id']));
    if (id !== undefined) liftIds.add(id);
    list(lift.users).forEach((user, k) => nation(user, ['logistics', 'lift', index, 'users', k]));
  });
  const seen = new Set<string>();
  ports.forEach((port, index) => {
    const path = ['logistics', 'ports', index];
    const id = text(port.id);
    if (id !== undefined && seen.has(id)) problems.push(error('id.duplicate', `duplicate port id "${id}"`, [...path, 'id']));
    if (id !== undefined) seen.add(id);
    nation(port.country, [...path, 'country']);
    list(port.serves).forEach((served, k) => nation(served, [...path, 'serves', k]));
    const divertTo = text(port.divertTo);
    if (divertTo !== undefined) {
      if (!portIds.has(divertTo)) problems.push(error('ref.unknown', `unknown port id "${divertTo}"${didYouMean(divertTo, portIds)}`, [...path, 'divertTo']));
      else if (divertTo === id) problems.push(error('port.self_divert', `port "${id}" cannot divert to itself`, [...path, 'divertTo']));
    }
    if (typeof port.slotsAtOnset === 'number' && typeof port.slots === 'number' && port.slotsAtOnset > port.slots) {
      problems.push(error('port.slots', `slotsAtOnset (${port.slotsAtOnset}) is more than slots (${port.slots})`, [...path, 'slotsAtOnset']));
    }
  });
}

/**
 * `; did you mean "npl" (Nepal)?` for a nation written by its name or a near miss of an
 * id or a name; the empty string when nothing is close.
 */
export function nationHint(value: string, ids: ReadonlySet<string>, names: ReadonlyMap<string, string>): string {
  const wanted = value.toLowerCase();
  const byName = [...names].find(([, name]) => name.toLowerCase() === wanted) ?? [...names].find(([, name]) => wanted.length >= 2 && initials(name) === wanted);
  const id = byName?.[0] ?? closest(value, ids) ?? idOfName(closest(value, names.values()), names);
  if (id === undefined) return '';
  const name = names.get(id);
  return `; did you mean "${id}"${name === undefined ? '' : ` (${name})`}?`;
}

/** `uk` for "United Kingdom", `uae` for "United Arab Emirates": how names are abbreviated. */
function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((word) => word.length > 0)
    .map((word) => word[0]!.toLowerCase())
    .join('');
}

/** Each nation's name by id, from data that may not have passed the schema. */
export function nationNames(data: unknown): Map<string, string> {
  const names = new Map<string, string>();
  for (const nation of list(record(data).nations).map(record)) {
    const id = text(nation.id);
    const name = text(nation.name);
    if (id !== undefined && name !== undefined) names.set(id, name);
  }
  return names;
}

/** A schema problem with an id written as a nation's name (`hosts: [Nepal]`) gets the id as a hint. */
export function withNationNameHint(problem: SemanticProblem, value: unknown, names: ReadonlyMap<string, string>): SemanticProblem {
  if (problem.code !== 'schema.invalid_format' || typeof value !== 'string') return problem;
  const match = [...names].find(([, name]) => name.toLowerCase() === value.toLowerCase());
  return match ? { ...problem, message: `${problem.message}; did you mean "${match[0]}" (${match[1]})?` } : problem;
}

function idOfName(name: string | undefined, names: ReadonlyMap<string, string>): string | undefined {
  return name === undefined ? undefined : [...names].find(([, each]) => each === name)?.[0];
}

/** For a horizon short enough to be days written as hours: `; horizonHours 30 is read as hours: for 30 days write "30d" (30 d = 720 h)`. */
function daysHint(horizonHours: number): string {
  if (horizonHours > LINT_LIMITS.dayLikeHorizonHours || !Number.isInteger(horizonHours)) return '';
  return `; horizonHours ${horizonHours} is read as hours: for ${horizonHours} days write "${horizonHours}d" (${horizonHours} d = ${horizonHours * 24} h)`;
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function error(code: string, message: string, path: Path): SemanticProblem {
  return { severity: 'error', code, message, path };
}
