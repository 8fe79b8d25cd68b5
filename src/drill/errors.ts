/**
 * A mistake in what the facilitator typed or in a drill file: shown as one clear line,
 * and (at the prompt) followed by the prompt again, never a crash.
 */
export class DrillError extends Error {
  override name = 'DrillError';
}
