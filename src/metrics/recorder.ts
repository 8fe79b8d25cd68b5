import { unmetArea, unmetAt, type NeedCurve } from '../model/needs.js';
import { emptyStalls, SKIPPABLE_MILESTONES, STALL_CAUSE_BY_STATE, type NationMetrics, type NationMilestone, type RunMetrics, type StallCause } from './definitions.js';

/** The metrics the recorder keeps; the engine adds those of diplomacy (relations, mediations, access). */
export type RecordedMetrics = Omit<RunMetrics, 'accessHours' | 'mediationHours' | 'incidents' | 'preparednessCostMusd' | 'relations' | 'mediations'>;

/** One stretch of time a nation spent in one state of its process. */
export interface PhaseInterval {
  nation: string;
  state: string;
  startHours: number;
  /** null while the nation is still in this state. */
  endHours: number | null;
  stallCause: StallCause | null;
}

interface NationRecord {
  metrics: NationMetrics;
  state: string;
  sinceHours: number;
  /** The phase the nation is in now (the last of its intervals), closed when it leaves. */
  openInterval: PhaseInterval | undefined;
  costPerHourMusd: number;
  /** The nation is past the mandate and consent steps: a step it skipped did not apply. */
  pastApprovals: boolean;
}

/**
 * The contributor states that follow the mandate and consent steps (the targets of the
 * transient `preparing` state): a nation that enters one has settled or skipped both.
 */
const PAST_APPROVALS_STATES: ReadonlySet<string> = new Set(['preparing', 'integrating', 'awaitingIntelligence', 'offering']);

/**
 * Records a run's metrics as it happens: phases and stalls from state changes, milestones,
 * and the exact integral of unmet need between events.
 */
export class MetricsRecorder {
  readonly intervals: PhaseInterval[] = [];
  private readonly nations = new Map<string, NationRecord>();
  /** The same records, for the loops over every nation at each world change. */
  private readonly records: NationRecord[] = [];
  private curves: NeedCurve[] = [];
  private supplies: number[] = [];
  private lastHours = 0;
  private accruing = true;
  private unmetNeedHours = 0;
  private peakUnmetNeed = 0;
  private needsMet50Hours: number | null = null;
  private needsMet90Hours: number | null = null;
  private firstResponseHours: number | null = null;
  /** Foreign units and personnel in theatre now, and what the operation has added up to. */
  private foreignUnits = 0;
  private foreignPersonnel = 0;
  private peakForeignPersonnel = 0;
  private foreignPersonHours = 0;
  private operationEndHours: number | null = null;

  constructor(nationIds: readonly string[], private readonly hosts: ReadonlySet<string>) {
    for (const id of nationIds) {
      const record: NationRecord = {
        metrics: {
          detectHours: null,
          decideHours: null,
          authorizeHours: null,
          mandateHours: null,
          consentHours: null,
          firstDeployHours: null,
          fullDeployHours: null,
          notApplicable: [],
          stallHours: emptyStalls(),
          unitsDelivered: 0,
          cost: 0,
          declined: false,
          conditions: [],
          talksHeld: 0,
        },
        state: '',
        sinceHours: 0,
        openInterval: undefined,
        costPerHourMusd: 0,
        pastApprovals: hosts.has(id),
      };
      this.nations.set(id, record);
      this.records.push(record);
    }
  }

  /**
   * Records that a nation entered `state` at time t, closing its previous phase; the
   * detect, decide and authorize milestones are the moments it leaves or enters those states.
   */
  enterState(nation: string, state: string, t: number): void {
    const record = this.nations.get(nation)!;
    const previous = record.state;
    this.closePhase(record, t);
    if (previous === 'monitoring') this.milestone(nation, 'detectHours', t);
    if (state === 'authorizing') this.milestone(nation, 'decideHours', t);
    if (previous === 'authorizing') this.milestone(nation, 'authorizeHours', t);
    if (PAST_APPROVALS_STATES.has(state)) record.pastApprovals = true;
    record.state = state;
    record.sinceHours = t;
    record.openInterval = { nation, state, startHours: t, endHours: null, stallCause: STALL_CAUSE_BY_STATE[state] ?? null };
    this.intervals.push(record.openInterval);
  }

  /** Records a milestone the first time it happens. */
  milestone(nation: string, name: NationMilestone, t: number): void {
    const metrics = this.nations.get(nation)!.metrics;
    if (metrics[name] === null) metrics[name] = t;
    if (name === 'firstDeployHours' && !this.hosts.has(nation) && this.firstResponseHours === null) this.firstResponseHours = t;
  }

  /** Units of a nation arrived in theatre, adding to its running cost (MUSD per hour). */
  unitsArrived(nation: string, units: number, costPerHourMusd: number): void {
    const record = this.nations.get(nation)!;
    record.metrics.unitsDelivered += units;
    record.costPerHourMusd += costPerHourMusd;
  }

  /** Some of a nation's units left theatre: their running cost (MUSD per hour) stops. */
  unitsLeft(nation: string, costPerHourMusd: number): void {
    const record = this.nations.get(nation)!;
    record.costPerHourMusd = Math.max(0, record.costPerHourMusd - costPerHourMusd);
  }

  /** Foreign units (with their personnel) landed in theatre at time t. */
  foreignArrived(units: number, personnel: number, t: number): void {
    this.advance(t);
    this.foreignUnits += units;
    this.foreignPersonnel += personnel;
    this.peakForeignPersonnel = Math.max(this.peakForeignPersonnel, this.foreignPersonnel);
    this.operationEndHours = null;
  }

  /** Foreign units (with their personnel) left theatre at time t; the operation ends when the last ones go. */
  foreignLeft(units: number, personnel: number, t: number): void {
    this.advance(t);
    this.foreignUnits -= units;
    this.foreignPersonnel -= personnel;
    if (this.foreignUnits <= 0) this.operationEndHours = t;
  }

  /** A nation's units left theatre: its running cost stops. */
  unitsWithdrawn(nation: string): void {
    this.nations.get(nation)!.costPerHourMusd = 0;
  }

  /** What every foreign (non-host) nation's response cost, MUSD. */
  private operationCost(): number {
    let cost = 0;
    for (const [id, record] of this.nations) if (!this.hosts.has(id)) cost += record.metrics.cost;
    return cost;
  }

  /** Integrates unmet need and costs up to time t under the supply in force since the last call. */
  advance(t: number): void {
    const from = this.lastHours;
    if (t <= from) return;
    for (const record of this.records) record.metrics.cost += record.costPerHourMusd * (t - from);
    this.foreignPersonHours += this.foreignPersonnel * (t - from);
    if (this.accruing && this.curves.length > 0) {
      let unmetStart = 0;
      let unmetEnd = 0;
      for (let i = 0; i < this.curves.length; i++) {
        const curve = this.curves[i]!;
        const supply = this.supplies[i]!;
        this.unmetNeedHours += unmetArea(curve, supply, from, t);
        unmetStart += unmetAt(curve, supply, from);
        unmetEnd += unmetAt(curve, supply, t);
      }
      // Each unmet curve is convex between events, so the peak is at an end of the interval.
      this.peakUnmetNeed = Math.max(this.peakUnmetNeed, unmetStart, unmetEnd);
    }
    this.lastHours = t;
  }

  /** Sets the need curves and effective supplies in force from now on (arrays are copied). */
  setSupply(curves: readonly NeedCurve[], supplies: readonly number[], t: number): void {
    this.curves = curves.slice();
    this.supplies = supplies.slice();
    if (this.accruing) {
      let unmet = 0;
      for (let i = 0; i < curves.length; i++) unmet += unmetAt(curves[i]!, supplies[i]!, t);
      this.peakUnmetNeed = Math.max(this.peakUnmetNeed, unmet);
    }
  }

  /**
   * Coverage first reached 50% or 90% at time t. The simulation schedules these at the
   * exact crossing time (see Simulation.refreshSupply), so the recorder need not search.
   */
  coverageReached(metric: 'needsMet50Hours' | 'needsMet90Hours', t: number): void {
    if (this[metric] === null) this[metric] = t;
  }

  /** The acute phase is over: unmet need stops accruing. */
  stopAccruing(t: number): void {
    this.advance(t);
    this.accruing = false;
  }

  /** Closes open phases at the horizon and returns the run's metrics. */
  finish(horizonHours: number, escalations: number, attacks: number, ports: RunMetrics['ports'], lift: RunMetrics['lift']): RecordedMetrics {
    this.advance(horizonHours);
    const nations: Record<string, NationMetrics> = {};
    for (const [id, record] of this.nations) {
      this.closePhase(record, horizonHours);
      if (record.pastApprovals) record.metrics.notApplicable = SKIPPABLE_MILESTONES.filter((name) => record.metrics[name] === null);
      nations[id] = record.metrics;
    }
    return {
      firstResponseHours: this.firstResponseHours,
      operationHours: this.firstResponseHours !== null && this.operationEndHours !== null ? this.operationEndHours - this.firstResponseHours : null,
      peakForeignPersonnel: this.peakForeignPersonnel,
      foreignPersonnelDays: this.foreignPersonHours / 24,
      operationCostMusd: this.operationCost(),
      needsMet50Hours: this.needsMet50Hours,
      needsMet90Hours: this.needsMet90Hours,
      unmetNeedHours: this.unmetNeedHours,
      peakUnmetNeed: this.peakUnmetNeed,
      escalations,
      attacks,
      nations,
      ports,
      lift,
    };
  }

  private closePhase(record: NationRecord, t: number): void {
    if (record.state === '') return;
    const cause = STALL_CAUSE_BY_STATE[record.state];
    if (cause) record.metrics.stallHours[cause] += t - record.sinceHours;
    if (record.openInterval !== undefined) record.openInterval.endHours = t;
    record.openInterval = undefined;
    record.sinceHours = t;
  }
}
