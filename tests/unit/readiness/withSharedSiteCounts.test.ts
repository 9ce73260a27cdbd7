/** The server's planned and approved shared sites put into a readiness result, and written (or not) in its CSV. */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { computeNationalReadiness } from '../../../src/core/readiness/computeNationalReadiness';
import { packReadinessTowers } from '../../../src/core/readiness/packReadinessTowers';
import { readinessTableCsv } from '../../../src/core/readiness/readinessTableCsv';
import { withSharedSiteCounts } from '../../../src/core/readiness/withSharedSiteCounts';
import { HAND_PROVINCES, HAND_TOWERS, handGrid } from './handCheckedDataset';

const compute = () =>
  computeNationalReadiness({ grid: handGrid(), provinces: HAND_PROVINCES, towers: packReadinessTowers(HAND_TOWERS) });

const csvRows = (bytes: Uint8Array) =>
  Papa.parse<Record<string, string>>(new TextDecoder().decode(bytes.slice(3)).trim(), { header: true }).data;

describe('withSharedSiteCounts', () => {
  it('sets each province by its code, sums the nation, and puts unknown codes outside the provinces', async () => {
    const result = await compute();
    const [a, b] = HAND_PROVINCES.map((province) => province.code);
    const merged = withSharedSiteCounts(
      result,
      new Map([
        [a, { planned: 7, approved: 2 }],
        ['VN99', { planned: 4, approved: 1 }],
      ]),
    );
    expect(merged.provinces.map((p) => [p.code, p.planned_shared_sites, p.approved_shared_sites])).toEqual([
      [a, 7, 2],
      [b, 0, 0],
    ]);
    expect([merged.national.planned_shared_sites, merged.national.approved_shared_sites]).toEqual([7, 2]);
    expect([merged.outside_provinces.planned_shared_sites, merged.outside_provinces.approved_shared_sites]).toEqual([
      4, 1,
    ]);
    // Nothing else changes, and the result given is left as it was.
    expect({ ...merged.national, planned_shared_sites: 0, approved_shared_sites: 0 }).toEqual(result.national);
    expect(result.provinces[0].planned_shared_sites).toBe(0);
  });

  it('writes the counts in the CSV when known, and empty cells when not (never a 0 nobody counted)', async () => {
    const result = await compute();
    const merged = withSharedSiteCounts(result, new Map([[HAND_PROVINCES[1].code, { planned: 3, approved: 0 }]]));
    const known = csvRows(readinessTableCsv(merged));
    expect(known.map((row) => [row.planned_shared_sites, row.approved_shared_sites])).toEqual([
      ['0', '0'],
      ['3', '0'],
      ['3', '0'],
    ]);
    const unknown = csvRows(readinessTableCsv(result, { sharedSitesKnown: false }));
    expect(unknown.map((row) => [row.planned_shared_sites, row.approved_shared_sites])).toEqual([
      ['', ''],
      ['', ''],
      ['', ''],
    ]);
    // The other figures are the same either way.
    expect(unknown.map((row) => row.masts)).toEqual(known.map((row) => row.masts));
  });
});
