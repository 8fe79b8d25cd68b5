/**
 * A binary min-heap of timed entries, ordered by time and then by insertion order, with
 * cancellation in O(log n).
 *
 * Each entry lives in a slot (recycled through a free list) that holds its item, its data
 * and its position in the heap; the heap itself keeps times, sequence numbers and slots in
 * parallel typed arrays. Pushing, popping and cancelling allocate nothing once the arrays
 * have grown to the run's working size. An entry's id encodes its slot and the slot's
 * generation, so an id that already ran or was cancelled never matches a later entry that
 * reuses the slot: cancelling it is a no-op.
 */
export class EventQueue<T> {
  private times: Float64Array;
  private seqs: Float64Array;
  /** Heap index -> slot. */
  private heapSlots: Int32Array;
  /** Slot -> heap index, or -1 when the slot is free. */
  private positions: Int32Array;
  /** Slot -> generation, bumped each time the slot is freed. */
  private generations: Float64Array;
  private items: (T | undefined)[];
  private data: unknown[];
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  private size = 0;
  private nextSeq = 0;
  private lastData: unknown = undefined;

  /**
   * `initialCapacity`: entries the queue has room for before it first grows (doubling).
   * The default, 8, keeps a small queue's typed arrays on V8's heap (see
   * {@link DEFAULT_INITIAL_CAPACITY}); a queue known to hold more from the start (a
   * run's kernel: 30-50 pending events) saves its growth steps with a larger one.
   */
  constructor(initialCapacity = DEFAULT_INITIAL_CAPACITY) {
    this.times = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.heapSlots = new Int32Array(initialCapacity);
    this.positions = new Int32Array(initialCapacity).fill(-1);
    this.generations = new Float64Array(initialCapacity);
    this.items = new Array(initialCapacity);
    this.data = new Array(initialCapacity);
    this.freeSlots = new Int32Array(initialCapacity);
  }

  /** Number of pending entries. */
  get length(): number {
    return this.size;
  }

  /**
   * Adds an entry and returns its id, usable with {@link cancel}. `data` travels with the
   * entry and is read back with {@link poppedData} after {@link pop}.
   */
  push(time: number, item: T, data?: unknown): number {
    const slot = this.takeSlot();
    this.items[slot] = item;
    this.data[slot] = data;
    const index = this.size++;
    this.times[index] = time;
    this.seqs[index] = this.nextSeq++;
    this.heapSlots[index] = slot;
    this.positions[slot] = index;
    this.siftUp(index);
    return this.generations[slot]! * SLOT_LIMIT + slot;
  }

  /**
   * Removes a pending entry in O(log n). An id that already ran, was already cancelled or
   * never existed is ignored, so it cannot make {@link length} wrong.
   */
  cancel(id: number): void {
    if (!Number.isInteger(id) || id < 0) return;
    const slot = id % SLOT_LIMIT;
    if (slot >= this.slotCount || this.generations[slot] !== (id - slot) / SLOT_LIMIT) return;
    const index = this.positions[slot]!;
    if (index < 0) return;
    this.removeAt(index);
  }

  /** Time of the earliest entry, or Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.times[0]! : Infinity;
  }

  /**
   * Removes the earliest entry and returns its item; `undefined` when empty.
   * Read {@link peekTime} first to learn the entry's time, {@link poppedData} after.
   */
  pop(): T | undefined {
    if (this.size === 0) return undefined;
    const slot = this.heapSlots[0]!;
    const item = this.items[slot] as T;
    this.lastData = this.data[slot];
    this.removeAt(0);
    return item;
  }

  /** The data pushed with the entry that {@link pop} returned last. */
  get poppedData(): unknown {
    return this.lastData;
  }

  /** Takes the entry at heap `index` out, frees its slot and restores the heap order. */
  private removeAt(index: number): void {
    this.freeSlot(this.heapSlots[index]!);
    const last = --this.size;
    if (index === last) return;
    this.times[index] = this.times[last]!;
    this.seqs[index] = this.seqs[last]!;
    this.heapSlots[index] = this.heapSlots[last]!;
    this.positions[this.heapSlots[index]!] = index;
    if (index > 0 && this.lessAt(index, (index - 1) >> 1)) this.siftUp(index);
    else this.siftDown(index);
  }

  private siftUp(start: number): void {
    const time = this.times[start]!;
    const seq = this.seqs[start]!;
    const slot = this.heapSlots[start]!;
    let index = start;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const other = this.times[parent]!;
      if (!(time < other || (time === other && seq < this.seqs[parent]!))) break;
      this.move(parent, index);
      index = parent;
    }
    this.place(index, time, seq, slot);
  }

  private siftDown(start: number): void {
    const time = this.times[start]!;
    const seq = this.seqs[start]!;
    const slot = this.heapSlots[start]!;
    const size = this.size;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && this.lessAt(right, left) ? right : left;
      const own = this.times[child]!;
      if (!(own < time || (own === time && this.seqs[child]! < seq))) break;
      this.move(child, index);
      index = child;
    }
    this.place(index, time, seq, slot);
  }

  private lessAt(a: number, b: number): boolean {
    const timeA = this.times[a]!;
    const timeB = this.times[b]!;
    return timeA < timeB || (timeA === timeB && this.seqs[a]! < this.seqs[b]!);
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]!;
    this.seqs[to] = this.seqs[from]!;
    const slot = this.heapSlots[from]!;
    this.heapSlots[to] = slot;
    this.positions[slot] = to;
  }

  private place(index: number, time: number, seq: number, slot: number): void {
    this.times[index] = time;
    this.seqs[index] = seq;
    this.heapSlots[index] = slot;
    this.positions[slot] = index;
  }

  private takeSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount]!;
    if (this.slotCount === this.positions.length) this.grow();
    return this.slotCount++;
  }

  private freeSlot(slot: number): void {
    this.positions[slot] = -1;
    this.items[slot] = undefined;
    this.data[slot] = undefined;
    const generation = this.generations[slot]! + 1;
    this.generations[slot] = generation;
    // A slot whose ids would leave the range of exact integers is retired, never reused.
    if (generation < MAX_GENERATION) this.freeSlots[this.freeCount++] = slot;
  }

  private grow(): void {
    const capacity = this.positions.length * 2;
    if (capacity > SLOT_LIMIT) throw new RangeError(`EventQueue: more than ${SLOT_LIMIT} entries pending at once`);
    this.times = grown(this.times, new Float64Array(capacity));
    this.seqs = grown(this.seqs, new Float64Array(capacity));
    this.heapSlots = grown(this.heapSlots, new Int32Array(capacity));
    this.positions = grown(this.positions, new Int32Array(capacity).fill(-1));
    this.generations = grown(this.generations, new Float64Array(capacity));
    this.freeSlots = grown(this.freeSlots, new Int32Array(capacity));
    this.items.length = capacity;
    this.data.length = capacity;
  }
}

/**
 * Entries a new queue has room for by default. Eight doubles are 64 bytes, the largest
 * typed array V8 keeps on its heap; a larger one gets a backing store outside it, which
 * costs about 0.7 us to allocate and more to collect: with 64 entries a queue cost 12-20 us
 * to make, and a run makes one per resource (ports, lift, liaison desks), most of which
 * never hold more than a few entries (docs/performance.md).
 */
const DEFAULT_INITIAL_CAPACITY = 8;

/** Slots per queue (2^24, 16.7M pending entries); ids are generation x SLOT_LIMIT + slot. */
const SLOT_LIMIT = 2 ** 24;
/** Generations per slot that keep ids exact integers (2^53 / 2^24). */
const MAX_GENERATION = 2 ** 29;

function grown<A extends Float64Array | Int32Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
