/** What the seeded fuzz tests share: the generator, a pick, and the seeds a run covers (`FUZZ_SEED`, `FUZZ_SEEDS`). */

/** mulberry32: a small seeded generator, the same sequence for the same seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    let t = (a = (a + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export type Rng = () => number;
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** The seeds to run: `FUZZ_SEED=17` replays that one; `FUZZ_SEEDS=2000` runs 1…2000; otherwise 1…`count`. */
export function fuzzSeeds(count: number): { seeds: number[]; only: number } {
  const only = Number(process.env.FUZZ_SEED) || 0;
  const total = Number(process.env.FUZZ_SEEDS) || count;
  return { seeds: only ? [only] : Array.from({ length: total }, (_, i) => i + 1), only };
}

/**
 * What `check` finds over `seeds`, for one assertion that lists it all: per failing case, its
 * description (the seed and input, to replay it) and the problems found, at most `max` cases.
 */
export function failuresOver(seeds: readonly number[], check: (seed: number) => { problems: string[]; describe: () => string }, max = 10): string[] {
  const failures: string[] = [];
  for (const seed of seeds) {
    const { problems, describe } = check(seed);
    if (problems.length) failures.push(`${describe()}\n  - ${problems.join('\n  - ')}`);
    if (failures.length >= max) break;
  }
  return failures;
}
