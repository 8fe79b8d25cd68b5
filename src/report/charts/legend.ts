import { CAUSES, NEED_STYLE, PHASE_GROUPS } from '../style.js';
import { chart, el, text } from '../svg.js';
import { chartDefs, stallFill, unmetFill } from './defs.js';
import { WIDTH } from './layout.js';

const SWATCH = 14;
const COLUMNS = 3;
const COLUMN_WIDTH = WIDTH / COLUMNS;
const ROW_HEIGHT = 20;

interface Entry {
  label: string;
  fill: string;
  key: string;
}

/**
 * The legend shared by the charts: a swatch and a label for every phase group, stall
 * cause (with its hatch) and need band, in three columns.
 */
export function legendChart(id = 'legend'): string {
  const entries: Entry[] = [
    ...PHASE_GROUPS.map((group) => ({ label: group.label, fill: group.fill, key: `phase-${group.group}` })),
    ...CAUSES.map((cause) => ({ label: `stall: ${cause}`, fill: stallFill(id, cause), key: `stall-${cause}` })),
    { label: 'need met', fill: NEED_STYLE.met, key: 'need-met' },
    { label: 'need unmet', fill: unmetFill(id), key: 'need-unmet' },
  ];
  const rows = Math.ceil(entries.length / COLUMNS);
  const items = entries.map((entry, index) => {
    const x = Math.floor(index / rows) * COLUMN_WIDTH + 4;
    const y = (index % rows) * ROW_HEIGHT + 4;
    return el(
      'g',
      { class: 'legend-item', 'data-key': entry.key },
      el('rect', { x, y, width: SWATCH, height: SWATCH, fill: entry.fill, stroke: '#555', 'stroke-width': 0.75 }),
      el('text', { x: x + SWATCH + 6, y: y + SWATCH - 2, class: 'lane-label' }, text(entry.label)),
    );
  });
  const supplyY = rows * ROW_HEIGHT + 12;
  return chart(
    id,
    WIDTH,
    supplyY + 14,
    'Legend',
    'Colours and hatching of the charts: solid fills are phases of work, hatched fills are stalls, each cause with its own hatch.',
    chartDefs(id),
    ...items,
    el('line', { x1: 4, x2: 4 + SWATCH, y1: supplyY, y2: supplyY, class: 'supply' }),
    el('text', { x: 4 + SWATCH + 6, y: supplyY + 4, class: 'lane-label' }, text('effective supply (units in theatre)')),
    el('line', { x1: COLUMN_WIDTH + 4 + SWATCH / 2, x2: COLUMN_WIDTH + 4 + SWATCH / 2, y1: supplyY - 8, y2: supplyY + 6, class: 'inject' }),
    el('text', { x: COLUMN_WIDTH + 4 + SWATCH + 6, y: supplyY + 4, class: 'lane-label' }, text('inject (numbered; list under the timeline)')),
  );
}
