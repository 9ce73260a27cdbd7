import { describe, expect, it } from 'vitest';
import { DEFAULT_COLOCATION_SETTINGS } from '../../../src/app/sharing/sharingStore';
import { sharingDistanceFor } from '../../../src/core/colocation/buildColocationRequest';
import { ZONE_SUBURBAN, ZONE_URBAN } from '../../../src/core/colocation/classifyUrbanRural';
import {
  DEMO_PROVINCE_SHARING_PRESET,
  SHARING_DISTANCE_PRESETS,
  sharingDistanceByZone,
} from '../../../src/core/colocation/sharingDistancePresets';
import { QUANG_NAM_SPACING, requiredSpacingM } from '../../../src/core/siting/siteRules';

describe('sharing distance presets', () => {
  it('keeps the published rules of Hà Nội (100/500 m) and Hải Dương (100/400 m)', () => {
    expect(SHARING_DISTANCE_PRESETS.ha_noi).toMatchObject({ urbanM: 100, nonUrbanM: 500 });
    expect(SHARING_DISTANCE_PRESETS.hai_duong).toMatchObject({ urbanM: 100, nonUrbanM: 400 });
  });

  it('gives the demo province (TP Đà Nẵng) an assumed 150/300 m, said to be an assumption, as the default', () => {
    const daNang = SHARING_DISTANCE_PRESETS.da_nang;
    expect(daNang).toMatchObject({ urbanM: 150, nonUrbanM: 300 });
    expect(daNang.source).toMatch(/assumption/);
    expect(daNang.source).toMatch(/Quảng Nam/);
    expect(DEMO_PROVINCE_SHARING_PRESET).toBe('da_nang');
    expect(DEFAULT_COLOCATION_SETTINGS.preset).toBe('da_nang');
    expect(sharingDistanceFor(DEFAULT_COLOCATION_SETTINGS)).toBe(daNang);
  });

  it("derives them from Quảng Nam's spacing: A2a up to 15 m in urban areas, A2b elsewhere", () => {
    const daNang = SHARING_DISTANCE_PRESETS.da_nang;
    expect(requiredSpacingM('A2a', 15, ZONE_URBAN, QUANG_NAM_SPACING)).toBe(daNang.urbanM);
    expect(requiredSpacingM('A2b', 35, ZONE_SUBURBAN, QUANG_NAM_SPACING)).toBe(daNang.nonUrbanM);
    expect(Array.from(sharingDistanceByZone(Uint8Array.from([ZONE_URBAN, ZONE_SUBURBAN]), daNang))).toEqual([150, 300]);
  });
});
