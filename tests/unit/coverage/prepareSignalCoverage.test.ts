import { describe, expect, it } from 'vitest';
import { describeSignalNote } from '../../../src/app/coverage/describeSignalNote';
import { buildRadios, radioHeightM, sectorsFromTowers } from '../../../src/core/coverage/buildRadios';
import { DEFAULT_RECEIVER, radioSettingsFor } from '../../../src/core/coverage/linkBudget';
import { prepareSignalCoverage } from '../../../src/core/coverage/prepareSignalCoverage';
import { technologyTenantBits } from '../../../src/core/coverage/technologyTenantBits';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';

const GRID = { width: 10, height: 10, originLon: 108, originLat: 16.1, cellSizeLonDeg: 0.01, cellSizeLatDeg: 0.01 };

function tower(id: string, operator: string, tenants: string[], extra: Partial<Tower> = {}): Tower {
  return { id, operator, lon: 108.05, lat: 16.05, heightM: 30, radiusM: null, mastType: null, tenants, ...extra };
}

const towers: Tower[] = [
  tower('A', 'Viettel', ['Viettel', 'Vietnamobile']),
  tower('B', 'VinaPhone', ['VinaPhone'], { heightM: null }),
  tower('C', 'MobiFone', ['MobiFone'], { azimuthsDeg: [0, 120, 240], tiltsDeg: [6] }),
];

describe('buildRadios', () => {
  it('makes one radio per tenant, and per sector where the mast has azimuths', () => {
    const arrays = packTowers(towers);
    const radios = buildRadios({
      towers: arrays,
      radioByOperator: arrays.operatorNames.map((name) => radioSettingsFor('4g', name)),
      receiver: DEFAULT_RECEIVER,
      modelId: 'uma-nlos',
      floorDbm: -110,
      sectorsByTower: sectorsFromTowers(towers),
    });
    // A: Viettel + Vietnamobile; B: VinaPhone; C: MobiFone x 3 sectors
    expect(radios.count).toBe(6);
    expect([...radios.towerIndex]).toEqual([0, 0, 1, 2, 2, 2]);
    expect([...radios.heightM]).toEqual([30, 30, 25, 30, 30, 30]); // B has no height: UMa's 25 m
    expect([...radios.azimuthDeg.slice(3)]).toEqual([0, 120, 240]);
    expect([...radios.downtiltDeg.slice(3)]).toEqual([6, 6, 6]);
    expect(Number.isNaN(radios.azimuthDeg[0])).toBe(true);
    expect(radios.reachM[0]).toBeGreaterThan(800);
  });

  it('takes the mast height, else the radio default, else the model height', () => {
    const radio = radioSettingsFor('4g', 'Viettel');
    if (!radio) throw new Error('no radio');
    expect(radioHeightM(42, radio, 'rma-nlos')).toBe(42);
    expect(radioHeightM(Number.NaN, radio, 'rma-nlos')).toBe(35);
    expect(radioHeightM(Number.NaN, { ...radio, txHeightM: 20 }, 'rma-nlos')).toBe(20);
  });
});

describe('technologyTenantBits', () => {
  it('gives every tenant 4G unless has_4g is 0, and 5G only to the listed tenants', () => {
    const listed = [
      tower('A', 'Viettel', ['Viettel', 'Vietnamobile'], { tenants5g: ['Viettel'] }),
      tower('B', 'VinaPhone', ['VinaPhone'], { has4g: false }),
      tower('C', 'MobiFone', ['MobiFone']),
    ];
    const names = packTowers(listed).operatorNames; // Viettel, Vietnamobile, VinaPhone, MobiFone
    expect([...technologyTenantBits(listed, names, '4g').bits]).toEqual([0b0011, 0, 0b1000]);
    expect(technologyTenantBits(listed, names, '5g')).toEqual({ bits: Uint8Array.of(0b0001, 0, 0), fromFile: true });
  });

  it('gives no 5G when the file says nothing about it, unless asked to assume every tenant runs it', () => {
    const names = packTowers(towers).operatorNames;
    expect(technologyTenantBits(towers, names, '5g')).toEqual({ bits: Uint8Array.of(0, 0, 0), fromFile: false });
    expect(technologyTenantBits(towers, names, '5g', { whenSilent: 'every-tenant' })).toEqual({
      bits: Uint8Array.of(0b0011, 0b0100, 0b1000),
      fromFile: false,
    });
  });
});

describe('prepareSignalCoverage', () => {
  it('resolves presets and receiver, and says what was left out or extrapolated', () => {
    const prepared = prepareSignalCoverage({
      towers: packTowers(towers),
      grid: GRID,
      technology: '5g',
      modelId: 'uma-nlos',
    });
    expect(prepared.operatorNames).toEqual(['Viettel', 'Vietnamobile', 'VinaPhone', 'MobiFone']);
    expect(prepared.radioByOperator.map((radio) => radio?.frequencyMHz ?? null)).toEqual([2550, null, 3750, 3850]);
    expect(prepared.thresholdDbm).toBe(-110);
    expect(prepared.request.receiverAdjustmentDb).toBeCloseTo(-8.3, 12);
    // A: Viettel (Vietnamobile has no 5G band), B: VinaPhone, C: MobiFone (no sectors passed here)
    expect(prepared.request.radios.count).toBe(3);
    // Each 5G radio reaches 600-800 m (UMa NLOS); a 0.01° cell is 1112 x 1069 m = 1.19 km², so each radio's disc is
    // pi x 0.7² / 1.19 = about 1.3 cells: 3 radios, 2-6 cells in all.
    expect(prepared.estimatedCellVisits).toBeGreaterThan(2);
    expect(prepared.estimatedCellVisits).toBeLessThan(6);
    expect(prepared.warnings.map((warning) => warning.reason)).toEqual([
      'Vietnamobile has no 5G band: its radios on 1 mast(s) cover nothing in 5G',
      '1 mast(s) have no height: 25 m is used',
      "UMa NLOS: base station height outside the model's 25 m for 2 of 3 radio(s) (30 m; computed anyway)",
    ]);
    // Each worded for the UI, in Vietnamese with no English left.
    expect(prepared.warnings.map((warning) => describeSignalNote(warning, 'vi'))).toEqual([
      'Vietnamobile không có băng tần 5G: thiết bị của nhà mạng này trên 1 cột không phủ sóng 5G',
      '1 cột không có độ cao: dùng 25 m',
      'UMa NLOS: độ cao trạm gốc ngoài giá trị 25 m của mô hình với 2 trên 3 thiết bị phát (30 m; vẫn tính)',
    ]);
    expect(prepared.warnings.map((warning) => describeSignalNote(warning, 'en'))).toEqual(
      prepared.warnings.map((warning) => warning.reason),
    );
  });

  it('applies edits: frequency for every operator, indoor service, a threshold and a lower signal floor', () => {
    const prepared = prepareSignalCoverage({
      towers: packTowers(towers),
      grid: GRID,
      technology: '4g',
      modelId: 'uma-nlos',
      radioOverrides: { frequencyMHz: 2100 },
      receiver: { indoor: true },
      signalFloorDbm: -120,
    });
    expect(prepared.thresholdDbm).toBe(-100);
    expect(prepared.request.signalFloorDbm).toBe(-120);
    expect(prepared.request.receiverAdjustmentDb).toBeCloseTo(-28.3, 12);
    expect([...new Set(prepared.request.radios.frequencyMHz)]).toEqual([2100]);
    const custom = prepareSignalCoverage({
      towers: packTowers(towers),
      grid: GRID,
      technology: '4g',
      modelId: 'uma-nlos',
      thresholdDbm: -95,
      signalFloorDbm: -90,
    });
    expect(custom.request.signalFloorDbm).toBe(-95); // never above the threshold
  });
});
