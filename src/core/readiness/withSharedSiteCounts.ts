import type { NationalReadiness } from './readinessTypes';

/** Planned and approved shared sites of one province, by its code. */
export interface SharedSiteCounts {
  planned: number;
  approved: number;
}

/**
 * The readiness result with each province's planned and approved shared sites taken from `counts` (by province code;
 * a province not in it has none), the national row their sum, and counts for codes that are no province of the result
 * put with what lies outside every province. The other figures are untouched: the sites do not change them.
 */
export function withSharedSiteCounts(
  result: NationalReadiness,
  counts: ReadonlyMap<string, SharedSiteCounts>,
): NationalReadiness {
  let planned = 0;
  let approved = 0;
  const provinces = result.provinces.map((province) => {
    const own = counts.get(province.code) ?? { planned: 0, approved: 0 };
    planned += own.planned;
    approved += own.approved;
    return { ...province, planned_shared_sites: own.planned, approved_shared_sites: own.approved };
  });
  const codes = new Set(result.provinces.map((province) => province.code));
  let outsidePlanned = 0;
  let outsideApproved = 0;
  for (const [code, own] of counts) {
    if (codes.has(code)) continue;
    outsidePlanned += own.planned;
    outsideApproved += own.approved;
  }
  return {
    ...result,
    provinces,
    national: { ...result.national, planned_shared_sites: planned, approved_shared_sites: approved },
    outside_provinces: {
      ...result.outside_provinces,
      planned_shared_sites: outsidePlanned,
      approved_shared_sites: outsideApproved,
    },
  };
}
