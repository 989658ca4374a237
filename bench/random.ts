// A seeded pseudo-random generator, so that the benchmark's data set is the same on every
// machine. mulberry32: 32 bits of state, fast enough for the millions of draws the data set
// takes, and short enough that a dependency would be more code to trust than it saves.

export type Random = ReturnType<typeof seededRandom>;

export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    /** Uniform in [0, 1). */
    next,
    /** Uniform integer in [0, n). */
    int: (n: number) => Math.floor(next() * n),
    /** An integer in [0, n) where small values are far more likely: index ≈ n·u^power. */
    skewedInt: (n: number, power = 2) => Math.floor(n * Math.pow(next(), power)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    skewed: <T>(items: readonly T[]) => items[Math.floor(items.length * Math.pow(next(), 2))]!,
    /** Standard normal (Box–Muller). */
    gaussian: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  };
}
