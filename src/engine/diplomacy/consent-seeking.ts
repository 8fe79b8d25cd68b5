import type { ContributorEvent, OfferChoice } from '../../agents/contributor.js';
import type { Nation } from '../../scenario/schema.js';
import type { OfferCondition } from '../../scenario/schema-diplomacy.js';
import type { RunContext } from '../run-context.js';
import type { DecisionText } from '../decisions.js';
import { conditionsChoice, offeredStayHours, TALKS_CONSEQUENCES } from './choices.js';
import { askToNotify } from './confidence-building.js';

/** What consent seeking needs of the contributor it works for. */
export interface ConsentSeeker {
  readonly nation: Nation;
  /** The contributor agent's state, e.g. `awaitingConsent`. */
  readonly state: string;
  /** Acting on conditions: its requests carry civilian-only where it has civilian assets. */
  readonly conditional: boolean;
  unitsOffered(choice: OfferChoice): number;
  send(event: ContributorEvent): void;
}

/**
 * A contributor's pursuit of consent from the crisis hosts: requests with a notification of
 * the planned deployment (decision `notify`, asked with the first request to each host) and
 * the conditions it chose to attach (decision `conditions`), talks, démarches or waiting when a host keeps it
 * out (decision `talks`), grants and revocations. The contributor runtime delegates here.
 */
export class ConsentSeeking {
  private readonly grants = new Map<string, { allowMilitary: boolean }>();
  /** Conditions attached to requests, per host (chosen once per host and umbrella state). */
  private readonly conditionsFor = new Map<string, readonly OfferCondition[]>();
  private readonly conditionsAsked = new Map<string, boolean>();
  private readonly lastTalksAsk = new Map<string, number>();
  /** Hosts asked once whether to notify them of the planned deployment (decision `notify`). */
  private readonly notifyAsked = new Set<string>();

  constructor(
    private readonly sim: RunContext,
    private readonly seeker: ConsentSeeker,
    readonly hosts: readonly string[],
  ) {}

  /** Whether some host must be asked before deploying. */
  required(): boolean {
    return this.hosts.some((host) => this.hostNeedsAsking(host));
  }

  /** The grant of a host, if it gave one (and has not revoked it). */
  grantOf(host: string): { allowMilitary: boolean } | undefined {
    return this.grants.get(host);
  }

  /** Conditions attached to the requests, per host. */
  get conditions(): ReadonlyMap<string, readonly OfferCondition[]> {
    return this.conditionsFor;
  }

  /** Every condition the nation attached to a request in this run. */
  conditionsOffered(): OfferCondition[] {
    const all = new Set<OfferCondition>();
    for (const conditions of this.conditionsFor.values()) for (const condition of conditions) all.add(condition);
    return [...all];
  }

  /** Whether the nation attached `condition` to a request to some host. */
  offered(condition: OfferCondition): boolean {
    for (const conditions of this.conditionsFor.values()) if (conditions.includes(condition)) return true;
    return false;
  }

  /** The stay the nation offered as a time-limited condition, hours; null for none. */
  offeredStayHours(): number | null {
    return offeredStayHours(this.sim, this.hosts, this.conditionsFor);
  }

  request(): void {
    const id = this.seeker.nation.id;
    for (const host of this.hosts) {
      if (this.grants.has(host)) continue;
      if (this.notifyAsked.has(host)) this.sendRequest(host);
      else {
        this.notifyAsked.add(host);
        askToNotify(this.sim, id, host, () => this.sendRequest(host));
      }
    }
    this.checkConsents();
  }

  /** Sends the request for consent to `host`, with the conditions it takes, arriving after the channel's latency. */
  private sendRequest(host: string): void {
    const id = this.seeker.nation.id;
    this.withConditions(host, (conditions) => {
      const runtime = this.sim.host(host)!;
      this.sim.schedule(runtime.latencyTo(id), () => runtime.receiveRequest(id, conditions));
    });
  }

  /**
   * Calls `send` with the conditions to attach to a request to `host`: asked as a decision
   * when the host asks conditions of nations it does not trust (again once an umbrella
   * mechanism exists), otherwise none or the conditions chosen before.
   */
  private withConditions(host: string, send: (conditions: readonly OfferCondition[]) => void): void {
    const sim = this.sim;
    const seeker = this.seeker;
    const umbrella = sim.world.state.umbrella[host];
    const key = `${host}|${umbrella ?? ''}`;
    const offer = conditionsChoice(sim, seeker.nation, host, seeker.unitsOffered('civilian-only'), seeker.unitsOffered('all'));
    if (offer === null || this.conditionsAsked.get(key)) {
      if (seeker.conditional && !this.conditionsFor.has(host) && seeker.unitsOffered('civilian-only') > 0) this.conditionsFor.set(host, ['civilian-only']);
      send(this.conditionsFor.get(host) ?? []);
      return;
    }
    this.conditionsAsked.set(key, true);
    sim.ask(seeker.nation.id, 'conditions', offer.recommended, (choice) => {
      const conditions = choice === 'host-terms' ? offer.terms : [];
      this.conditionsFor.set(host, conditions);
      if (conditions.length > 0) sim.trace(`nation:${seeker.nation.id}`, 'conditions.offered', { data: { host, conditions } });
      send(conditions);
    }, () => ({ question: offer.question, consequences: offer.consequences }), host);
  }

  /** A host left the request waiting: talks, a démarche, or waiting, at most once per reassessment period. */
  deferred(host: string): void {
    const sim = this.sim;
    const nation = this.seeker.nation;
    if (this.seeker.state !== 'awaitingConsent' || this.grants.has(host)) return;
    const last = this.lastTalksAsk.get(host);
    if (last !== undefined && sim.now - last < nation.decision.reassessHours) return;
    this.lastTalksAsk.set(host, sim.now);
    const talksLeft = sim.diplomacy.talksLeft(nation.id, host);
    const trust = sim.trust(nation.id, host);
    const recommended = sim.diplomacy.mediating(host) ? 'wait' : talksLeft > 0 ? 'talks' : trust < 0.1 && nation.interests.security >= 0.5 ? 'demarche' : 'wait';
    sim.ask(nation.id, 'talks', recommended, (choice) => {
      if (choice === 'talks') {
        if (sim.diplomacy.startTalks(nation.id, host)) this.seeker.send({ type: 'talks.started' });
      } else if (choice === 'demarche') {
        sim.trace(`nation:${nation.id}`, 'demarche', { data: { host } });
        sim.change(`demarche:${nation.id}:${host}`, (world) => {
          sim.shiftTrust(world, nation.id, host, 'demarche');
        });
        sim.schedule(sim.host(host)!.latencyTo(nation.id), () => sim.host(host)?.reconsider('demarche'));
      }
    }, (): DecisionText => {
      const consequences: Record<string, string> = {};
      if (talksLeft > 0) consequences['talks'] = `${TALKS_CONSEQUENCES.talks} (${talksLeft} left with ${host})`;
      consequences['demarche'] = TALKS_CONSEQUENCES.demarche;
      consequences['wait'] = TALKS_CONSEQUENCES.wait;
      return { question: `${host} keeps your offer waiting (trust ${trust.toFixed(2)}). Seek talks?`, consequences };
    }, host);
  }

  /** A host granted consent (called by the host runtime). */
  granted(host: string, allowMilitary: boolean): void {
    this.grants.set(host, { allowMilitary });
    this.sim.trace(`nation:${this.seeker.nation.id}`, 'consent.granted', { data: { host, allowMilitary } });
    this.checkConsents();
  }

  /** A host that tightened its policy asks the nation to leave. */
  revoked(host: string): void {
    if (!this.grants.delete(host)) return;
    this.sim.trace(`nation:${this.seeker.nation.id}`, 'consent.revoked', { data: { host } });
    this.seeker.send({ type: 'consent.revoked' });
  }

  private checkConsents(): void {
    if (!this.hosts.every((host) => this.grants.has(host) || !this.hostNeedsAsking(host))) return;
    if (this.hosts.length > 0) this.sim.recorder.milestone(this.seeker.nation.id, 'consentHours', this.sim.now);
    this.sim.schedule(0, () => this.seeker.send({ type: 'consent.granted' }));
  }

  /** Whether deploying on this host's soil needs a consent request (not automatic, or no longer open). */
  private hostNeedsAsking(host: string): boolean {
    return this.sim.nation(host).sovereignty.consent !== 'automatic' || this.sim.world.state.hostPolicy[host] !== 'open';
  }
}
