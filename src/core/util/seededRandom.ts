/**
 * The project's one seeded pseudo-random generator (mulberry32): the same seed gives the same sequence of uniform
 * numbers in [0, 1) on every run and every machine. The search in siting draws from it, and so do the randomised tests,
 * the benchmarks and the synthetic data (data/derive). The seed is taken as a 32-bit integer (`seed | 0`).
 */
export function seededRandom(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
