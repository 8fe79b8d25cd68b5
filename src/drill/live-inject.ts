import { injectSchema, type Inject, type InjectEffect, type Scenario } from '../scenario/schema.js';
import { DrillError } from './errors.js';

type EffectType = InjectEffect['type'];

/** How each effect is written at the prompt: its arguments in order, and how they become the effect. */
interface EffectSyntax {
  args: readonly string[];
  example: string;
  build(args: readonly string[]): Record<string, unknown>;
}

const number = (text: string, name: string): number => {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new DrillError(`${name} must be a number, got "${text}"`);
  return value;
};

/** Every inject effect of the scenario format, written as `inject <effect> <args...>`. */
export const EFFECT_SYNTAX = {
  none: { args: [], example: 'inject none | Rumours of looting in the port district', build: () => ({}) },
  'need.add': {
    args: ['capability', 'amount'],
    example: 'inject need.add medical 5 | Cholera cases reported | Request medical teams',
    build: ([capability, amount]) => ({ capability, amount: number(amount!, 'amount') }),
  },
  'host.policy': {
    args: ['host', 'open|restrictive|closed'],
    example: 'inject host.policy hti closed | Government revokes consent',
    build: ([host, policy]) => ({ host, policy }),
  },
  'hotline.down': { args: ['nation', 'nation'], example: 'inject hotline.down usa hti | Cable cut', build: ([a, b]) => ({ between: [a, b] }) },
  'hotline.up': { args: ['nation', 'nation'], example: 'inject hotline.up usa hti | Line restored', build: ([a, b]) => ({ between: [a, b] }) },
  'trust.change': {
    args: ['nation', 'nation', 'delta'],
    example: 'inject trust.change usa hti -0.2 | Leaked cable insults the host',
    build: ([a, b, delta]) => ({ between: [a, b], delta: number(delta!, 'delta') }),
  },
  'budget.change': {
    args: ['nation', 'deltaMusd'],
    example: 'inject budget.change can -50 | Parliament caps the mission budget',
    build: ([nation, delta]) => ({ nation, deltaMusd: number(delta!, 'deltaMusd') }),
  },
  pressure: { args: ['amount'], example: 'inject pressure 0.2 | Viral video of a collapsed school', build: ([amount]) => ({ amount: number(amount!, 'amount') }) },
  escalation: { args: [], example: 'inject escalation | Shelling across the border', build: () => ({}) },
  attack: { args: [], example: 'inject attack | Bomb at the port', build: () => ({}) },
  'mandate.grant': { args: ['organization'], example: 'inject mandate.grant un | Security Council resolution passes', build: ([organization]) => ({ organization }) },
} satisfies Record<EffectType, EffectSyntax>;

/** `help inject`: each effect with its arguments and an example. */
export function injectHelpLines(): string[] {
  return Object.entries(EFFECT_SYNTAX).map(([type, syntax]) => `${`${type} ${syntax.args.map((arg) => `<${arg}>`).join(' ')}`.padEnd(42)} e.g. ${syntax.example}`);
}

/** The named parts a live inject may carry after its title, as `| to: usa, hti`. */
const NAMED_PARTS = { from: 'from', to: 'to', mode: 'mode', message: 'description', expected: 'expectedAction' } as const;
type NamedPart = keyof typeof NAMED_PARTS;

/**
 * Splits the parts after the effect: the first plain part is the title, a second the
 * expected action; `from:`, `to:`, `mode:`, `message:` and `expected:` parts, in any order,
 * fill those fields.
 */
function injectParts(parts: readonly string[]): Partial<Record<(typeof NAMED_PARTS)[NamedPart] | 'title', string>> {
  const fields: Partial<Record<(typeof NAMED_PARTS)[NamedPart] | 'title', string>> = {};
  const plain: string[] = [];
  for (const part of parts) {
    const named = /^(from|to|mode|message|expected)\s*:\s*(.*)$/is.exec(part);
    if (!named) {
      plain.push(part);
      continue;
    }
    const field = NAMED_PARTS[named[1]!.toLowerCase() as NamedPart];
    if (fields[field] !== undefined) throw new DrillError(`inject: ${named[1]!.toLowerCase()}: is given twice`);
    fields[field] = named[2]!.trim();
  }
  if (plain.length > 2 || (plain.length === 2 && fields.expectedAction !== undefined)) {
    throw new DrillError('inject takes <effect> <args> | <title> [| <expected action>], then any of | from: ... | to: ... | mode: ... | message: ...');
  }
  if (plain[0] !== undefined) fields.title = plain[0];
  if (plain[1] !== undefined) fields.expectedAction = plain[1];
  return fields;
}

/**
 * Builds an inject written at the prompt: `<effect> <args...> | <title> [| <expected action>]`
 * and any of `| from: <sender> | to: <addressees> | mode: <phone, email...> | message: <text>`.
 * The effect is checked against the scenario format and the scenario's own nations,
 * hosts, organizations and capabilities, so a typo is an error message, not a silent no-op
 * (the session checks `to` against the nations and organizations).
 */
export function parseLiveInject(spec: string, id: string, atHours: number, scenario: Scenario, capabilities: readonly string[]): Inject {
  const [head = '', ...rest] = spec.split('|').map((part) => part.trim());
  const fields = injectParts(rest);
  const [type = '', ...args] = head.split(/\s+/);
  if (!(type in EFFECT_SYNTAX)) throw new DrillError(`unknown inject effect "${type}"; one of: ${Object.keys(EFFECT_SYNTAX).join(', ')}`);
  const syntax: EffectSyntax = EFFECT_SYNTAX[type as EffectType];
  if (args.length !== syntax.args.length) {
    throw new DrillError(`${type} takes ${syntax.args.length === 0 ? 'no arguments' : syntax.args.map((arg) => `<${arg}>`).join(' ')}; e.g. ${syntax.example}`);
  }
  const parsed = injectSchema.safeParse({
    id,
    atHours,
    effect: { type, ...syntax.build(args) },
    from: 'Facilitator',
    ...fields,
    title: fields.title ? fields.title : `Facilitator inject (${type})`,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DrillError(`inject ${type}: ${issue.path.join('.')}: ${issue.message}`);
  }
  checkReferences(parsed.data.effect, scenario, capabilities);
  return parsed.data;
}

function checkReferences(effect: InjectEffect, scenario: Scenario, capabilities: readonly string[]): void {
  const nations = scenario.nations.map((nation) => nation.id);
  const known = (kind: string, value: string, list: readonly string[]) => {
    if (!list.includes(value)) throw new DrillError(`unknown ${kind} "${value}"; the scenario has: ${list.join(', ') || 'none'}`);
  };
  switch (effect.type) {
    case 'need.add':
      return known('capability', effect.capability, capabilities);
    case 'host.policy':
      return known('host', effect.host, scenario.crisis.hosts);
    case 'hotline.down':
    case 'hotline.up':
    case 'trust.change':
      for (const nation of effect.between) known('nation', nation, nations);
      return;
    case 'budget.change':
      return known('nation', effect.nation, nations);
    case 'mandate.grant':
      return known('organization', effect.organization, scenario.organizations.map((organization) => organization.id));
    case 'none':
    case 'pressure':
    case 'escalation':
    case 'attack':
      return;
    default: {
      const exhaustive: never = effect;
      throw new Error(`unhandled inject effect ${JSON.stringify(exhaustive)}`);
    }
  }
}
