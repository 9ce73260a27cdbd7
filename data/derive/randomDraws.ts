/** Draws from a seeded generator (`seededRandom` in src/core/util/seededRandom.ts, mulberry32). */

/** Index drawn from `weights` (non-negative, not all zero) with probability proportional to each weight. */
export function pickWeighted(random: () => number, weights: readonly number[]): number {
  let total = 0;
  for (const weight of weights) total += weight;
  let target = random() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i];
    if (target < 0) return i;
  }
  return weights.length - 1;
}

/** Uniform number in [min, max). */
export function uniform(random: () => number, min: number, max: number): number {
  return min + (max - min) * random();
}
