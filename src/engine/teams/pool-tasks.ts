/**
 * What a contributor's committed pools do in theatre: the capability each serves (its own,
 * or the one a team re-tasked it to, src/engine/teams/team-actions.ts) and the units of each
 * being re-tasked, in theatre but serving nothing until the re-tasking ends. The contributor
 * runtime keeps where its units are; this keeps what they do.
 */
export class PoolTasks {
  private serving: string[] = [];
  private readonly retaskingUnits = new Map<number, number>();
  private withdrawn = false;

  /** A new commitment: each pool serves its own capability. */
  commit(capabilities: readonly string[]): void {
    this.serving = [...capabilities];
  }

  /** The capability a pool's units serve now. */
  capabilityOf(pool: number, own: string): string {
    return this.serving[pool] ?? own;
  }

  /** Units of a pool being re-tasked now (in theatre, serving nothing yet). */
  retasking(pool: number): number {
    return this.retaskingUnits.get(pool) ?? 0;
  }

  /** A pool goes home: the units of it that served its capability (those being re-tasked served none). */
  leave(pool: number, present: number): number {
    const retasked = this.retaskingUnits.get(pool) ?? 0;
    this.retaskingUnits.delete(pool);
    return present - retasked;
  }

  /** The nation withdraws: nothing it was re-tasking arrives anywhere. */
  withdraw(): void {
    this.withdrawn = true;
    this.retaskingUnits.clear();
  }

  /** Pools serving `capability` with units in theatre, not being re-tasked, not gone home. */
  pools(capability: string, inTheatre: readonly number[], gone: ReadonlySet<number>): number[] {
    if (this.withdrawn) return [];
    return this.serving.flatMap((serving, pool) => (serving === capability && !this.retaskingUnits.has(pool) && !gone.has(pool) && (inTheatre[pool] ?? 0) > 0 ? [pool] : []));
  }

  /** Starts re-tasking `pools` to `to`: their units serve nothing until {@link finish}; returns how many. */
  start(pools: readonly number[], inTheatre: readonly number[], to: string): number {
    let units = 0;
    for (const pool of pools) {
      units += inTheatre[pool]!;
      this.retaskingUnits.set(pool, inTheatre[pool]!);
      this.serving[pool] = to;
    }
    return units;
  }

  /** Ends the re-tasking of `pools`: the units now serving their new capability (pools gone meanwhile took theirs home). */
  finish(pools: readonly number[]): number {
    let units = 0;
    for (const pool of pools) {
      units += this.retaskingUnits.get(pool) ?? 0;
      this.retaskingUnits.delete(pool);
    }
    return units;
  }
}
