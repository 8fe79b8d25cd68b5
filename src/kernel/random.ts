import seedrandom from 'seedrandom';

/** A seeded source of uniform draws in [0, 1) with the distributions the model uses. */
export class RandomStream {
  private readonly next: () => number;
  private spareNormal: number | undefined;

  constructor(seedText: string) {
    // Alea: seedrandom's fastest generator with good statistical quality.
    this.next = seedrandom.alea(seedText);
  }

  /** Uniform on [0, 1). */
  random(): number {
    return this.next();
  }

  /** Uniform on [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Exponential with the given mean (> 0). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Normal with mean and standard deviation, by the polar Box-Muller method. */
  normal(mean: number, sd: number): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return mean + sd * spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    return mean + sd * u * factor;
  }

  /** Log-normal with the given median and log-space standard deviation `sigma`. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** Triangular on [min, max] with the given mode, by inverse transform. */
  triangular(min: number, mode: number, max: number): number {
    const u = this.next();
    const range = max - min;
    if (range === 0) return min;
    const cut = (mode - min) / range;
    return u < cut
      ? min + Math.sqrt(u * range * (mode - min))
      : max - Math.sqrt((1 - u) * range * (max - mode));
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }
}

/**
 * Named random streams derived from one run seed.
 *
 * Each stream is seeded from the run seed and its own name (e.g. `nation/usa/delays`),
 * so adding a nation or changing one factor does not shift any other stream's draws:
 * the basis of common random numbers across experiment arms.
 */
export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: number) {}

  /** The stream with this name, created on first use. */
  stream(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (!stream) {
      stream = new RandomStream(`${this.seed}:${name}`);
      this.streams.set(name, stream);
    }
    return stream;
  }
}
