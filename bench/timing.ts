/**
 * Timing for the benchmark. Work is timed in CPU seconds of this process (user + system,
 * all threads, GC included) rather than wall-clock seconds: the bench machine is shared,
 * and CPU time is far less disturbed by other processes than elapsed time. SimPy's side
 * (bench/simpy_mm1.py) times itself the same way with `time.process_time()`.
 */

/** CPU seconds used by this process so far. */
export function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Units of `work` per CPU second: `work` returns how many units (events, customers, runs) it did. */
export function ratePerCpuSecond(work: () => number): number {
  const start = cpuSeconds();
  const units = work();
  return units / (cpuSeconds() - start);
}

/** Formats a rate compactly: 2.71M, 153k, 212. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M`;
  if (perSecond >= 1e4) return `${(perSecond / 1e3).toFixed(0)}k`;
  return perSecond.toFixed(0);
}
