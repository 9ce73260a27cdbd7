import {
  annuityFactor,
  fibreUsdPerM,
  joinMastCapexUsd,
  newSitePassiveCapexUsd,
  type SharingCosts,
  siteRentUsdPerYear,
} from '../colocation/sharingCosts';
import { isNewBuild, type SiteCandidate } from './siteCandidate';

/** What a proposed site costs (pytal unit costs, USD), as the budget and the explanation see it. */
export interface SiteCost {
  /** Up-front: passive site (tower, civil works, transport, installation, power) and fibre; or joining a mast. */
  capexUsd: number;
  /** Fibre from the backbone to the site, metres (0 for an existing mast or without a backbone). */
  fibreM: number;
  fibreUsd: number;
  /** Site rent per year for the operators on the new tenancy, USD. */
  rentUsdPerYear: number;
  /** capex + (opex share x capex + rent) each year, discounted over the horizon. */
  netPresentUsd: number;
}

export interface CandidateCostOptions {
  costs: SharingCosts;
  technology: '4g' | '5g';
  /** Fibre price per metre overriding pytal's urban/suburban/rural prices, USD/m. */
  fibreUsdPerMOverride?: number;
}

/**
 * Cost of each candidate. A new mast: the passive site plus fibre over its distance to the backbone (when known) at
 * the zone's price per metre, and the zone's full rent. Joining an existing mast: installation and power system only
 * (the mast and its transmission exist), and a share of the rent proportional to the operators joining.
 * `joiningOperators[c]` is how many operators would be on the new tenancy.
 */
export function siteCost(
  candidate: SiteCandidate,
  zoneCode: number,
  backboneDistanceM: number,
  joiningOperators: number,
  tenantsBefore: number,
  options: CandidateCostOptions,
): SiteCost {
  const { costs, technology } = options;
  const rent = siteRentUsdPerYear(costs, zoneCode);
  if (!isNewBuild(candidate)) {
    const capexUsd = joinMastCapexUsd(costs, technology);
    const share = joiningOperators / Math.max(1, tenantsBefore + joiningOperators);
    const rentUsdPerYear = rent * share;
    return {
      capexUsd,
      fibreM: 0,
      fibreUsd: 0,
      rentUsdPerYear,
      netPresentUsd: capexUsd + (costs.opexShareOfCapexPerYear * capexUsd + rentUsdPerYear) * annuityFactor(costs),
    };
  }
  const fibreM = Number.isFinite(backboneDistanceM) ? backboneDistanceM : 0;
  const fibreUsd = fibreM * (options.fibreUsdPerMOverride ?? fibreUsdPerM(costs, zoneCode));
  const capexUsd = newSitePassiveCapexUsd(costs, technology) + fibreUsd;
  return {
    capexUsd,
    fibreM,
    fibreUsd,
    rentUsdPerYear: rent,
    netPresentUsd: capexUsd + (costs.opexShareOfCapexPerYear * capexUsd + rent) * annuityFactor(costs),
  };
}
