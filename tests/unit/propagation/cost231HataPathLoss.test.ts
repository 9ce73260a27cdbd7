import { describe, expect, it } from 'vitest';
import { cost231HataPathLossDb, cost231HataValidityIssues } from '../../../src/core/propagation/cost231HataPathLoss';

// COST 231 final report §4.4.1, f in MHz, heights in m, d in km:
// L = 46.3 + 33.9 log f - 13.82 log hb - a(hm) + (44.9 - 6.55 log hb) log d + Cm,
// a(hm) = (1.1 log f - 0.7) hm - (1.56 log f - 0.8).
describe('cost231HataPathLossDb', () => {
  it('gives the DOMAIN.md sanity values: 1800 MHz, hb 30 m, hm 1.5 m, 1 km -> 136.2 dB (Cm 0), 139.2 dB (Cm 3)', () => {
    // log 1800 = 3.255273; 33.9 x 3.255273 = 110.3537; 13.82 x log 30 = 13.82 x 1.477121 = 20.4138
    // a(1.5) = (3.580800 - 0.7) x 1.5 - (5.078226 - 0.8) = 4.321200 - 4.278226 = 0.042974
    // L = 46.3 + 110.3537 - 20.4138 - 0.0430 + 0 = 136.197 dB
    const params = { frequencyMHz: 1800, txHeightM: 30, rxHeightM: 1.5, distanceM: 1000 };
    expect(Math.abs(cost231HataPathLossDb(params) - 136.197)).toBeLessThan(0.01);
    expect(Math.abs(cost231HataPathLossDb({ ...params, metropolitan: true }) - 139.197)).toBeLessThan(0.01);
  });

  it('matches a second hand-computed value: 1800 MHz, hb 50 m, hm 2 m, 5 km', () => {
    // 46.3 + 110.3537 = 156.6537; 13.82 x log 50 = 13.82 x 1.698970 = 23.4798
    // a(2) = 2.880800 x 2 - 4.278226 = 1.483374
    // (44.9 - 6.55 x 1.698970) x log 5 = (44.9 - 11.12825) x 0.698970 = 33.77175 x 0.698970 = 23.6054
    // L = 156.6537 - 23.4798 - 1.4834 + 23.6054 = 155.296 dB
    const loss = cost231HataPathLossDb({ frequencyMHz: 1800, txHeightM: 50, rxHeightM: 2, distanceM: 5000 });
    expect(Math.abs(loss - 155.296)).toBeLessThan(0.01);
  });

  it('lowers the loss for a higher base station (the sign of 13.82 log hb)', () => {
    // With the sign wrong the 1 km sanity value would be 136.197 + 2 x 20.4138 = 177.02 dB.
    const at = (txHeightM: number) =>
      cost231HataPathLossDb({ frequencyMHz: 1800, txHeightM, rxHeightM: 1.5, distanceM: 1000 });
    expect(at(60)).toBeLessThan(at(30));
    expect(at(30)).toBeLessThan(150);
  });

  it('warns outside 1500-2000 MHz, hb 30-200 m, hm 1-10 m, d 1-20 km', () => {
    const inside = { frequencyMHz: 1800, txHeightM: 30, rxHeightM: 1.5, distanceM: 1000 };
    expect(cost231HataValidityIssues(inside)).toEqual([]);
    const outside = cost231HataValidityIssues({ frequencyMHz: 2600, txHeightM: 20, rxHeightM: 1.5, distanceM: 500 });
    expect(outside.map((issue) => issue.quantity)).toEqual(['frequency', 'base station height', 'distance']);
  });
});
