import { describe, expect, it } from 'vitest';
import { RMA_DEFAULTS, rmaPathLossDb, rmaValidityIssues } from '../../../src/core/propagation/rmaPathLoss';

// 3GPP TR 38.901 Table 7.4.1-1, RMa (defaults hBS 35 m, hUT 1.5 m, W 20 m, h 5 m), fc in GHz:
// PL1 = 20 log(40 pi d3D fc / 3) + min(0.03 h^1.72, 10) log d3D - min(0.044 h^1.72, 14.77) + 0.002 log(h) d3D
// PL2 = PL1(dBP) + 40 log(d3D / dBP), dBP = 2 pi hBS hUT fc[Hz] / 3e8
// NLOS = max(LOS, 161.04 - 7.1 log W + 7.5 log h - (24.37 - 3.7 (h/hBS)²) log hBS + (43.42 - 3.1 log hBS)(log d3D - 3)
//        + 20 log fc - (3.2 (log(11.75 hUT))² - 4.97))
const base = { frequencyMHz: 3500, txHeightM: 35, rxHeightM: 1.5 };

describe('rmaPathLossDb', () => {
  it('gives the DOMAIN.md sanity value: NLOS, 3.5 GHz, 2 km -> ~142.0 dB', () => {
    // 161.04 - 7.1 x 1.301030 (9.2373) + 7.5 x 0.698970 (5.2423) = 157.0450
    // (24.37 - 3.7 x (5/35)² = 24.37 - 0.0755 = 24.2945) x log 35 (1.544068) = 37.5123 -> 119.5327
    // d3D = sqrt(2000² + 33.5²) = 2000.2805, log = 3.301091; (43.42 - 3.1 x 1.544068 = 38.6334) x 0.301091 = 11.6322
    // + 20 log 3.5 = 10.8814 -> 142.0463; 3.2 x (log 17.625 = 1.246129)² - 4.97 = 4.96908 - 4.97 = -0.00092
    // 142.0463 + 0.0009 = 142.047 dB (LOS is 113.02, below)
    expect(Math.abs(rmaPathLossDb({ ...base, distanceM: 2000 }, false) - 142.047)).toBeLessThan(0.01);
  });

  it('LOS before the breakpoint, 3.5 GHz, 2 km', () => {
    // dBP = 2 pi x 35 x 1.5 x 3.5e9 / 3e8 = 3848.45 m > 2 km; h^1.72 = 5^1.72 = 15.9305
    // 20 log(40 pi x 2000.2805 x 3.5 / 3) = 20 log(293,263) = 109.3450; 0.03 x 15.9305 = 0.47791 x 3.301091 = 1.5776
    // - 0.044 x 15.9305 = -0.7009; + 0.002 x 0.698970 x 2000.2805 = 2.7963 -> 113.018 dB
    expect(Math.abs(rmaPathLossDb({ ...base, distanceM: 2000 }, true) - 113.018)).toBeLessThan(0.01);
  });

  it('LOS beyond the breakpoint, 3.5 GHz, 5 km: PL1(dBP) + 40 log(d3D / dBP)', () => {
    // PL1(3848.45) = 20 log(40 pi x 3848.45 x 3.5 / 3) + 0.47791 x log 3848.45 - 0.7009 + 0.002 x 0.69897 x 3848.45
    //             = 115.0289 + 0.47791 x 3.585286 (1.7135) - 0.7009 + 5.3799 = 121.4214
    // d3D = sqrt(5000² + 33.5²) = 5000.1122; 40 log(5000.1122 / 3848.45) = 40 x 0.113694 = 4.5478
    // 121.4214 + 4.5478 = 125.969 dB
    expect(Math.abs(rmaPathLossDb({ ...base, distanceM: 5000 }, true) - 125.969)).toBeLessThan(0.01);
  });

  it('NLOS, 3.5 GHz, 5 km', () => {
    // as the 2 km case with log d3D - 3 = log 5000.1122 - 3 = 0.698980: 38.6334 x 0.698980 = 27.0040
    // 119.5327 + 27.0040 + 10.8814 + 0.0009 = 157.419 dB
    expect(Math.abs(rmaPathLossDb({ ...base, distanceM: 5000 }, false) - 157.419)).toBeLessThan(0.01);
  });

  it('has the 38.901 defaults W 20 m and h 5 m, and warns outside its ranges', () => {
    expect(RMA_DEFAULTS).toMatchObject({ txHeightM: 35, rxHeightM: 1.5, streetWidthM: 20, buildingHeightM: 5 });
    expect(rmaValidityIssues({ ...base, distanceM: 2000 }, false)).toEqual([]);
    expect(rmaValidityIssues({ ...base, distanceM: 8000 }, true)).toEqual([]); // LOS reaches 10 km
    expect(rmaValidityIssues({ ...base, distanceM: 8000 }, false).map((issue) => issue.quantity)).toEqual(['distance']);
    expect(rmaValidityIssues({ ...base, frequencyMHz: 40_000, distanceM: 100 }, true)).toHaveLength(1);
  });
});
