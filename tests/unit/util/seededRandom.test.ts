import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/util/seededRandom';

/**
 * mulberry32 written apart from the core: unsigned 32-bit words as BigInt, every product and sum masked explicitly
 * (no Math.imul, no `| 0`), the state a list of steps rather than a closure.
 */
function mulberry32ByBigInt(seed: number, count: number): number[] {
  const MASK = 0xffff_ffffn;
  const mul = (x: bigint, y: bigint) => (x * y) & MASK;
  let state = BigInt(seed) & MASK;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b_79f5n) & MASK;
    let t = mul(state ^ (state >> 15n), state | 1n);
    t = ((t + mul(t ^ (t >> 7n), t | 61n)) & MASK) ^ t;
    out.push(Number(t ^ (t >> 14n)) / 2 ** 32);
  }
  return out;
}

describe('seededRandom (mulberry32)', () => {
  it('pins the first three values of seed 1', () => {
    const next = seededRandom(1);
    const first = [next(), next(), next()];
    expect(first).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    expect(first).toEqual(mulberry32ByBigInt(1, 3));
  });

  it('agrees with the BigInt reference over 1,000 draws of several seeds, negative and above 2^31 too', () => {
    for (const seed of [0, 7, 20261206, -5, 2 ** 31 + 3]) {
      const next = seededRandom(seed);
      expect(Array.from({ length: 1000 }, () => next())).toEqual(mulberry32ByBigInt(seed, 1000));
    }
  });
});
