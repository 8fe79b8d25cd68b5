import type { RandomStream } from '../../kernel/random.js';
import type { Nation, Relation, Resource } from '../../scenario/schema.js';
import { drawDelay } from '../delays.js';

/** The legal clearances a deployment needs from a host (`sovereignty.clearance`). */
export const CLEARANCES = ['customs', 'visas', 'diplomatic', 'status'] as const;
export type Clearance = (typeof CLEARANCES)[number];

/**
 * Whether a pool needs a clearance: customs and visas, every pool; diplomatic clearance,
 * armed-forces pools (state aircraft and ships); status of forces, armed-forces pools that
 * leave people on the ground (`personnelPerUnit` > 0: crews that unload and fly home need none).
 */
function needs(clearance: Clearance, resource: Resource): boolean {
  switch (clearance) {
    case 'customs':
    case 'visas':
      return true;
    case 'diplomatic':
      return resource.military;
    case 'status':
      return resource.military && resource.personnelPerUnit > 0;
    default: {
      const exhaustive: never = clearance;
      throw new Error(`unknown clearance ${String(exhaustive)}`);
    }
  }
}

/**
 * How agreements shorten each clearance (multipliers; docs/model.md, "Legal clearance", is
 * tested against them). A SOFA settles entry, customs exemption of the force's equipment
 * and the status of its personnel in advance, and usually comes with blanket diplomatic
 * clearance; pre-established response protocols pre-agree customs and entry facilitation.
 */
export const CLEARANCE_FACTORS = {
  sofa: { customs: 0.1, visas: 0, diplomatic: 0.25, status: 0 },
  protocol: { customs: 0.5, visas: 0.5, diplomatic: 0.5, status: 1 },
} as const satisfies Record<string, Record<Clearance, number>>;

/**
 * Hours until one pool is cleared by one host: its clearances run side by side, so the
 * longest counts. Every clearance is drawn (needed or not) from the nation's own
 * `clearance` stream, so a SOFA or an asset's kind never shifts later draws.
 */
export function clearanceHours(host: Nation, relation: Relation, resource: Resource, stream: RandomStream): number {
  let longest = 0;
  for (const clearance of CLEARANCES) {
    const drawn = drawDelay(host.sovereignty.clearance[clearance], stream);
    if (!needs(clearance, resource)) continue;
    const factor = (relation.sofa ? CLEARANCE_FACTORS.sofa[clearance] : 1) * (relation.protocol ? CLEARANCE_FACTORS.protocol[clearance] : 1);
    longest = Math.max(longest, drawn * factor);
  }
  return longest;
}
