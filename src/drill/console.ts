import { resolve } from 'node:path';
import { writeFileAtomic } from '../metrics/trace-file.js';
import { actionText } from './debrief.js';
import { COMMAND_HELP, parseCommand, type DrillCommand } from './commands.js';
import { DrillError } from './errors.js';
import { writeHandOuts, type HandOutPaths } from './hand-out.js';
import { injectHelpLines, parseLiveInject } from './live-inject.js';
import type { LineSource } from './lines.js';
import { drillLogText } from './log.js';
import { closeDrill, type DrillOutcome } from './outcome.js';
import type { DrillSession } from './session.js';
import type { Style } from './style.js';
import { clock, decisionText, expectedActionFor, mselText, nationStatusText, one, overviewText, situationText } from './view.js';

export interface DrillConsoleOptions {
  session: DrillSession;
  input: LineSource;
  write: (text: string) => void;
  style: Style;
  /** Where `end` writes the after-action report and the drill debrief. */
  handOuts: HandOutPaths;
}

/** How a console session ended, and how many typed lines were refused. */
export interface DrillConsoleResult {
  ended: 'end' | 'quit';
  refusedLines: number;
  outcome?: DrillOutcome;
}

type Outcome = 'go-on' | 'quit' | 'end';

/**
 * The facilitator's console: shows the situation and the decision waiting, reads one
 * command at a time and carries it out. A mistake prints `error: ...` and the prompt
 * comes back; nothing a user types can crash the session or change the run half-way.
 */
export class DrillConsole {
  private refused = 0;
  private outcome: DrillOutcome | undefined;

  constructor(private readonly options: DrillConsoleOptions) {}

  async run(): Promise<DrillConsoleResult> {
    const { session, input } = this.options;
    this.banner();
    this.showSituation();
    for (;;) {
      const line = await input.next(this.prompt());
      if (line === null) {
        this.paused('end of input');
        session.close();
        return this.result('quit');
      }
      let outcome: Outcome;
      try {
        outcome = this.execute(parseCommand(line));
      } catch (error) {
        if (!(error instanceof DrillError)) throw error;
        this.refused++;
        this.say(this.options.style.error(`error: ${error.message}`));
        continue;
      }
      if (outcome !== 'go-on') {
        if (outcome === 'quit') this.paused('quit');
        session.close();
        return this.result(outcome);
      }
    }
  }

  private result(ended: 'end' | 'quit'): DrillConsoleResult {
    return { ended, refusedLines: this.refused, ...(this.outcome ? { outcome: this.outcome } : {}) };
  }

  private execute(command: DrillCommand): Outcome {
    const { session, style } = this.options;
    switch (command.type) {
      case 'answer':
      case 'answer-number':
        this.answer(command);
        return 'go-on';
      case 'continue':
        session.advanceTo(session.sim.horizonHours);
        this.showSituation();
        return 'go-on';
      case 'advance':
        session.advanceTo(session.now + command.byHours);
        this.showSituation();
        return 'go-on';
      case 'advance-to':
        session.advanceTo(command.atHours);
        this.showSituation();
        return 'go-on';
      case 'next': {
        const next = session.sim.upcomingInjects()[0];
        if (!next) throw new DrillError('no scheduled inject is left; continue runs to the next decision');
        session.advanceTo(Math.max(next.atHours, session.now + Number.EPSILON));
        this.showSituation();
        return 'go-on';
      }
      case 'fire': {
        const inject = session.fire(command.inject);
        this.say(`Fired ${inject.id} at ${clock(session.now)} (it was scheduled for T+${one(inject.atHours)} h): ${inject.title}`);
        if (inject.description) this.say(`  ${inject.description}`);
        this.showPending();
        return 'go-on';
      }
      case 'inject': {
        const id = `live-${session.liveInjects().length + 1}`;
        const inject = parseLiveInject(command.spec, id, session.now, session.scenario, session.sim.capabilities);
        session.injectNow(inject);
        this.say(`Inject ${inject.id} (${inject.effect.type}) fired at ${clock(session.now)}: ${inject.title}`);
        this.showPending();
        return 'go-on';
      }
      case 'status':
        if (command.nation === undefined) this.say(overviewText(session.sim, session.header.players, style));
        else {
          if (!session.scenario.nations.some((nation) => nation.id === command.nation)) {
            throw new DrillError(`unknown nation "${command.nation}"; the scenario's nations are ${session.scenario.nations.map((nation) => nation.id).join(', ')}`);
          }
          this.say(nationStatusText(session.sim, command.nation, session.header.players, style));
        }
        return 'go-on';
      case 'show':
        this.showSituation();
        return 'go-on';
      case 'injects':
        this.say(mselText(session.sim.upcomingInjects(), session.injectsSoFar(), style));
        return 'go-on';
      case 'undo': {
        const [decision, ...after] = session.undo();
        this.say(`Undone: ${actionText(decision!)}${after.length > 0 ? `; and after it: ${after.map(actionText).join('; ')}` : ''}.`);
        this.say(`The run is rebuilt from the seed and stands at ${clock(session.now)} again (state ${session.fingerprint()}).`);
        this.showSituation();
        return 'go-on';
      }
      case 'note':
        session.note(command.text);
        this.say(`Noted at ${clock(session.now)}.`);
        return 'go-on';
      case 'save':
        if (command.file !== undefined) {
          if (resolve(command.file) === resolve(session.logPath)) throw new DrillError(`${command.file} is the live decision log; save a copy under another name`);
          writeFileAtomic(command.file, drillLogText({ header: session.header, actions: [...session.actionsInForce()] }));
          this.say(`Wrote a compact copy of the log (undone actions left out) to ${command.file}; resume it with crisis-sim drill --resume ${command.file}`);
        }
        this.say(`The decision log ${session.logPath} is written to disk after every action (${session.actions.length} actions so far).`);
        return 'go-on';
      case 'fingerprint':
        this.say(`State at ${clock(session.now)}: ${session.fingerprint()}`);
        return 'go-on';
      case 'help':
        this.help(command.topic);
        return 'go-on';
      case 'quit':
        return 'quit';
      case 'end':
        this.end();
        return 'end';
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${JSON.stringify(exhaustive)}`);
      }
    }
  }

  private answer(command: Extract<DrillCommand, { type: 'answer' | 'answer-number' }>): void {
    const { session } = this.options;
    const pending = session.pending();
    if (pending.length === 0) {
      throw new DrillError(
        command.type === 'answer' && command.decision === undefined
          ? `unknown command "${command.choice}"; type help for the list`
          : 'no decision is waiting; press Enter (continue) to run to the next one',
      );
    }
    const request = command.decision === undefined ? pending[0]! : pending.find((candidate) => candidate.id === command.decision);
    if (!request) throw new DrillError(`no decision #${command.decision} is waiting; waiting: ${pending.map((candidate) => `#${candidate.id}`).join(', ')}`);
    let choice: string;
    if (command.type === 'answer-number') {
      choice = request.options[command.number - 1] ?? '';
      if (choice === '') throw new DrillError(`decision #${request.id} has options 1 to ${request.options.length}`);
    } else choice = command.choice;
    if (!request.options.includes(choice)) {
      throw new DrillError(`"${choice}" is neither a command (help lists them) nor an option of decision #${request.id}: ${request.options.join(', ')}`);
    }
    session.decide(request.id, choice);
    const name = session.sim.nation(request.nation).name;
    this.say(`Recorded: ${name} (${request.nation}) ${request.kind} = ${choice} at ${clock(session.now)}${choice === request.recommended ? '' : ` (the engine would have chosen ${request.recommended})`}.`);
    if (session.pending().length > 0) this.showPending();
    else this.say(this.options.style.quiet('No decision is waiting. Press Enter to run to the next decision, or type a facilitator command (help lists them).'));
  }

  private end(): void {
    const { session, handOuts } = this.options;
    if (session.now <= 0) throw new DrillError('nothing has happened yet; continue first');
    session.end();
    this.say(`Closing the drill at ${clock(session.now)} and running the all-AI comparison run...`);
    const outcome = closeDrill(session);
    writeHandOuts(outcome, handOuts);
    this.outcome = outcome;
    const decisions = outcome.actions.filter((action) => action.type === 'decide');
    const same = decisions.filter((action) => action.type === 'decide' && action.choice === action.recommended).length;
    this.say(`After-action report written to ${handOuts.reportPath}`);
    this.say(`Drill debrief (each team decision against the engine and the MSEL) written to ${handOuts.debriefPath}`);
    this.say(`  ${decisions.length} team decisions, ${same} as the engine would have chosen; ${outcome.undone.length} undone.`);
    const met = (value: number | null) => (value === null ? 'not reached' : `T+${one(value)} h`);
    this.say(`  90% of needs met: drill ${met(outcome.drill.metrics.needsMet90Hours)}, all-AI run ${met(outcome.engine.metrics.needsMet90Hours)}.`);
    this.say(`  unmet need: drill ${one(outcome.drill.metrics.unmetNeedHours)}, all-AI run ${one(outcome.engine.metrics.unmetNeedHours)} unit-hours.`);
  }

  private banner(): void {
    const { session, style } = this.options;
    const { header } = session;
    this.say(style.heading(`crisis-sim drill: ${header.scenarioName}`));
    this.say(`Seed ${header.seed}, horizon ${header.horizonHours} h, teams play: ${header.players.join(', ')}. Engine ${header.engine.name} ${header.engine.version}.`);
    this.say(`Decision log: ${session.logPath} (every action is saved as it happens). Type help for the commands.`);
    if (session.actions.length > 0) this.say(`Resumed: ${session.actions.length} logged actions replayed exactly (state ${session.fingerprint()}).`);
  }

  private showSituation(): void {
    const { session, style } = this.options;
    this.say('');
    this.say(situationText(session.sim, style));
    if (session.pending().length > 0) this.showPending();
    else if (session.atHorizon) this.say(`The run reached its horizon (T+${session.sim.horizonHours} h). Type end for the after-action report, or undo.`);
    else this.say(style.quiet('No decision is waiting. Press Enter to run to the next decision.'));
  }

  private showPending(): void {
    const { session, style } = this.options;
    const [first, ...others] = session.pending();
    if (!first) return;
    const nation = session.sim.nation(first.nation);
    const expected = expectedActionFor(nation.id, nation.name, session.now, session.injectsSoFar(), [...session.scenario.injects, ...session.liveInjects()]);
    this.say('');
    this.say(decisionText(session.sim, first, expected, style));
    if (others.length > 0) this.say(`Also waiting: ${others.map((request) => `#${request.id} (${request.nation} ${request.kind})`).join(', ')}; answer one with: decide <id> <option>`);
  }

  private help(topic: 'inject' | undefined): void {
    if (topic === 'inject') {
      this.say('inject <effect> <args> | <title> | <expected action>   (title and expected action are optional)');
      for (const line of injectHelpLines()) this.say(`  ${line}`);
      return;
    }
    const width = Math.max(...COMMAND_HELP.map(([usage]) => usage.length));
    this.say('Commands:');
    for (const [usage, what] of COMMAND_HELP) this.say(`  ${usage.padEnd(width)}  ${what}`);
  }

  private paused(why: string): void {
    const { session } = this.options;
    this.say(`Drill paused (${why}) at ${clock(session.now)}. Every action is in ${session.logPath}.`);
    this.say(`Resume with: crisis-sim drill --resume ${session.logPath}`);
  }

  private prompt(): string {
    const { session } = this.options;
    const first = session.pending()[0];
    return `T+${one(session.now)} h${first ? `, #${first.id} for ${first.nation}` : ''}> `;
  }

  private say(text: string): void {
    this.options.write(`${text}\n`);
  }
}
