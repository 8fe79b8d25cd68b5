/** Layout shared by the charts, so their time axes line up when printed one under another. */

/** viewBox width: at A4 print width (about 180 mm) 12px text prints at about 8 pt. */
export const WIDTH = 760;
/** Room for lane labels such as `Dominican Republic (dom)`. */
export const LEFT = 170;
/** Room for the last tick label. */
export const RIGHT = 30;
/** Approximate width of one character of 12px text. */
const LABEL_CHAR_WIDTH = 6;

/** A lane label that fits in the left margin, shortened with an ellipsis when it would not. */
export function laneLabel(label: string): string {
  const fits = Math.floor((LEFT - 12) / LABEL_CHAR_WIDTH);
  return label.length <= fits ? label : `${label.slice(0, fits - 1)}…`;
}
