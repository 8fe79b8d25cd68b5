import { describe, expect, it } from 'vitest';
import { formatIssue, formatPath } from '../../src/index.js';
import { earthquakeWith, EARTHQUAKE_TEXT, issuesOf, lineOf, SHAPE_ERRORS } from './helpers.js';

/** Every kind of mistake a designer makes is reported with what was expected, where, and a hint. */

describe('shape errors', () => {
  for (const mistake of SHAPE_ERRORS) {
    it(`reports ${mistake.name} with an "expected" message at its line`, () => {
      const text = earthquakeWith(mistake.find, mistake.replace);
      const issues = issuesOf(text);
      expect(issues).toHaveLength(1);
      const [issue] = issues;
      expect(issue!.code).toBe(mistake.code);
      expect(issue!.message).toMatch(mistake.message);
      expect(formatPath(issue!.path)).toBe(mistake.path);
      const changedLine = lineOf(text, mistake.replace.split('\n').find((line) => !mistake.find.includes(line)) ?? mistake.replace.split('\n')[0]!);
      expect(issue!.position.line).toBe(mistake.path === 'nations[0].name' ? lineOf(text, '  - id: hti') : changedLine);
    });
  }

  it('points an unknown key at the key itself, column included', () => {
    const text = earthquakeWith('authorize: 4 }', 'autohrize: 4 }');
    const [issue] = issuesOf(text, 'x.yaml');
    const line = lineOf(text, 'autohrize');
    const col = text.split('\n')[line - 1]!.indexOf('autohrize') + 1;
    expect(formatIssue(issue!)).toBe(`x.yaml:${line}:${col}: error: unknown field "autohrize"; did you mean "authorize"? (nations[0].decision.autohrize)`);
  });

  it('reports every problem at once, not just the first', () => {
    let text = earthquakeWith('severity: 0.9', 'severity: high');
    text = text.replace('consent: required', 'consent: requird').replace('budgetMusd: 20\n', 'budgetMusd: -20\n');
    expect(issuesOf(text).map((issue) => formatPath(issue.path)).sort()).toEqual(['crisis.severity', 'nations[0].budgetMusd', 'nations[0].sovereignty.consent']);
  });

  it('a scenario that is not a mapping says what a scenario is', () => {
    const [issue] = issuesOf('- just\n- a list\n');
    expect(issue!.message).toBe('expected a mapping of fields (key: value), got ["just", "a list"]');
  });
});

describe('reference errors', () => {
  const cases: [string, string, string, RegExp, string][] = [
    ['unknown nation in a relation', 'between: [usa, hti]', 'between: [usaa, hti]', /unknown nation id "usaa"; did you mean "usa" \(United States\)\?/, 'relations[0].between[0]'],
    ['unknown crisis host', 'hosts: [hti]', 'hosts: [htii]', /unknown nation id "htii"; did you mean "hti" \(Haiti\)\?/, 'crisis.hosts[0]'],
    ['unknown organization member', 'members: [jam, hti, dom]', 'members: [jam, hti, dom, cub]', /unknown nation id "cub"/, 'organizations[1].members[3]'],
    ['unknown mandating organization', 'mandateFrom: [caricom] }', 'mandateFrom: [caricon] }', /unknown organization id "caricon"; did you mean "caricom"\?/, 'nations[8].decision.mandateFrom[0]'],
    ['veto holder who is not a member', 'vetoHolders: [usa, fra, gbr, chn]', 'vetoHolders: [usa, fra, gbr, chn, mex]', /veto holder "mex" is not a member of "un"/, 'organizations[0].vetoHolders[4]'],
    ['envoy lead who is not a member', '    rule: consensus\n    convene: { triangular: [6, 12, 24] }', '    envoy: { lead: usa }\n    convene: { triangular: [6, 12, 24] }', /envoy lead "usa" is not a member of "caricom"/, 'organizations[1].envoy.lead'],
    ['duplicate nation id', '  - id: can\n', '  - id: usa\n', /duplicate nation id "usa"/, 'nations[2].id'],
    ['duplicate inject id', '  - id: airport-congestion', '  - id: aftershock', /duplicate inject id "aftershock"/, 'injects[1].id'],
    ['relation to oneself', 'between: [gbr, hti]', 'between: [gbr, gbr]', /a relation must join two different nations, got "gbr" twice/, 'relations[4].between'],
    ['trust change of a nation with itself', 'effect: { type: pressure, amount: 0.1 }', 'effect: { type: trust.change, between: [usa, usa], delta: 0.1 }', /a trust.change inject must name two different nations, got "usa" twice/, 'injects[1].effect.between'],
    ['second relation between the same pair', 'between: [gbr, hti]', 'between: [hti, usa]', /a second relation between "hti" and "usa"/, 'relations[4].between'],
    ['inject after the horizon', '    atHours: 192', '    atHours: 5000', /inject at 5000 h is after the horizon \(4320 h\)/, 'injects[0].atHours'],
    ['inject with an unknown target', 'effect: { type: pressure, amount: 0.1 }', 'effect: { type: host.policy, host: hit, policy: closed }', /unknown nation id "hit"; did you mean "hti" \(Haiti\)\?/, 'injects[1].effect.host'],
  ];
  for (const [name, find, replace, message, path] of cases) {
    it(`reports ${name} at the offending value`, () => {
      const text = earthquakeWith(find, replace);
      const issue = issuesOf(text).find((each) => message.test(each.message));
      expect(issue, JSON.stringify(issuesOf(text))).toBeDefined();
      expect(issue!.severity).toBe('error');
      expect(formatPath(issue!.path)).toBe(path);
      // The replacement starts where the original text was.
      expect(issue!.position.line).toBe(lineOf(EARTHQUAKE_TEXT, find));
    });
  }
});

describe('warnings', () => {
  const check = (text: string) => {
    const issues = issuesOf(text);
    expect(issues.every((issue) => issue.severity === 'warning'), JSON.stringify(issues)).toBe(true);
    return issues;
  };

  it('the shipped earthquake scenario has no warnings', () => {
    expect(issuesOf(EARTHQUAKE_TEXT)).toEqual([]);
  });

  it('warns about a need for a capability nobody has, suggesting the near one', () => {
    const issues = check(earthquakeWith('- { capability: engineering, initial: 30,', '- { capability: enginering, initial: 30,'));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe('no nation has "enginering" units, so this need can never be met; did you mean "engineering"?');
    expect(formatPath(issues[0]!.path)).toBe('crisis.needs[3].capability');
  });

  it('warns when a host refuses consent and pressure can never reach pressureToOpen', () => {
    const text = earthquakeWith('severity: 0.9', 'severity: 0.7').replace('consent: required\n      consentDelay: { triangular: [1, 3, 6] }\n      pressureToOpen: 0.5', 'consent: refused\n      consentDelay: { triangular: [6, 12, 24] }\n      pressureToOpen: 1');
    const issues = check(text);
    expect(issues.map((issue) => issue.code)).toEqual(['sovereignty.unplayable']);
    expect(issues[0]!.message).toMatch(/host "hti" refuses consent and opens only at pressure 1, but pressure can reach at most 0.8/);
    expect(issues[0]!.position.line).toBe(lineOf(text, 'pressureToOpen: 1'));
  });

  it('does not warn about a refusing host when an inject opens it', () => {
    const refused = earthquakeWith('consent: required\n      consentDelay: { triangular: [1, 3, 6] }\n      pressureToOpen: 0.5', 'consent: refused\n      consentDelay: { triangular: [6, 12, 24] }\n      pressureToOpen: 1');
    const opened = refused.replace('effect: { type: pressure, amount: 0.1 }', 'effect: { type: host.policy, host: hti, policy: open }');
    expect(issuesOf(opened)).toEqual([]);
  });

  it('warns when a host caps foreign personnel at zero', () => {
    const issues = check(earthquakeWith('      armedForces: allowed\n', '      armedForces: allowed\n      foreignPersonnelCap: 0\n'));
    expect(issues.map((issue) => [issue.code, formatPath(issue.path)])).toEqual([['sovereignty.unplayable', 'nations[0].sovereignty.foreignPersonnelCap']]);
  });

  it('warns when a contributor can never decide to act', () => {
    const gbr = 'interests: { humanitarian: 0.8, influence: 0.4 }\n    budgetMusd: 100\n    resources:\n      - { capability: search-rescue, units: 2, readiness: { triangular: [20, 30, 48] } }\n    decision: {';
    const issues = check(earthquakeWith(gbr, gbr.replace('humanitarian: 0.8, influence: 0.4', 'security: 0.1').replace('decision: {', 'decision: { actThreshold: 0.5,')));
    expect(issues.map((issue) => issue.code)).toEqual(['nation.never_acts']);
    expect(issues[0]!.message).toMatch(/nation "gbr" can never decide to act/);
  });
});
