import { STALL_CAUSE_BY_STATE, STALL_CAUSES, type StallCause } from '../metrics/definitions.js';

/**
 * How a report draws phases: a colour-blind-safe palette (Okabe-Ito) and, for stalls, a
 * hatching pattern per cause, so no information is carried by colour alone. Non-stall
 * phases are solid fills of clearly different lightness; every stall is hatched.
 */

/** The Okabe-Ito palette (Okabe & Ito 2008), distinguishable with common colour-vision deficiencies. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** What the stripes of a hatch pattern look like. */
export type Hatch = 'diagonal' | 'back-diagonal' | 'cross' | 'dots' | 'horizontal' | 'vertical';

export interface StallStyle {
  fill: string;
  hatch: Hatch;
  /** Stripe colour: white on dark fills, black on light ones. */
  ink: string;
}

export const STALL_STYLE: Readonly<Record<StallCause, StallStyle>> = {
  bureaucracy: { fill: OKABE_ITO.orange, hatch: 'diagonal', ink: '#000000' },
  mandate: { fill: OKABE_ITO.reddishPurple, hatch: 'cross', ink: '#000000' },
  consent: { fill: OKABE_ITO.vermillion, hatch: 'back-diagonal', ink: '#FFFFFF' },
  talks: { fill: OKABE_ITO.vermillion, hatch: 'cross', ink: '#FFFFFF' },
  mediation: { fill: OKABE_ITO.reddishPurple, hatch: 'dots', ink: '#000000' },
  resources: { fill: OKABE_ITO.yellow, hatch: 'dots', ink: '#000000' },
  interoperability: { fill: OKABE_ITO.blue, hatch: 'horizontal', ink: '#FFFFFF' },
  intelligence: { fill: OKABE_ITO.black, hatch: 'vertical', ink: '#FFFFFF' },
  logistics: { fill: OKABE_ITO.skyBlue, hatch: 'dots', ink: '#000000' },
  clearance: { fill: OKABE_ITO.orange, hatch: 'vertical', ink: '#000000' },
};

/** Non-stall phase groups, in process order, with their solid fills. */
export const PHASE_GROUPS = [
  { group: 'assessing', label: 'monitoring, assessing, deciding', fill: '#E4E4E4', states: ['monitoring', 'assessing', 'deciding'] },
  { group: 'standingBy', label: 'standing by (decided not to act yet)', fill: '#B0B0B0', states: ['standingBy'] },
  { group: 'mobilizing', label: 'preparing, offering, mobilizing', fill: OKABE_ITO.skyBlue, states: ['preparing', 'offering', 'mobilizing', 'inTransit'] },
  { group: 'deployed', label: 'deployed', fill: OKABE_ITO.bluishGreen, states: ['deployed', 'recovering'] },
  { group: 'drawingDown', label: 'drawing down', fill: '#9FD5C4', states: ['drawingDown'] },
  { group: 'ended', label: 'withdrawn or stood down', fill: '#FFFFFF', states: ['withdrawn', 'stoodDown'] },
] as const;

export type PhaseGroup = (typeof PHASE_GROUPS)[number]['group'];

/** How one phase interval is drawn: a stall (hatched) or a solid non-stall group. */
export type PhaseLook = { kind: 'stall'; cause: StallCause } | { kind: 'phase'; group: PhaseGroup; fill: string };

/** The look of a contributor state; unknown states fall in the `assessing` group's grey. */
export function lookOf(state: string): PhaseLook {
  const cause = STALL_CAUSE_BY_STATE[state];
  if (cause) return { kind: 'stall', cause };
  const found = PHASE_GROUPS.find((group) => (group.states as readonly string[]).includes(state)) ?? PHASE_GROUPS[0];
  return { kind: 'phase', group: found.group, fill: found.fill };
}

/** Stall causes in their canonical order (metrics/definitions.ts). */
export const CAUSES: readonly StallCause[] = STALL_CAUSES;

/** Need chart colours: met need solid bluish green, unmet need vermillion hatching on white (unlike any stall). */
export const NEED_STYLE = {
  met: OKABE_ITO.bluishGreen,
  unmet: { fill: '#FFFFFF', hatch: 'cross' as Hatch, ink: OKABE_ITO.vermillion },
  supplyLine: OKABE_ITO.black,
} as const;
