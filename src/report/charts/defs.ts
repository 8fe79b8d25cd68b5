import { el, hatchPattern } from '../svg.js';
import { CAUSES, NEED_STYLE, STALL_STYLE } from '../style.js';
import type { StallCause } from '../../metrics/definitions.js';

/** Pattern id of a stall cause inside the chart `chartId` (ids are per chart so every SVG stands alone). */
export function stallFill(chartId: string, cause: StallCause): string {
  return `url(#${chartId}-stall-${cause})`;
}

/** `<defs>` with one hatch pattern per stall cause, and the unmet-need hatch. */
export function chartDefs(chartId: string): string {
  return el(
    'defs',
    {},
    ...CAUSES.map((cause) => {
      const style = STALL_STYLE[cause];
      return hatchPattern(`${chartId}-stall-${cause}`, style.fill, style.hatch, style.ink);
    }),
    hatchPattern(`${chartId}-unmet`, NEED_STYLE.unmet.fill, NEED_STYLE.unmet.hatch, NEED_STYLE.unmet.ink),
  );
}

/** Fill of unmet need inside the chart `chartId`. */
export function unmetFill(chartId: string): string {
  return `url(#${chartId}-unmet)`;
}
