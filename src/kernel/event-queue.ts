/**
 * A binary min-heap of timed entries, ordered by time and then by insertion order.
 *
 * Times and sequence numbers live in parallel typed arrays so that pushing and popping
 * allocates nothing once the arrays have grown to the run's working size. Cancellation
 * is lazy: a cancelled entry stays in the heap and is skipped when it reaches the top.
 */
export class EventQueue<T> {
  private times = new Float64Array(64);
  private seqs = new Float64Array(64);
  private items: (T | undefined)[] = new Array(64);
  private size = 0;
  private nextSeq = 0;
  private cancelled = new Set<number>();

  /** Number of live (not cancelled) entries. */
  get length(): number {
    return this.size - this.cancelled.size;
  }

  /** Adds an entry and returns its id, usable with {@link cancel}. */
  push(time: number, item: T): number {
    if (this.size === this.times.length) this.grow();
    const seq = this.nextSeq++;
    let index = this.size++;
    // Sift up: move parents down until the new entry's slot is found.
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(time, seq, parent)) break;
      this.move(parent, index);
      index = parent;
    }
    this.times[index] = time;
    this.seqs[index] = seq;
    this.items[index] = item;
    return seq;
  }

  /**
   * Marks a live entry as cancelled; it will never be returned by {@link pop}. An id that
   * already ran, was already cancelled or never existed is ignored, so it cannot make
   * {@link length} wrong or stay in the cancelled set for ever. The scan is over the heap's
   * typed array of sequence numbers: a few nanoseconds per pending entry.
   */
  cancel(id: number): void {
    if (this.cancelled.has(id)) return;
    const seqs = this.seqs;
    for (let index = 0; index < this.size; index++) {
      if (seqs[index] === id) {
        this.cancelled.add(id);
        return;
      }
    }
  }

  /** Time of the earliest live entry, or Infinity when empty. */
  peekTime(): number {
    this.dropCancelledTop();
    return this.size > 0 ? this.times[0]! : Infinity;
  }

  /**
   * Removes the earliest live entry and returns its item; `undefined` when empty.
   * Read {@link peekTime} first to learn the entry's time.
   */
  pop(): T | undefined {
    this.dropCancelledTop();
    if (this.size === 0) return undefined;
    return this.removeTop();
  }

  private dropCancelledTop(): void {
    while (this.size > 0 && this.cancelled.size > 0 && this.cancelled.has(this.seqs[0]!)) {
      this.cancelled.delete(this.seqs[0]!);
      this.removeTop();
    }
  }

  private removeTop(): T {
    const top = this.items[0] as T;
    const last = --this.size;
    const time = this.times[last]!;
    const seq = this.seqs[last]!;
    const item = this.items[last];
    this.items[last] = undefined;
    // Sift down the former last entry from the root.
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= last) break;
      const right = left + 1;
      const child = right < last && this.lessAt(right, left) ? right : left;
      if (!this.atBefore(child, time, seq)) break;
      this.move(child, index);
      index = child;
    }
    if (last > 0) {
      this.times[index] = time;
      this.seqs[index] = seq;
      this.items[index] = item;
    }
    return top;
  }

  /** True when (time, seq) orders before the entry at `index`. */
  private before(time: number, seq: number, index: number): boolean {
    const other = this.times[index]!;
    return time < other || (time === other && seq < this.seqs[index]!);
  }

  /** True when the entry at `index` orders before (time, seq). */
  private atBefore(index: number, time: number, seq: number): boolean {
    const own = this.times[index]!;
    return own < time || (own === time && this.seqs[index]! < seq);
  }

  private lessAt(a: number, b: number): boolean {
    return this.atBefore(a, this.times[b]!, this.seqs[b]!);
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.items[to] = this.items[from];
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    times.set(this.times);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
    this.items.length = capacity;
  }
}
