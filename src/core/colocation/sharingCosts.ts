import { SETTLEMENT_ZONES } from './classifyUrbanRural';

/**
 * Unit costs of the open pytal model (Oughton et al. 2022, see DOMAIN.md), USD; editable. Passive sharing divides the
 * tower, civil works, transport, installation, site rent and power among the operators on a site.
 */
export interface SharingCosts {
  towerUsd: number;
  civilWorksUsd: number;
  transportUsd: number;
  installationUsd: number;
  powerSystem4gUsd: number;
  powerSystem5gUsd: number;
  siteRentUrbanUsdPerYear: number;
  siteRentSuburbanUsdPerYear: number;
  siteRentRuralUsdPerYear: number;
  fibreUrbanUsdPerM: number;
  fibreSuburbanUsdPerM: number;
  fibreRuralUsdPerM: number;
  /** Yearly operation and maintenance as a share of capex. */
  opexShareOfCapexPerYear: number;
  discountRatePerYear: number;
  horizonYears: number;
}

export const SHARING_COSTS_USD: SharingCosts = {
  towerUsd: 5_000, // USD per tower
  civilWorksUsd: 5_000, // USD per site
  transportUsd: 5_000, // USD per site
  installationUsd: 5_000, // USD per site
  powerSystem4gUsd: 5_000, // USD per site
  powerSystem5gUsd: 15_000, // USD per site
  siteRentUrbanUsdPerYear: 9_600, // USD per year
  siteRentSuburbanUsdPerYear: 4_000, // USD per year
  siteRentRuralUsdPerYear: 1_000, // USD per year
  fibreUrbanUsdPerM: 25, // USD per metre
  fibreSuburbanUsdPerM: 15, // USD per metre
  fibreRuralUsdPerM: 5, // USD per metre
  opexShareOfCapexPerYear: 0.1, // fraction of capex per year
  discountRatePerYear: 0.05, // fraction per year
  horizonYears: 10, // years
};

/** Present value of 1 USD paid at the end of each year over the horizon: sum over t = 1..N of 1 / (1 + r)^t. */
export function annuityFactor(costs: SharingCosts): number {
  let factor = 0;
  for (let t = 1; t <= costs.horizonYears; t++) factor += 1 / (1 + costs.discountRatePerYear) ** t;
  return factor;
}

export function siteRentUsdPerYear(costs: SharingCosts, zoneCode: number): number {
  const zone = SETTLEMENT_ZONES[zoneCode] ?? 'rural';
  return zone === 'urban'
    ? costs.siteRentUrbanUsdPerYear
    : zone === 'suburban'
      ? costs.siteRentSuburbanUsdPerYear
      : costs.siteRentRuralUsdPerYear;
}

export function fibreUsdPerM(costs: SharingCosts, zoneCode: number): number {
  const zone = SETTLEMENT_ZONES[zoneCode] ?? 'rural';
  return zone === 'urban'
    ? costs.fibreUrbanUsdPerM
    : zone === 'suburban'
      ? costs.fibreSuburbanUsdPerM
      : costs.fibreRuralUsdPerM;
}

/** Capex of a new passive site (tower, civil works, transport, installation, power), USD. */
export function newSitePassiveCapexUsd(costs: SharingCosts, technology: '4g' | '5g' = '5g'): number {
  return (
    costs.towerUsd +
    costs.civilWorksUsd +
    costs.transportUsd +
    costs.installationUsd +
    (technology === '5g' ? costs.powerSystem5gUsd : costs.powerSystem4gUsd)
  );
}

/** Capex of joining an existing mast (its structure and transmission exist): installation and power system, USD. */
export function joinMastCapexUsd(costs: SharingCosts, technology: '4g' | '5g' = '5g'): number {
  return costs.installationUsd + (technology === '5g' ? costs.powerSystem5gUsd : costs.powerSystem4gUsd);
}

/** Net present cost of a site over the horizon: capex now, then opex (share of capex) and rent each year, USD. */
export function siteNetPresentCostUsd(costs: SharingCosts, capexUsd: number, rentUsdPerYear: number): number {
  return capexUsd + (costs.opexShareOfCapexPerYear * capexUsd + rentUsdPerYear) * annuityFactor(costs);
}
