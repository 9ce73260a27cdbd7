import { describe, expect, it } from 'vitest';
import {
  FREE_SPACE_CONSTANT_DB,
  freeSpacePathLossDb,
  freeSpacePathLossValidityIssues,
} from '../../../src/core/propagation/freeSpacePathLoss';

// Definition (DOMAIN.md, Friis): L = 32.44 + 20 log10 f[MHz] + 20 log10 d[km].
describe('freeSpacePathLossDb', () => {
  it('matches the definition to 0.01 dB', () => {
    // 1800 MHz, 1 km: 32.44 + 20 x 3.25527 + 0 = 97.545 dB
    expect(freeSpacePathLossDb({ frequencyMHz: 1800, distanceM: 1000 })).toBeCloseTo(97.545, 1);
    // 2600 MHz, 100 m: 32.44 + 20 x 3.41497 + 20 x (-1) = 32.44 + 68.299 - 20 = 80.739 dB
    expect(Math.abs(freeSpacePathLossDb({ frequencyMHz: 2600, distanceM: 100 }) - 80.739)).toBeLessThan(0.01);
  });

  it('uses 20 log10(4 pi / c) for its constant (32.45 dB for MHz and km)', () => {
    // 4 pi x 1e9 / 299,792,458 = 41.9169; 20 x log10(41.9169) = 20 x 1.622389 = 32.4478
    expect(FREE_SPACE_CONSTANT_DB).toBeCloseTo(32.4478, 4);
  });

  it('rises 6.02 dB per doubling of distance and of frequency', () => {
    const base = freeSpacePathLossDb({ frequencyMHz: 900, distanceM: 500 });
    expect(freeSpacePathLossDb({ frequencyMHz: 900, distanceM: 1000 }) - base).toBeCloseTo(6.0206, 4);
    expect(freeSpacePathLossDb({ frequencyMHz: 1800, distanceM: 500 }) - base).toBeCloseTo(6.0206, 4);
  });

  it('flags the near field (under 1 m) and nothing else', () => {
    expect(freeSpacePathLossValidityIssues({ frequencyMHz: 3500, distanceM: 50_000 })).toEqual([]);
    expect(freeSpacePathLossValidityIssues({ frequencyMHz: 3500, distanceM: 0.5 })).toHaveLength(1);
  });
});
