import { EARTH_MEAN_RADIUS_M } from '../geo/haversineDistanceM';
import { createPathLossFunction, PATH_LOSS_MODELS, type PathLossModelId } from '../propagation/pathLossModels';
import { type BandPreset, bandPresetFor, type Technology } from './radioPresets';

/** A sector antenna's pattern parameters (TR 38.901 Table 7.3-1 shape; see sectorAntennaGainDb). */
export interface SectorAntennaSettings {
  /** Horizontal half-power beamwidth, degrees. */
  horizontalBeamwidthDeg: number;
  /** Vertical half-power beamwidth, degrees. */
  verticalBeamwidthDeg: number;
  /** Downtilt below the horizon when the tower file gives none, degrees. */
  downtiltDeg: number;
}

/** The transmit side of one operator's radio on a mast. */
export interface RadioSettings extends BandPreset, SectorAntennaSettings {
  /** Total EIRP over the channel, dBm, when known as such; null: txPowerDbm + antennaGainDbi - cableLossDb. */
  eirpDbm: number | null;
  /** Antenna height when the tower file gives none, m; null: the path-loss model's typical height. */
  txHeightM: number | null;
}

/** The receive side and what counts as covered: one set for a whole analysis. */
export interface ReceiverSettings {
  /** Terminal height above ground, m. */
  rxHeightM: number;
  /** Terminal antenna gain, dBi. */
  rxAntennaGainDbi: number;
  /** Shadowing (slow fading) margin, dB. */
  shadowingMarginDb: number;
  /** Indoor service: subtract the building penetration loss and use the indoor threshold. */
  indoor: boolean;
  /** Building penetration loss, dB (indoor only). */
  indoorLossDb: number;
  /** RSRP a terminal outdoors needs to count as covered, dBm. */
  outdoorThresholdDbm: number;
  /** RSRP a terminal indoors (after the penetration loss) needs to count as covered, dBm. */
  indoorThresholdDbm: number;
}

/** Everything one link needs: an operator's radio and the receiver. */
export type LinkBudget = RadioSettings & ReceiverSettings;

/**
 * Sector antenna defaults, used only for radios with an azimuth (masts without one are taken as omnidirectional at the
 * boresight gain). 65° is TR 38.901's horizontal beamwidth; 10° vertical is a typical macro panel of 17-18 dBi
 * (TR 38.901's single element is 65° wide, which would make the tilt meaningless); 4° is a middle macro downtilt.
 */
export const DEFAULT_SECTOR_ANTENNA: Readonly<SectorAntennaSettings> = {
  horizontalBeamwidthDeg: 65, // degrees
  verticalBeamwidthDeg: 10, // degrees
  downtiltDeg: 4, // degrees below the horizon
};

/** Receiver defaults (DOMAIN.md: reference budget and industry-practice thresholds). */
export const DEFAULT_RECEIVER: Readonly<ReceiverSettings> = {
  rxHeightM: 1.5, // m, handset at street level
  rxAntennaGainDbi: 0, // dBi, handset
  shadowingMarginDb: 8.3, // dB, 95% location probability at the cell edge (sigma ~8 dB)
  indoor: false,
  indoorLossDb: 20, // dB, building penetration
  outdoorThresholdDbm: -110, // dBm RSRP, outdoor coverage edge
  indoorThresholdDbm: -100, // dBm RSRP, indoor coverage edge (measured indoors, after the penetration loss)
};

/** An operator's radio for a technology with every default filled in (overrides on top), or null when it has none. */
export function radioSettingsFor(
  technology: Technology,
  operatorName: string,
  overrides: Partial<RadioSettings> = {},
): RadioSettings | null {
  const preset = bandPresetFor(technology, operatorName);
  if (!preset) return null;
  return { ...preset, ...DEFAULT_SECTOR_ANTENNA, eirpDbm: null, txHeightM: null, ...overrides };
}

/** EIRP of one resource element at boresight, dBm: the reference-signal power RSRP measures, before path loss. */
export function eirpPerResourceElementDbm(radio: RadioSettings): number {
  const eirpDbm = radio.eirpDbm ?? radio.txPowerDbm + radio.antennaGainDbi - radio.cableLossDb;
  return eirpDbm - 10 * Math.log10(radio.subcarrierCount);
}

/** The RSRP that counts as covered, dBm. */
export function coverageThresholdDbm(receiver: ReceiverSettings): number {
  return receiver.indoor ? receiver.indoorThresholdDbm : receiver.outdoorThresholdDbm;
}

/** What the receive side adds to every signal, dB: antenna gain minus shadowing margin and, indoors, penetration. */
export function receiverAdjustmentDb(receiver: ReceiverSettings): number {
  return receiver.rxAntennaGainDbi - receiver.shadowingMarginDb - (receiver.indoor ? receiver.indoorLossDb : 0);
}

/** The largest path loss that still leaves the signal at `floorDbm` (default: the coverage threshold), dB. */
export function maxPathLossDb(budget: LinkBudget, floorDbm = coverageThresholdDbm(budget)): number {
  return eirpPerResourceElementDbm(budget) + receiverAdjustmentDb(budget) - floorDbm;
}

/**
 * Distance to the radio horizon over a smooth Earth with standard refraction (k = 4/3), m:
 * sqrt(2 k R hTx) + sqrt(2 k R hRx), about 4.12 km x (sqrt(hTx) + sqrt(hRx)). No terrain model can see beyond it.
 */
export function radioHorizonM(txHeightM: number, rxHeightM: number): number {
  const effectiveDiameterM = 2 * (4 / 3) * EARTH_MEAN_RADIUS_M;
  return (
    Math.sqrt(effectiveDiameterM * Math.max(txHeightM, 0)) + Math.sqrt(effectiveDiameterM * Math.max(rxHeightM, 0))
  );
}

export interface MaxReachOptions {
  /** The mast's antenna height, m; default budget.txHeightM, else the model's typical height. */
  txHeightM?: number;
  /** Signal level that ends the reach, dBm; default the coverage threshold. */
  floorDbm?: number;
  /** Model options besides heights and frequency. */
  metropolitan?: boolean;
  streetWidthM?: number;
  buildingHeightM?: number;
  /** Upper bound of the search, m; default the radio horizon. */
  capM?: number;
}

/** Ground distances below this are taken as this (the mast's own cell): keeps free space and Hata finite. */
export const MIN_DISTANCE_M = 1;

/**
 * The farthest ground distance at which the best-case signal (boresight, no extra loss) is still at or above the
 * floor, m: bisection on the model's path-loss curve, which rises with distance for every model here. Capped at the
 * radio horizon; 0 when even 1 m is out of reach. Cells beyond it cannot be covered, which is what lets the coverage
 * scan visit only the cells in reach of each mast.
 */
export function maxReachM(budget: LinkBudget, modelId: PathLossModelId, options: MaxReachOptions = {}): number {
  const txHeightM = options.txHeightM ?? budget.txHeightM ?? PATH_LOSS_MODELS[modelId].defaultTxHeightM;
  const pathLoss = createPathLossFunction(modelId, {
    frequencyMHz: budget.frequencyMHz,
    txHeightM,
    rxHeightM: budget.rxHeightM,
    metropolitan: options.metropolitan,
    streetWidthM: options.streetWidthM,
    buildingHeightM: options.buildingHeightM,
  });
  const allowedDb = maxPathLossDb(budget, options.floorDbm);
  return reachOfPathLoss(pathLoss, allowedDb, options.capM ?? radioHorizonM(txHeightM, budget.rxHeightM));
}

/** Largest d in [MIN_DISTANCE_M, capM] with pathLoss(d) <= allowedDb (to 1 cm), capM when all are, 0 when none is. */
export function reachOfPathLoss(pathLoss: (distanceM: number) => number, allowedDb: number, capM: number): number {
  if (!(pathLoss(MIN_DISTANCE_M) <= allowedDb)) return 0;
  if (pathLoss(capM) <= allowedDb) return capM;
  let inside = MIN_DISTANCE_M;
  let outside = capM;
  while (outside - inside > 0.01) {
    const middle = 0.5 * (inside + outside);
    if (pathLoss(middle) <= allowedDb) inside = middle;
    else outside = middle;
  }
  return inside;
}
