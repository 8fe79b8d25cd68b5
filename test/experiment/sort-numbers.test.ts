import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier, type KaplanMeierCurve } from '../../src/index.js';
import { sortNumbers } from '../../src/experiment/sort-numbers.js';

/** Numbers with the awkward ones (-0, infinities, NaN) and many ties, in arrays long enough for the radix sort. */
const numbers = (minLength: number) =>
  fc.array(fc.oneof(fc.double(), fc.constantFrom(0, -0, 720, 1.5, -1.5, Infinity, -Infinity, Number.NaN), fc.integer({ min: -50, max: 50 })), { minLength, maxLength: minLength + 3000 });

/** The Kaplan-Meier estimate by its textbook definition: runs sorted by time (events before censorings at a tie), walked group by group. */
function referenceKaplanMeier(times: number[], observed: boolean[]): KaplanMeierCurve {
  const n = times.length;
  const order = times.map((_, i) => i).sort((a, b) => times[a]! - times[b]! || Number(observed[b]) - Number(observed[a]));
  const steps: { time: number; survival: number; atRisk: number; events: number; greenwood: number }[] = [];
  for (let position = 0; position < n; ) {
    let end = position;
    while (end < n && times[order[end]!] === times[order[position]!]) end += 1;
    const group = order.slice(position, end);
    const events = group.filter((i) => observed[i]).length;
    const atRisk = n - position;
    const before = steps.at(-1) ?? { survival: 1, greenwood: 0 };
    if (events > 0) steps.push({ time: times[group[0]!]!, survival: before.survival * (1 - events / atRisk), atRisk, events, greenwood: atRisk === events ? Infinity : before.greenwood + events / (atRisk * (atRisk - events)) });
    position += group.length;
  }
  return {
    n,
    events: observed.filter(Boolean).length,
    times: steps.map((step) => step.time),
    survival: steps.map((step) => step.survival),
    atRisk: steps.map((step) => step.atRisk),
    eventsAt: steps.map((step) => step.events),
    greenwood: steps.map((step) => step.greenwood),
    lastTime: n === 0 ? 0 : times[order[n - 1]!]!,
  };
}

describe('sortNumbers', () => {
  it('sorts exactly as Float64Array.prototype.sort does (-0 before 0, NaN last), short arrays and long ones', () => {
    fc.assert(
      fc.property(fc.oneof(numbers(0), numbers(4096)), (values) => {
        expect(sortNumbers(Float64Array.from(values))).toEqual(Float64Array.from(values).sort());
        // Input already in order, or in order but for 0 before -0, or all one value.
        const sorted = Float64Array.from(values).sort();
        expect(sortNumbers(sorted.slice())).toEqual(sorted);
        const zeros = Float64Array.from([...sorted.filter((value) => value < 0), 0, -0, ...sorted.filter((value) => !(value < 0))]);
        expect(sortNumbers(zeros.slice())).toEqual(zeros.slice().sort());
        expect(sortNumbers(new Float64Array(values.length).fill(720))).toEqual(new Float64Array(values.length).fill(720));
      }),
      { numRuns: 60 },
    );
  });
});

describe('kaplanMeier', () => {
  it('gives exactly the curve of the textbook walk over the runs sorted by time, with ties and censorings at event times', () => {
    const time = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 1000, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(time, fc.boolean()), { maxLength: 6000 }), (runs) => {
        const times = runs.map(([t]) => t);
        const observed = runs.map(([, reached]) => reached);
        expect(kaplanMeier(times, observed)).toEqual(referenceKaplanMeier(times, observed));
      }),
      { numRuns: 80 },
    );
  });
});
