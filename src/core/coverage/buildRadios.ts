import { allocateRadioArrays, type RadioArrays } from '../model/radioArrays';
import type { Tower } from '../model/tower';
import type { TowerArrays } from '../model/towerArrays';
import { PATH_LOSS_MODELS, type PathLossModelId } from '../propagation/pathLossModels';
import {
  eirpPerResourceElementDbm,
  type MaxReachOptions,
  maxReachM,
  type RadioSettings,
  type ReceiverSettings,
} from './linkBudget';

/** One sector of a mast as a tower file gives it. */
export interface SectorSpec {
  /** Degrees clockwise from north. */
  azimuthDeg: number;
  /** Degrees below the horizon; the radio's default downtilt when absent. */
  downtiltDeg?: number;
}

/** The masts a run needs (TowerArrays from packTowers, or the same fields). */
export type RadioSites = Pick<TowerArrays, 'count' | 'lon' | 'lat' | 'heightM' | 'tenantBits' | 'operatorNames'>;

export interface BuildRadiosInput {
  towers: RadioSites;
  /** The radio of operator k (towers.operatorNames[k]), or null when it has none in this technology. */
  radioByOperator: ReadonlyArray<RadioSettings | null>;
  receiver: ReceiverSettings;
  modelId: PathLossModelId;
  /** Signal level that ends each radio's reach, dBm. */
  floorDbm: number;
  /** Model options besides heights and frequency (COST-231 metropolitan, RMa street width and building height). */
  environment?: Pick<MaxReachOptions, 'metropolitan' | 'streetWidthM' | 'buildingHeightM'>;
  /**
   * Per tower, bit k set when operator k runs this technology on the mast (technologyTenantBits); default every
   * tenant (towers.tenantBits).
   */
  radioBits?: Uint8Array;
  /** Sectors per tower index; a mast without (null, empty) is one omnidirectional radio per tenant. */
  sectorsByTower?: ReadonlyArray<readonly SectorSpec[] | null | undefined>;
}

/**
 * One radio per tenant of each mast (per sector when the mast has azimuths), with its height (the mast's, else the
 * radio's default, else the model's typical height), EIRP per resource element and reach. Reaches are computed once per
 * distinct (operator, height) pair.
 */
export function buildRadios(input: BuildRadiosInput): RadioArrays {
  const { towers, radioByOperator, receiver, modelId, floorDbm, sectorsByTower } = input;
  const radioBits = input.radioBits ?? towers.tenantBits;
  if (radioBits.length !== towers.count) {
    throw new RangeError(`radioBits has ${radioBits.length} entries, the towers ${towers.count}`);
  }
  let count = 0;
  for (let t = 0; t < towers.count; t++) {
    const radiosPerTenant = Math.max(1, sectorsByTower?.[t]?.length ?? 0);
    for (let k = 0; k < radioByOperator.length; k++) {
      if (radioBits[t] & (1 << k) && radioByOperator[k]) count += radiosPerTenant;
    }
  }
  const radios = allocateRadioArrays(count);
  const reachCache = new Map<string, number>();
  const eirpByOperator = radioByOperator.map((radio) => (radio ? eirpPerResourceElementDbm(radio) : Number.NaN));
  let i = 0;
  for (let t = 0; t < towers.count; t++) {
    const sectors = sectorsByTower?.[t];
    for (let k = 0; k < radioByOperator.length; k++) {
      const radio = radioByOperator[k];
      if (!radio || !(radioBits[t] & (1 << k))) continue;
      const heightM = radioHeightM(towers.heightM[t], radio, modelId);
      const key = `${k}|${heightM}`;
      let reachM = reachCache.get(key);
      if (reachM === undefined) {
        reachM = maxReachM({ ...radio, ...receiver }, modelId, {
          ...input.environment,
          txHeightM: heightM,
          floorDbm,
        });
        reachCache.set(key, reachM);
      }
      const entries: ReadonlyArray<SectorSpec | null> = sectors && sectors.length > 0 ? sectors : [null];
      for (const sector of entries) {
        radios.towerIndex[i] = t;
        radios.operatorIndex[i] = k;
        radios.lon[i] = towers.lon[t];
        radios.lat[i] = towers.lat[t];
        radios.heightM[i] = heightM;
        radios.frequencyMHz[i] = radio.frequencyMHz;
        radios.eirpPerResourceElementDbm[i] = eirpByOperator[k];
        radios.azimuthDeg[i] = sector ? sector.azimuthDeg : Number.NaN;
        radios.downtiltDeg[i] = sector?.downtiltDeg ?? radio.downtiltDeg;
        radios.horizontalBeamwidthDeg[i] = radio.horizontalBeamwidthDeg;
        radios.verticalBeamwidthDeg[i] = radio.verticalBeamwidthDeg;
        radios.reachM[i] = reachM;
        i++;
      }
    }
  }
  return radios;
}

/** The mast's antenna height when the file gives a positive one, else the radio's default, else the model's. */
export function radioHeightM(towerHeightM: number, radio: RadioSettings, modelId: PathLossModelId): number {
  if (towerHeightM > 0) return towerHeightM;
  return radio.txHeightM ?? PATH_LOSS_MODELS[modelId].defaultTxHeightM;
}

/**
 * Sectors from the azimuths (and tilts) a tower file gave, per tower, in the order of `towers`: null for a mast without
 * azimuths. Tilts pair with azimuths by position; a single tilt applies to every sector.
 */
export function sectorsFromTowers(towers: readonly Tower[]): Array<SectorSpec[] | null> {
  return towers.map((tower) => {
    const azimuths = tower.azimuthsDeg;
    if (!azimuths || azimuths.length === 0) return null;
    const tilts = tower.tiltsDeg ?? [];
    return azimuths.map((azimuthDeg, s) => {
      const downtiltDeg = tilts.length === 1 ? tilts[0] : tilts[s];
      return downtiltDeg === undefined ? { azimuthDeg } : { azimuthDeg, downtiltDeg };
    });
  });
}
