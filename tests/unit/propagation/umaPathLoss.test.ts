import { describe, expect, it } from 'vitest';
import { umaPathLossDb, umaValidityIssues } from '../../../src/core/propagation/umaPathLoss';

// 3GPP TR 38.901 Table 7.4.1-1, UMa, fc in GHz, distances in m, d3D = sqrt(d2D² + (hBS - hUT)²):
// LOS PL1 = 28 + 22 log d3D + 20 log fc (d2D <= d'BP); PL2 = 28 + 40 log d3D + 20 log fc - 9 log(d'BP² + (hBS-hUT)²);
// d'BP = 4 (hBS - 1)(hUT - 1) fc[Hz] / 3e8. NLOS = max(LOS, 13.54 + 39.08 log d3D + 20 log fc - 0.6 (hUT - 1.5)).
const base = { frequencyMHz: 3500, txHeightM: 25, rxHeightM: 1.5 };

describe('umaPathLossDb', () => {
  it('gives the DOMAIN.md sanity value: NLOS, 3.5 GHz, 500 m -> ~129.9 dB', () => {
    // d3D = sqrt(500² + 23.5²) = 500.552; log = 2.699449; 39.08 x 2.699449 = 105.4945; 20 log 3.5 = 10.8814
    // 13.54 + 105.4945 + 10.8814 - 0 = 129.916 dB (the LOS term is 98.27, below it)
    expect(Math.abs(umaPathLossDb({ ...base, distanceM: 500 }, false) - 129.916)).toBeLessThan(0.01);
  });

  it('uses PL1 before the breakpoint: LOS, 3.5 GHz, 200 m', () => {
    // d'BP = 4 x 24 x 0.5 x 3.5e9 / 3e8 = 560 m; d3D = sqrt(200² + 23.5²) = 201.376, log = 2.304007
    // 28 + 22 x 2.304007 + 10.8814 = 28 + 50.6882 + 10.8814 = 89.570 dB
    expect(Math.abs(umaPathLossDb({ ...base, distanceM: 200 }, true) - 89.57)).toBeLessThan(0.01);
  });

  it('uses PL2 beyond the breakpoint: LOS, 3.5 GHz, 1 km', () => {
    // d3D = sqrt(1000² + 23.5²) = 1000.276, log = 3.000120; 40 x 3.000120 = 120.0048
    // 9 log(560² + 23.5²) = 9 log(314,152.25) = 9 x 5.497141 = 49.4743
    // 28 + 120.0048 + 10.8814 - 49.4743 = 109.412 dB
    expect(Math.abs(umaPathLossDb({ ...base, distanceM: 1000 }, true) - 109.412)).toBeLessThan(0.01);
  });

  it("is continuous at the breakpoint (PL1 = PL2 at d2D = d'BP)", () => {
    const before = umaPathLossDb({ ...base, distanceM: 559.999 }, true);
    const after = umaPathLossDb({ ...base, distanceM: 560.001 }, true);
    expect(Math.abs(after - before)).toBeLessThan(0.001);
  });

  it('matches a hand value at other heights: NLOS, 2.55 GHz, hBS 30 m, 300 m', () => {
    // d3D = sqrt(300² + 28.5²) = 301.351, log = 2.479072; 39.08 x 2.479072 = 96.8821; 20 log 2.55 = 8.1308
    // 13.54 + 96.8821 + 8.1308 = 118.553 dB
    const loss = umaPathLossDb({ frequencyMHz: 2550, txHeightM: 30, rxHeightM: 1.5, distanceM: 300 }, false);
    expect(Math.abs(loss - 118.553)).toBeLessThan(0.01);
  });

  it('never gives NLOS below LOS', () => {
    for (const distanceM of [10, 30, 100, 300, 1000, 3000, 5000]) {
      expect(umaPathLossDb({ ...base, distanceM }, false)).toBeGreaterThanOrEqual(
        umaPathLossDb({ ...base, distanceM }, true),
      );
    }
  });

  it('warns outside hBS 25 m, hUT 1.5-22.5 m, d2D 10 m-5 km, fc 0.5-100 GHz', () => {
    expect(umaValidityIssues({ ...base, distanceM: 500 }, false)).toEqual([]);
    const issues = umaValidityIssues({ ...base, txHeightM: 40, distanceM: 6000 }, false);
    expect(issues.map((issue) => issue.quantity)).toEqual(['base station height', 'distance']);
  });
});
