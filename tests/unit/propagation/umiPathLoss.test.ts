import { describe, expect, it } from 'vitest';
import { umiPathLossDb, umiValidityIssues } from '../../../src/core/propagation/umiPathLoss';

// 3GPP TR 38.901 Table 7.4.1-1, UMi street canyon: LOS PL1 = 32.4 + 21 log d3D + 20 log fc up to d'BP,
// PL2 = 32.4 + 40 log d3D + 20 log fc - 9.5 log(d'BP² + (hBS - hUT)²); NLOS = max(LOS, 35.3 log d3D + 22.4
// + 21.3 log fc - 0.3 (hUT - 1.5)); d'BP = 4 (hBS - 1)(hUT - 1) fc[Hz] / 3e8.
const base = { frequencyMHz: 3500, txHeightM: 10, rxHeightM: 1.5 };

describe('umiPathLossDb', () => {
  it('NLOS, 3.5 GHz, 200 m (hand-computed)', () => {
    // d3D = sqrt(200² + 8.5²) = 200.1806, log = 2.301422; 35.3 x 2.301422 = 81.2402
    // 21.3 x log 3.5 = 21.3 x 0.544068 = 11.5886; 81.2402 + 22.4 + 11.5886 = 115.229 dB
    expect(Math.abs(umiPathLossDb({ ...base, distanceM: 200 }, false) - 115.229)).toBeLessThan(0.01);
  });

  it('LOS before the breakpoint, 3.5 GHz, 200 m', () => {
    // d'BP = 4 x 9 x 0.5 x 3.5e9 / 3e8 = 210 m > 200 m: PL1 = 32.4 + 21 x 2.301422 + 10.8814 = 91.611 dB
    expect(Math.abs(umiPathLossDb({ ...base, distanceM: 200 }, true) - 91.611)).toBeLessThan(0.01);
  });

  it('LOS beyond the breakpoint and NLOS, 3.5 GHz, 500 m', () => {
    // d3D = sqrt(500² + 8.5²) = 500.0722, log = 2.699033
    // d'BP = 210 m < 500 m: PL2 = 32.4 + 40 x 2.699033 + 10.8814 - 9.5 log(210² + 8.5²)
    // = 32.4 + 107.9613 + 10.8814 - 9.5 log(44,172.25) = 151.2427 - 9.5 x 4.645150 (44.1289) = 107.114 dB
    expect(Math.abs(umiPathLossDb({ ...base, distanceM: 500 }, true) - 107.114)).toBeLessThan(0.01);
    // NLOS: 22.4 + 35.3 x 2.699033 + 11.5886 = 22.4 + 95.2759 + 11.5886 = 129.265 dB
    expect(Math.abs(umiPathLossDb({ ...base, distanceM: 500 }, false) - 129.265)).toBeLessThan(0.01);
  });

  it('is continuous at the breakpoint', () => {
    const before = umiPathLossDb({ ...base, distanceM: 209.999 }, true);
    const after = umiPathLossDb({ ...base, distanceM: 210.001 }, true);
    expect(Math.abs(after - before)).toBeLessThan(0.001);
  });

  it('warns for a base station other than 10 m', () => {
    expect(umiValidityIssues({ ...base, distanceM: 100 }, false)).toEqual([]);
    expect(umiValidityIssues({ ...base, txHeightM: 25, distanceM: 100 }, false)).toHaveLength(1);
  });
});
