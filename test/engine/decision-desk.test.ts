import { describe, expect, it } from 'vitest';
import { Kernel } from '../../src/kernel/kernel.js';
import { DecisionDesk } from '../../src/engine/decision-desk.js';
import type { DecisionText } from '../../src/engine/decisions.js';

/** A decision text that counts how often it is built. */
function countedText(): { text: () => DecisionText; built: () => number } {
  let built = 0;
  return {
    text: () => {
      built++;
      return { question: 'Commit?', consequences: { act: 'go', standby: 'wait' }, detail: 'motive 0.7' };
    },
    built: () => built,
  };
}

describe('DecisionDesk builds a decision\'s text only for a played nation', () => {
  it('an engine-played nation takes the recommendation at the same time; its text is never built', () => {
    const kernel = new Kernel();
    const desk = new DecisionDesk(kernel, new Set(['fra']), undefined);
    const { text, built } = countedText();
    const chosen: string[] = [];
    desk.ask('usa', 'act', 'standby', (choice) => chosen.push(choice), text);
    kernel.runUntil(1);
    expect(chosen).toEqual(['standby']);
    expect(built()).toBe(0);
    expect(desk.hasDecided('usa', 'act', 'standby')).toBe(true);
  });

  it('a played nation gets the question, options, consequences and detail, and waits for its answer', () => {
    const kernel = new Kernel();
    const traced: string[] = [];
    const desk = new DecisionDesk(kernel, new Set(['fra']), (agent, event) => traced.push(`${agent} ${event}`));
    const { text, built } = countedText();
    desk.ask('usa', 'act', 'act', () => {}, countedText().text);
    const chosen: string[] = [];
    desk.ask('fra', 'act', 'act', (choice) => chosen.push(choice), text, 'hti');
    expect(built()).toBe(1);
    const [request] = desk.pending();
    expect(request).toMatchObject({ id: 2, nation: 'fra', question: 'Commit?', options: ['act', 'standby'], recommended: 'act', subject: 'hti', detail: 'motive 0.7' });
    desk.decide(request!.id, 'standby');
    kernel.runUntil(1);
    expect(chosen).toEqual(['standby']);
    expect(traced).toEqual(['player:fra decision.asked', 'player:fra decision', 'nation:usa decision']);
  });
});
