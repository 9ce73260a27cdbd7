import { describe, expect, it } from 'vitest';
import {
  bearingDeg,
  depressionAngleDeg,
  sectorAntennaGainDb,
  TR38901_SECTOR_PATTERN,
  wrapDegrees,
} from '../../../src/core/propagation/sectorAntennaGainDb';

// TR 38.901 Table 7.3-1: A_H = -min(12 (phi / 65°)², 30), A_V = -min(12 (theta / 65°)², 30),
// A = -min(-(A_H + A_V), 30).
describe('sectorAntennaGainDb', () => {
  it('is 0 dB at boresight and -3 dB at half the beamwidth in either plane', () => {
    expect(sectorAntennaGainDb(0, 0)).toBe(-0);
    // 12 x (32.5 / 65)² = 12 x 0.25 = 3
    expect(sectorAntennaGainDb(32.5, 0)).toBeCloseTo(-3, 10);
    expect(sectorAntennaGainDb(-32.5, 0)).toBeCloseTo(-3, 10);
    expect(sectorAntennaGainDb(0, 32.5)).toBeCloseTo(-3, 10);
  });

  it('adds the two planes and caps the sum at the 30 dB front-to-back ratio', () => {
    // 12 x (65/65)² = 12 in each plane -> -24 dB
    expect(sectorAntennaGainDb(65, 65)).toBeCloseTo(-24, 10);
    // 12 x (100/65)² = 28.4 dB + 12 dB = 40.4 dB -> capped at 30
    expect(sectorAntennaGainDb(100, 65)).toBe(-30);
    expect(sectorAntennaGainDb(180, 0)).toBe(-30);
  });

  it('takes beamwidths from the pattern: 30° off a 65° sector with 5° below a 10° beam', () => {
    // A_H = -12 x (30/65)² = -2.5562; A_V = -12 x (5/10)² = -3.0 -> -5.556 dB
    const pattern = { ...TR38901_SECTOR_PATTERN, verticalBeamwidthDeg: 10 };
    expect(sectorAntennaGainDb(30, 5, pattern)).toBeCloseTo(-5.5562, 4);
  });

  it('wraps the horizontal angle: 350° off is 10° off', () => {
    expect(sectorAntennaGainDb(350, 0)).toBeCloseTo(sectorAntennaGainDb(-10, 0), 12);
    expect(wrapDegrees(190)).toBe(-170);
    expect(wrapDegrees(-190)).toBe(170);
    expect(wrapDegrees(180)).toBe(180);
  });
});

describe('bearingDeg and depressionAngleDeg', () => {
  it('gives compass bearings and angles below the horizon', () => {
    expect(bearingDeg(108, 16, 108, 16.01)).toBeCloseTo(0, 9);
    expect(bearingDeg(108, 16, 108.01, 16)).toBeCloseTo(90, 2);
    expect(bearingDeg(108, 16, 108, 15.99)).toBeCloseTo(180, 9);
    expect(bearingDeg(108, 16, 107.99, 16)).toBeCloseTo(-90, 2);
    // atan(23.5 / 23.5) = 45°
    expect(depressionAngleDeg(23.5, 25, 1.5)).toBeCloseTo(45, 10);
  });
});
