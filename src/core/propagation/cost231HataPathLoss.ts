import { checkRange, collectIssues, type ValidityIssue } from './validityIssue';

/** Typical inputs where the data gives none (base station above the rooftops). */
export const COST231_DEFAULTS = {
  txHeightM: 30, // m, base station antenna height hb
  rxHeightM: 1.5, // m, mobile antenna height hm
};

export interface Cost231Setup {
  frequencyMHz: number;
  /** Base station antenna height hb, m (30-200 m). */
  txHeightM: number;
  /** Mobile antenna height hm, m (1-10 m). */
  rxHeightM: number;
  /** Cm = 3 dB for metropolitan centres, else 0 dB (medium-sized cities and suburban areas). */
  metropolitan?: boolean;
}

export interface Cost231Params extends Cost231Setup {
  /** Ground distance, metres (1-20 km). */
  distanceM: number;
}

/**
 * COST-231 Hata (COST Action 231 final report, 1999, §4.4.1), f in MHz, heights in m, d in km:
 *   L = 46.3 + 33.9 log f - 13.82 log hb - a(hm) + (44.9 - 6.55 log hb) log d + Cm
 *   a(hm) = (1.1 log f - 0.7) hm - (1.56 log f - 0.8)   (small and medium-sized cities)
 * A higher base station lowers the loss: note the minus sign of 13.82 log hb (one public implementation has it wrong).
 */
export function createCost231HataPathLoss(setup: Cost231Setup): (distanceM: number) => number {
  const logF = Math.log10(setup.frequencyMHz);
  const logHb = Math.log10(setup.txHeightM);
  const mobileCorrectionDb = (1.1 * logF - 0.7) * setup.rxHeightM - (1.56 * logF - 0.8);
  const cityCorrectionDb = setup.metropolitan ? 3 : 0;
  const interceptDb = 46.3 + 33.9 * logF - 13.82 * logHb - mobileCorrectionDb + cityCorrectionDb;
  const slopeDbPerDecade = 44.9 - 6.55 * logHb;
  return (distanceM) => interceptDb + slopeDbPerDecade * Math.log10(distanceM / 1000);
}

export function cost231HataPathLossDb(params: Cost231Params): number {
  return createCost231HataPathLoss(params)(params.distanceM);
}

export function cost231HataValidityIssues(params: Cost231Setup & { distanceM?: number }): ValidityIssue[] {
  const name = 'COST-231 Hata';
  return collectIssues(
    checkRange(name, 'frequency', params.frequencyMHz, 1500, 2000, 'MHz'),
    checkRange(name, 'base station height', params.txHeightM, 30, 200, 'm'),
    checkRange(name, 'mobile height', params.rxHeightM, 1, 10, 'm'),
    params.distanceM === undefined ? null : checkRange(name, 'distance', params.distanceM, 1000, 20_000, 'm'),
  );
}
