/** A small seeded PRNG (mulberry32): returns a function giving uniform numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
