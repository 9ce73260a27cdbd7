import { describe, expect, it } from 'vitest';
import {
  coverageThresholdDbm,
  DEFAULT_RECEIVER,
  eirpPerResourceElementDbm,
  type LinkBudget,
  maxPathLossDb,
  maxReachM,
  radioHorizonM,
  radioSettingsFor,
  reachOfPathLoss,
} from '../../../src/core/coverage/linkBudget';
import { bandPresetFor, LTE_1800 } from '../../../src/core/coverage/radioPresets';
import { pathLossDb } from '../../../src/core/propagation/pathLossModels';

function budget(technology: '4g' | '5g', operator: string, edits: Partial<LinkBudget> = {}): LinkBudget {
  const radio = radioSettingsFor(technology, operator);
  if (!radio) throw new Error(`no ${technology} radio for ${operator}`);
  return { ...radio, ...DEFAULT_RECEIVER, ...edits };
}

describe('radio presets', () => {
  it('give every operator LTE 1800 in 4G and the licensed 5G bands (DOMAIN.md)', () => {
    expect(bandPresetFor('4g', 'Viettel')).toBe(LTE_1800);
    expect(bandPresetFor('4g', 'Some New Operator')).toBe(LTE_1800);
    expect(bandPresetFor('5g', 'Viettel')).toMatchObject({ band: 'n41', frequencyMHz: 2550 });
    expect(bandPresetFor('5g', 'VinaPhone')).toMatchObject({ band: 'n78', frequencyMHz: 3750 });
    expect(bandPresetFor('5g', 'MobiFone')).toMatchObject({ band: 'n78', frequencyMHz: 3850 });
    expect(bandPresetFor('5g', 'Vietnamobile')).toBeNull();
  });

  it('state the receiver defaults', () => {
    expect(DEFAULT_RECEIVER).toEqual({
      rxHeightM: 1.5,
      rxAntennaGainDbi: 0,
      shadowingMarginDb: 8.3,
      indoor: false,
      indoorLossDb: 20,
      outdoorThresholdDbm: -110,
      indoorThresholdDbm: -100,
    });
  });
});

describe('link budget arithmetic', () => {
  it('gives LTE 1800 a reference-signal EIRP of ~32 dBm per resource element (DOMAIN.md)', () => {
    // 46 dBm - 10 log10(1200) (30.792) + 17.5 dBi - 0.5 dB = 32.208 dBm
    expect(eirpPerResourceElementDbm(budget('4g', 'Viettel'))).toBeCloseTo(32.208, 3);
  });

  it('spreads the NR reference budget (EIRP 68 dBm) over 3,276 subcarriers', () => {
    // 46 + 25 - 3 = 68 dBm; 68 - 10 log10(3276) (35.153) = 32.847 dBm
    expect(eirpPerResourceElementDbm(budget('5g', 'VinaPhone'))).toBeCloseTo(32.847, 3);
    // An EIRP given as such replaces power + gain - losses: 60 - 35.153 = 24.847
    expect(eirpPerResourceElementDbm(budget('5g', 'VinaPhone', { eirpDbm: 60 }))).toBeCloseTo(24.847, 3);
  });

  it('allows 133.9 dB of path loss for LTE outdoors and 20 + 10 dB less indoors', () => {
    // 32.208 + 0 - 8.3 - (-110) = 133.908 dB
    expect(maxPathLossDb(budget('4g', 'Viettel'))).toBeCloseTo(133.908, 3);
    // indoors: 32.208 - 8.3 - 20 - (-100) = 103.908 dB
    const indoor = budget('4g', 'Viettel', { indoor: true });
    expect(coverageThresholdDbm(indoor)).toBe(-100);
    expect(maxPathLossDb(indoor)).toBeCloseTo(103.908, 3);
  });
});

describe('maxReachM', () => {
  it('finds where UMa NLOS reaches the allowed loss: LTE 1800, hBS 25 m -> 889.7 m', () => {
    // 13.54 + 39.08 log d3D + 20 log 1.8 (5.1055) = 133.908 -> log d3D = 115.2626 / 39.08 = 2.949405
    // d3D = 890.03 m; d2D = sqrt(890.03² - 23.5²) = 889.72 m (the LOS term, 106.8 dB there, is lower)
    const lte = budget('4g', 'Viettel');
    const reachM = maxReachM(lte, 'uma-nlos');
    expect(reachM).toBeCloseTo(889.72, 1);
    const at = (distanceM: number) => pathLossDb('uma-nlos', { frequencyMHz: 1800, distanceM }).pathLossDb;
    expect(at(reachM)).toBeLessThanOrEqual(maxPathLossDb(lte));
    expect(at(reachM + 0.02)).toBeGreaterThan(maxPathLossDb(lte));
  });

  it('uses the mast height and a lower floor when given', () => {
    const lte = budget('4g', 'Viettel');
    expect(maxReachM(lte, 'rma-nlos', { txHeightM: 50 })).toBeGreaterThan(maxReachM(lte, 'rma-nlos'));
    expect(maxReachM(lte, 'uma-nlos', { floorDbm: -120 })).toBeGreaterThan(maxReachM(lte, 'uma-nlos'));
  });

  it('stops at the radio horizon: 4.12 km x (sqrt 30 + sqrt 1.5) = 27.62 km for free space', () => {
    // sqrt(2 x 4/3 x 6,371,008.8) = 4121.81 m; x (5.47723 + 1.22474) = 27,624.3 m
    expect(radioHorizonM(30, 1.5)).toBeCloseTo(27_624.3, 0);
    expect(maxReachM(budget('4g', 'Viettel'), 'fspl')).toBeCloseTo(27_624.3, 0);
  });

  it('is 0 when even 1 m is out of reach', () => {
    expect(maxReachM(budget('4g', 'Viettel', { txPowerDbm: -100 }), 'uma-nlos')).toBe(0);
    expect(reachOfPathLoss((distanceM) => distanceM, 50.005, 1000)).toBeCloseTo(50, 1);
  });
});
