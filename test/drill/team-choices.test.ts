import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { aarInputOfLog } from '../../src/drill/aar.js';
import { OWN_WORDS_LEVERS } from '../../src/drill/own-words.js';
import { BASELINE_GAP_HOURS } from '../../src/drill/team-choices.js';
import type { DecisionKind } from '../../src/engine/decisions.js';
import { LONG_STALL_HOURS } from '../../src/report/findings.js';
import { buildReport } from '../../src/report/build.js';
import { TEAM_CHOICES, type TeamChoice } from '../../src/scenario/exercise.js';

const SHIPPED_LOG = resolve(import.meta.dirname, '../../docs/examples/caribbean-two-teams.jsonl');
const REPORTS_DOC = readFileSync(resolve(import.meta.dirname, '../../docs/reports.md'), 'utf8');

/** The Markdown section that starts with `title`, up to the next section. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`## ${title}`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf('\n## ', start + 3);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe("the AAR files the teams' own choices under the core capabilities", () => {
  const input = aarInputOfLog(SHIPPED_LOG);
  const record = input.drill!.exercise!;
  const { markdown } = buildReport(input);

  it("puts Haiti's team closing the door, with the nations it kept waiting, among Logistics' areas for improvement, and in the plan", () => {
    const closed = record.teamChoices.find((choice) => choice.nation === 'hti' && choice.kind === 'consent' && choice.choice === 'closed')!;
    expect(closed.consequence?.kind).toBe('improvement');
    const waits = [...closed.consequence!.text.matchAll(/([A-Z][a-z]+(?: [A-Z][a-z]+)?) ([\d.]+) h/g)].map((match) => Number(match[2]));
    expect(Math.max(...waits)).toBeGreaterThanOrEqual(LONG_STALL_HOURS);
    const logistics = section(markdown, 'Core capability: Logistics and Supply Chain Management');
    const improvements = logistics.slice(logistics.indexOf('Areas for improvement'));
    expect(improvements).toContain('hti team chose "closed" (consent decision)');
    expect(improvements).toMatch(/nations waited for consent \(or in talks or mediation\): France [\d.]+ h/);
    expect(record.plan.find((row) => row.id === 'choice:hti:consent:1')).toMatchObject({ capability: 'Logistics and Supply Chain Management' });
  });

  it('files decisions and own-words levers by the kinds their critical tasks name, and keeps engine-played nations out of those sections', () => {
    const search = section(markdown, 'Core capability: Mass Search and Rescue Operations');
    expect(search).toContain('usa team chose "standby" (act decision)');
    expect(search).toMatch(/United States decided to act at T\+[\d.]+ h; in the engine-only baseline at T\+[\d.]+ h/);
    const coordination = section(markdown, 'Core capability: Operational Coordination');
    expect(coordination).toContain('hti team: "request talks with the United States on landing slots" (talks, in its own words)');
    for (const title of ['Core capability: Mass Search and Rescue Operations', 'Core capability: Operational Coordination', 'Core capability: Logistics and Supply Chain Management']) {
      // Only the teams' nations' choices (usa, hti) appear; engine-played nations only as those a team's choice kept waiting.
      expect(section(markdown, title).match(/Team choice: [^,]+, [^,]+, (\w+) team/g)?.every((line) => / (usa|hti) team$/.test(line))).toBe(true);
    }
    expect(section(markdown, 'What the engine-played nations did (context, not evaluated)')).not.toContain('Team choice');
  });

  it('lists choices no critical task names apart, so nothing the teams chose is dropped', () => {
    const evaluation = structuredClone(input.scenario.evaluation!);
    for (const objective of evaluation.objectives) for (const capability of objective.capabilities) for (const task of capability.tasks) delete task.decisions;
    const unfiled = buildReport({ ...input, scenario: { ...input.scenario, evaluation } }).markdown;
    const teams = section(unfiled, "The teams' decisions and actions");
    expect(teams).toContain("The teams' choices no critical task files");
    expect(teams.match(/Team choice:/g)).toHaveLength(record.teamChoices.length);
    expect(section(unfiled, 'Core capability: Logistics and Supply Chain Management')).not.toContain('Team choice');
  });

  it('knows every decision kind of the engine and every own-words lever as a critical task can name them', () => {
    expectTypeOf<DecisionKind>().toExtend<TeamChoice>();
    for (const lever of Object.keys(OWN_WORDS_LEVERS)) expect(TEAM_CHOICES).toContain(lever);
  });

  it('documents its thresholds in docs/reports.md as the code has them', () => {
    expect(REPORTS_DOC).toContain(`\`BASELINE_GAP_HOURS\` (${BASELINE_GAP_HOURS} h)`);
    expect(REPORTS_DOC).toContain(`\`LONG_STALL_HOURS\` (${LONG_STALL_HOURS} h)`);
  });
});
