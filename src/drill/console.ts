import { nationHint, nationNames } from '../scenario/semantic.js';
import { resolve } from 'node:path';
import { FileWriteError, writeOutputFile } from '../guard/output-file.js';
import { COMMAND_HELP, parseCommand, type DrillCommand } from './commands.js';
import { DrillError } from './errors.js';
import { writeHandOuts, type HandOutPaths } from './hand-out.js';
import { injectHelpLines, parseLiveInject } from './live-inject.js';
import type { LineSource } from './lines.js';
import { drillLogText } from './log.js';
import { closeDrill, type DrillOutcome } from './outcome.js';
import type { DrillSession } from './session.js';
import type { Style } from './style.js';
import { documentText } from './document-text.js';
import { injectCardText, tasksText, viewText } from './render-text.js';
import { situationManualDocument } from './situation-manual.js';
import { readClock } from './scenario-clock.js';
import { runSessionCommand, type CommandSettings, type SessionCommand, type TimeCommand } from './session-command.js';
import { DRILL_ROLES, drillView, injectCard, ROLE_SEES, type DrillRole } from './session-view.js';
import { mselText, nationStatusText, one, overviewText } from './view.js';

export interface DrillConsoleOptions {
  session: DrillSession;
  input: LineSource;
  write: (text: string) => void;
  style: Style;
  /** Where `end` writes the after-action report and the drill debrief. */
  handOuts: HandOutPaths;
  /** The screen's view at start (default projector: safe for the room). */
  role?: DrillRole;
  settings?: CommandSettings;
}

/** How a console session ended, and how many typed lines were refused. */
export interface DrillConsoleResult {
  ended: 'end' | 'quit';
  refusedLines: number;
  outcome?: DrillOutcome;
}

type Outcome = 'go-on' | 'quit' | 'end';

/** The parts of the situation manual read out when a new drill opens. */
const OPENING_SECTIONS = ['overview', 'situation', 'participants', 'ground-rules'];

/**
 * The facilitator's console: shows the situation and the decision waiting, reads one
 * command at a time and carries it out. A mistake prints `error: ...` and the prompt
 * comes back; nothing a user types can crash the session or change the run half-way.
 */
export class DrillConsole {
  private refused = 0;
  private outcome: DrillOutcome | undefined;
  /** What the screen shows; projector (safe for the room) until the facilitator switches. */
  private role: DrillRole;
  /** A long time jump waiting for yes. */
  private confirming: TimeCommand | undefined;

  constructor(private readonly options: DrillConsoleOptions) {
    this.role = options.role ?? 'projector';
  }

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
        outcome = this.confirming ? this.confirm(line) : this.execute(parseCommand(line, this.options.session.scenario.clock?.onset));
      } catch (error) {
        // A refused command, or a file (save) that cannot be written: one error line, the drill goes on.
        if (!(error instanceof DrillError || error instanceof FileWriteError)) throw error;
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
      case 'next':
        return this.carryOut({ type: command.type });
      case 'advance':
        return this.carryOut({ type: 'advance', byHours: command.byHours });
      case 'advance-to':
        return this.carryOut({ type: 'advance-to', atHours: command.atHours });
      case 'deliver':
        return this.carryOut({ type: 'deliver', ...(command.inject !== undefined ? { inject: command.inject } : {}) });
      case 'skip':
        return this.carryOut({ type: 'skip', ...(command.inject !== undefined ? { inject: command.inject } : {}), ...(command.reason !== undefined ? { reason: command.reason } : {}) });
      case 'retime': {
        const toHours = 'byHours' in command.to ? session.now + command.to.byHours : command.to.atHours;
        return this.carryOut({ type: 'retime', ...(command.inject !== undefined ? { inject: command.inject } : {}), toHours });
      }
      case 'inject': {
        const id = `live-${session.liveInjects().length + 1}`;
        const inject = parseLiveInject(command.spec, id, session.now, session.scenario, session.sim.capabilities);
        this.say(this.reply({ type: 'inject', inject }));
        // The card the facilitator reads out: from, to, mode and message as written.
        const now = readClock(session.now, session.scenario.clock);
        this.say(injectCardText(injectCard(inject, now, now, ROLE_SEES[this.role].expectedActions), style));
        this.showSituation();
        return 'go-on';
      }
      case 'note':
        this.say(this.reply({ type: 'note', text: command.text, kind: command.kind }));
        return 'go-on';
      case 'undo':
        return this.carryOut({ type: 'undo' });
      case 'rate':
        this.say(this.reply({ type: 'rate', task: command.task, rating: command.rating, observation: command.observation }));
        return 'go-on';
      case 'observe':
        this.say(this.reply({ type: 'observe', inject: command.inject, status: command.status, what: command.what }));
        return 'go-on';
      case 'action':
        return this.carryOut({ type: 'act', nation: command.nation, text: command.text });
      case 'brief':
        this.say(documentText(this.manual(), style));
        return 'go-on';
      case 'tasks':
        this.say(tasksText(session.scenario.evaluation, session.actionsInForce(), style));
        return 'go-on';
      case 'view':
        if (command.role !== undefined) {
          if (!DRILL_ROLES.includes(command.role as DrillRole)) throw new DrillError(`unknown view "${command.role}"; one of: ${DRILL_ROLES.join(', ')}`);
          this.role = command.role as DrillRole;
        }
        this.say(`View: ${this.role}${ROLE_SEES[this.role].engineChoice ? ' (controller only: do not project this screen)' : this.role === 'projector' ? ' (safe to project)' : ''}.`);
        this.showSituation();
        return 'go-on';
      case 'status':
        if (command.nation === undefined) this.say(overviewText(session.sim, session.header.players, style));
        else {
          if (!session.scenario.nations.some((nation) => nation.id === command.nation)) {
            const ids = session.scenario.nations.map((nation) => nation.id);
            const hint = nationHint(command.nation, new Set(ids), nationNames(session.scenario));
            throw new DrillError(`unknown nation "${command.nation}"${hint}; the scenario's nations are ${ids.join(', ')}`);
          }
          this.say(nationStatusText(session.sim, command.nation, session.header.players, style));
        }
        return 'go-on';
      case 'show':
        this.showSituation();
        return 'go-on';
      case 'injects':
        // The MSEL still to come and its expected actions are for controllers: never on the room's screen.
        if (!ROLE_SEES[this.role].internals) throw new DrillError(`the MSEL is for controllers; switch with: view controller (this screen is ${this.role})`);
        this.say(mselText(session.held(), session.injectsSoFar(), session.lapsed(), style));
        return 'go-on';
      case 'save':
        if (command.file !== undefined) {
          if (resolve(command.file) === resolve(session.logPath)) throw new DrillError(`${command.file} is the live decision log; save a copy under another name`);
          writeOutputFile(command.file, drillLogText({ header: session.header, actions: [...session.actionsInForce()] }), { inputs: [session.logPath], force: true });
          this.say(`Wrote a compact copy of the log (undone actions left out) to ${command.file}; resume it with crisis-sim drill --resume ${command.file}`);
        }
        this.say(`The decision log ${session.logPath} is written to disk after every action (${session.actions.length} actions so far).`);
        return 'go-on';
      case 'fingerprint':
        this.say(`State at ${this.clock(session.now)}: ${session.fingerprint()}`);
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

  /** Runs a session command, says what it did and shows the screen again (or asks to confirm a long jump). */
  private carryOut(command: SessionCommand): Outcome {
    const reply = runSessionCommand(this.options.session, command, this.options.settings);
    if (reply.type === 'confirm') {
      this.confirming = reply.command;
      this.say(reply.question);
      return 'go-on';
    }
    this.say(reply.message);
    this.showSituation();
    return 'go-on';
  }

  private reply(command: SessionCommand): string {
    const reply = runSessionCommand(this.options.session, command, this.options.settings);
    if (reply.type === 'confirm') throw new Error('only time commands ask for confirmation');
    return reply.message;
  }

  /** The line after a confirmation question: yes runs the jump; anything else (a stray Enter too) keeps the clock. */
  private confirm(line: string): Outcome {
    const command = this.confirming!;
    this.confirming = undefined;
    if (/^(y|yes)$/i.test(line.trim())) return this.carryOut(command);
    this.say(`Not run: the clock stays at ${this.clock(this.options.session.now)}.`);
    return 'go-on';
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
    const message = this.reply({ type: 'decide', decision: request.id, choice });
    const differs = ROLE_SEES[this.role].engineChoice && choice !== request.recommended ? ` [controller] the engine would have chosen ${request.recommended}.` : '';
    this.say(`${message}${differs}`);
    if (session.pending().length > 0 || session.due().length > 0) this.showSituation();
    else this.say(this.options.style.quiet('No decision is waiting. Press Enter to run to the next decision or inject, or type a facilitator command (help lists them).'));
  }

  private end(): void {
    const { session, handOuts } = this.options;
    if (session.now <= 0) throw new DrillError('nothing has happened yet; continue first');
    session.end();
    this.say(`Closing the drill at ${this.clock(session.now)} and running the engine-only baseline...`);
    const outcome = closeDrill(session);
    writeHandOuts(outcome, handOuts);
    this.outcome = outcome;
    const decisions = outcome.actions.filter((action) => action.type === 'decide');
    const same = decisions.filter((action) => action.type === 'decide' && action.choice === action.recommended).length;
    this.say(`After-action report written to ${handOuts.reportPath}`);
    this.say(`Drill debrief (each team decision against the engine and the MSEL) written to ${handOuts.debriefPath}`);
    this.say(`  ${decisions.length} team decisions, ${same} as the engine would have chosen; ${outcome.undone.length} undone.`);
    const met = (value: number | null) => (value === null ? 'not reached' : `T+${one(value)} h`);
    this.say(`  90% of needs met: drill ${met(outcome.drill.metrics.needsMet90Hours)}, engine-only baseline ${met(outcome.engine.metrics.needsMet90Hours)}.`);
    this.say(`  unmet need: drill ${one(outcome.drill.metrics.unmetNeedHours)}, engine-only baseline ${one(outcome.engine.metrics.unmetNeedHours)} unit-hours.`);
  }

  private banner(): void {
    const { session, style } = this.options;
    const { header } = session;
    this.say(style.heading(`crisis-sim drill: ${header.scenarioName}`));
    this.say(`Seed ${header.seed}, horizon ${header.horizonHours} h, teams play: ${header.players.join(', ')}. Engine ${header.engine.name} ${header.engine.version}.`);
    this.say(`Decision log: ${session.logPath} (every action is saved as it happens). Type help for the commands.`);
    if (session.actions.length > 0) this.say(`Resumed: ${session.actions.length} logged actions replayed exactly.`);
    else this.openingBriefing();
  }

  /** The situation manual of this drill (its teams named). */
  private manual() {
    const { session } = this.options;
    // On the room's screen without the provenance line (the banner names the engine; no digests on a projector).
    return { ...situationManualDocument({ scenario: session.scenario, scenarioHash: session.header.scenarioHash, players: session.header.players }), subtitle: 'For all participants.' };
  }

  /** A new drill opens with the briefing: purpose, scope, the situation, the teams, the ground rules. */
  private openingBriefing(): void {
    const opening = { ...this.manual(), sections: this.manual().sections.filter((section) => OPENING_SECTIONS.includes(section.id)) };
    this.say('');
    this.say(documentText(opening, this.options.style));
    this.say(this.options.style.quiet('Type brief for the whole situation manual (objectives, assets, modules and their discussion questions).'));
  }

  private showSituation(): void {
    this.say('');
    this.say(viewText(drillView(this.options.session, this.role), this.options.style));
  }

  private help(topic: 'inject' | undefined): void {
    if (topic === 'inject') {
      this.say('inject <effect> <args> | <title> | <expected action>   (title and expected action are optional)');
      this.say('  then any of: | from: <sender> | to: <nations or organizations, comma-separated, or all> | mode: <phone, email...> | message: <text read out>');
      this.say('  e.g. inject none | Press conference | from: Ministry of Health | to: usa, hti | mode: briefing | message: The minister asks for field hospitals');
      for (const line of injectHelpLines()) this.say(`  ${line}`);
      return;
    }
    const width = Math.max(...COMMAND_HELP.map(([usage]) => usage.length));
    this.say('Commands:');
    for (const [usage, what] of COMMAND_HELP) this.say(`  ${usage.padEnd(width)}  ${what}`);
  }

  private paused(why: string): void {
    const { session } = this.options;
    this.say(`Drill paused (${why}) at ${this.clock(session.now)}. Every action is in ${session.logPath}.`);
    this.say(`Resume with: crisis-sim drill --resume ${session.logPath}`);
  }

  private prompt(): string {
    const { session } = this.options;
    const first = session.pending()[0];
    const [due] = session.due();
    return `T+${one(session.now)} h${due ? `, inject ${due.inject.id} due` : first ? `, #${first.id} for ${first.nation}` : ''}> `;
  }

  /** The scenario clock at `hours`: `Day 2, 14:00 (T+21 h)`. */
  private clock(hours: number): string {
    return readClock(hours, this.options.session.scenario.clock).text;
  }

  private say(text: string): void {
    this.options.write(`${text}\n`);
  }
}
