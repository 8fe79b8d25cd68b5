/**
 * Re-tasking units in theatre (a team's action, docs/model.md "Team actions"): the
 * capabilities a deployed unit can take on instead of its own, and the hours it serves
 * neither while it moves and re-organizes. Pairs not listed cannot be re-tasked (a field
 * hospital does not become an engineering company). Assumptions of the model, chosen from
 * practice: INSARAG USAR teams carry structural engineers and medics and are re-tasked to
 * assessment and care when the rescue phase ends; military engineers' heavy plant clears
 * rubble for rescue; helicopters fly rescue and transport; troops and security forces swap
 * guard and patrol tasks.
 */
export const RETASKING = {
  'search-rescue': { engineering: 12, medical: 12 },
  engineering: { 'search-rescue': 12 },
  helicopters: { airlift: 6, 'search-rescue': 6 },
  troops: { security: 6 },
  security: { troops: 6 },
} as const satisfies Record<string, Record<string, number>>;

/** Hours a unit of `from` needs before it serves `to`, or undefined when it cannot be re-tasked so. */
export function retaskingHours(from: string, to: string): number | undefined {
  const targets: Readonly<Record<string, number>> | undefined = (RETASKING as Readonly<Record<string, Readonly<Record<string, number>>>>)[from];
  return targets?.[to];
}
