import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { computeNationalReadiness } from '../../../src/core/readiness/computeNationalReadiness';
import { packReadinessTowers } from '../../../src/core/readiness/packReadinessTowers';
import { readinessTableCsv } from '../../../src/core/readiness/readinessTableCsv';
import { HAND_BACKBONE, HAND_PROVINCES, HAND_TOWERS, handGrid } from './handCheckedDataset';

describe("the ministry's readiness table as CSV", () => {
  it('writes each province and the nation with the figures worked out by hand, targets and whether each is met', async () => {
    const result = await computeNationalReadiness({
      grid: handGrid(),
      provinces: HAND_PROVINCES,
      towers: packReadinessTowers(HAND_TOWERS),
      backbone: HAND_BACKBONE,
      targets: { coverage_4g_share: 0.5, shared_share: 0.3 },
    });
    const bytes = readinessTableCsv(result, { delimiter: ';' });
    // A byte-order mark, so Excel reads UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const { data } = Papa.parse<Record<string, string>>(text.trim(), { header: true, delimiter: ';' });
    expect(data.map((row) => row.code)).toEqual(['VNA', 'VNB', 'VN']);
    const a = data[0];
    // Province A by hand (handCheckedDataset.ts): 6,000 people, 3,500 within 4G reach, 500 within 5G reach.
    expect(a.name).toBe(HAND_PROVINCES[0].name);
    expect(Number(a.population_total)).toBe(6000);
    expect(Number(a.population_covered_4g)).toBe(3500);
    expect(Number(a.population_covered_5g)).toBe(500);
    expect(Number(a.coverage_4g_share)).toBeCloseTo(3500 / 6000, 12);
    expect(Number(a.Viettel_coverage_4g_share)).toBeCloseTo(2100 / 6000, 12);
    // 3,500 / 6,000 = 58% of people with 4G against a 50% target: met.
    expect(a.target_coverage_4g_share).toBe('0.5');
    expect(a.met_coverage_4g_share).toBe('true');
    // Only the KPIs with a target get columns.
    expect(Object.keys(a)).not.toContain('target_coverage_5g_share');
    // Every figure of the result is there, as computed (empty where there is nothing to divide by).
    for (const [index, province] of [...result.provinces, result.national].entries()) {
      const row = data[index];
      for (const key of ['masts', 'tenancies', 'shared_masts', 'masts_near_backbone', 'targets_met'] as const) {
        expect(row[key], `${province.code} ${key}`).toBe(String(province[key] ?? ''));
      }
      expect(row.tenancy_ratio).toBe(province.tenancy_ratio === null ? '' : String(province.tenancy_ratio));
      expect(row.met_shared_share).toBe(String(province.targets.shared_share?.met ?? ''));
      expect(row.masts_source).toBe('national');
    }
    // A province counted on its register names the operators it spoke for; the nation says it mixes both.
    const mixed = readinessTableCsv(result, { registerOperators: new Map([['VNB', ['MobiFone', 'Viettel']]]) });
    const lines = Papa.parse<Record<string, string>>(new TextDecoder().decode(mixed.slice(3)).trim(), {
      header: true,
    }).data;
    expect(lines.map((line) => line.masts_source)).toEqual([
      'national',
      'register:MobiFone+Viettel',
      'national+register',
    ]);
  });

  it('writes a name a spreadsheet would run as a formula as text', async () => {
    const result = await computeNationalReadiness({
      grid: handGrid(),
      provinces: HAND_PROVINCES.map((province, i) => (i === 0 ? { ...province, name: '=HYPERLINK("x")' } : province)),
      towers: packReadinessTowers(HAND_TOWERS),
    });
    const text = new TextDecoder().decode(readinessTableCsv(result).slice(3));
    const { data } = Papa.parse<Record<string, string>>(text.trim(), { header: true });
    expect(data[0].name).toBe('\'=HYPERLINK("x")');
  });
});
