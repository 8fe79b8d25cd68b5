import { DIPLOMACY } from '../model/diplomacy.js';
import { MILITARY_CLEARANCE } from '../model/levers.js';
import { HANDOVER as HANDOVER_RULE } from '../model/operations.js';
import { SUPPLY } from '../model/supply.js';
import { replaceMarked } from './reference.js';
import { crisisSchema, parametersSchema, relationSchema, UNDECLARED_PAIR_TRUST, type Crisis, type Parameters } from './schema.js';

/**
 * The rules of the model a designer needs before writing numbers (the scale of need and
 * resource units, message latency, clearance of military units), stated with the numbers
 * the engine runs with: the named coefficients and the scenario's own parameters. `new`
 * writes them into every starting scenario and docs/scenario-format.md holds them for the
 * defaults, so neither can drift from the code.
 */

/** One rule: a short title and a paragraph. */
export interface ModelRule {
  title: string;
  text: string;
}

/** What the rules read from a scenario: its parameters and the coverage that ends the acute phase. */
export interface RuleSettings {
  parameters: Parameters;
  crisis: Pick<Crisis, 'resolveAtCoverage'>;
}

/** The rules as they hold for `scenario` (its parameters, its resolve level). */
export function modelRules(scenario: RuleSettings): ModelRule[] {
  const { parameters } = scenario;
  const percent = (share: number) => `${Math.round(share * 100)}%`;
  const listedTrust = relationSchema.shape.trust.parse(undefined);
  return [
    {
      title: 'Units',
      text:
        `each deployed resource unit (a team, an aircraft, a company) meets ${SUPPLY.needUnitsPerResourceUnit} unit of need of its capability: count needs in the units you count resources in. ` +
        `Where more than one foreign contributor works in a capability and no coordination cell works yet, ${percent(parameters.duplication)} of that capability's supply is lost to duplicated effort (parameters.duplication; ${percent(parameters.duplicationWithCell)} once a cell works). ` +
        `The acute phase ends when the mean of the capabilities' met shares reaches ${scenario.crisis.resolveAtCoverage} (crisis.resolveAtCoverage); then each foreign contributor keeps only the units with which the others in theatre and it cover ${percent(HANDOVER_RULE.handoverCoverage)} of the current need of each capability it serves, and sends the rest home at its review every ${HANDOVER_RULE.checkHours} h, so its force draws down as needs fall (a need's recoveryHalfLifeHours gives it the recovery's long tail); a contributor not needed at all withdraws within ${parameters.drawdownHours} h (parameters.drawdownHours); units no need calls for stand down.`,
    },
    {
      title: 'Messages',
      text:
        `every message between two governments (a consent request and its answer, talks, a request for intelligence) takes ${parameters.diplomaticLatencyHours} h each way (parameters.diplomaticLatencyHours), ` +
        `${parameters.hotlineLatencyHours} h over a hotline (relations[].hotline; parameters.hotlineLatencyHours): without one, a consent request and its answer add ${2 * parameters.diplomaticLatencyHours} h to the host's consentDelay.`,
    },
    {
      title: 'Clearance',
      text:
        'military units (resources with military: true) enter a host as its sovereignty.armedForces says: allowed = all; forbidden = none; ' +
        `restricted = only from a contributor with a SOFA or a protocol with the host, or trust >= ${MILITARY_CLEARANCE.trustAtLeast}, or that offers liaison officers or unarmed forces when the host's diplomacy.acceptsWith asks for them (and not civilian-only; unarmed forces leave armed tasks such as security at home); decided when consent is granted (under automatic consent, when the units are committed). ` +
        `Under a restrictive consent policy a host admits only trusted partners (trust >= ${DIPLOMACY.hostTrustBar}, an MOU, a SOFA or a protocol) and nations that offer the conditions it asks for. ` +
        `A pair not listed under relations has trust ${UNDECLARED_PAIR_TRUST}; a listed pair without trust, ${listedTrust}. ` +
        'A host\'s sovereignty.consentRules then grant or refuse each pool by capability, civilian or military assets and nation (first covering rule wins), with conditions (unarmed, host-liaison, time-limited) and the ports it may enter by, whatever the consent mode. ' +
        'Each foreign pool also needs legal clearance from each host before it leaves (sovereignty.clearance: customs and visas for every pool, diplomatic clearance and status of forces for military ones), side by side with its readiness; a SOFA waives visas and status and shortens customs and diplomatic clearance, a protocol halves customs, visas and diplomatic clearance.',
    },
  ];
}

/** Marker line in scenarios/templates/*.yaml where `new` writes the rules. */
export const MODEL_RULES_MARKER = '# (crisis-sim new writes the rules of the model here, with the numbers this file runs with)';

/** The rules as a YAML comment block, wrapped to `width` columns. */
export function modelRulesComment(scenario: RuleSettings, width = 92): string {
  const lines = ['# How the model reads your numbers (written by `crisis-sim new` from the engine\'s constants', '# and this file\'s parameters; docs/scenario-format.md explains each):'];
  for (const rule of modelRules(scenario)) lines.push(...wrap(`- ${rule.title}: ${rule.text}`, width - 2, '  ').map((line) => `# ${line}`));
  return lines.join('\n');
}

export const MODEL_RULES_BEGIN = '<!-- BEGIN model rules: generated by `crisis-sim schema --docs docs/scenario-format.md` from the engine\'s constants; do not edit by hand -->';
export const MODEL_RULES_END = '<!-- END model rules -->';

/** The rules for the default parameters as a marked Markdown list (docs/scenario-format.md). */
export function renderModelRules(): string {
  const defaults: RuleSettings = { parameters: parametersSchema.parse({}), crisis: { resolveAtCoverage: crisisSchema.shape.resolveAtCoverage.parse(undefined) } };
  const list = modelRules(defaults).map((rule) => `- **${rule.title}**: ${rule.text}`);
  return `${MODEL_RULES_BEGIN}\n${list.join('\n')}\n${MODEL_RULES_END}`;
}

/** Replaces the marked model rules in a Markdown document. */
export function updateModelRules(markdown: string): string {
  return replaceMarked(markdown, MODEL_RULES_BEGIN, MODEL_RULES_END, renderModelRules(), 'model rules');
}

function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
