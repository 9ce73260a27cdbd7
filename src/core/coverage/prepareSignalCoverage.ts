import { EARTH_MEAN_RADIUS_M } from '../geo/haversineDistanceM';
import type { GridGeometry } from '../geo/maskCellCentresInPolygons';
import type { RadioArrays } from '../model/radioArrays';
import type { WordedMessage } from '../model/wordedMessage';
import { PATH_LOSS_MODELS, type PathLossModelId, pathLossValidityIssues } from '../propagation/pathLossModels';
import { describeRange, formatValue, type ValidityIssue } from '../propagation/validityIssue';
import { buildRadios, type RadioSites, type SectorSpec } from './buildRadios';
import type { SignalCoverageRequest, SignalEnvironment, SignalTerrain } from './computeSignalCoverage';
import {
  coverageThresholdDbm,
  DEFAULT_RECEIVER,
  type RadioSettings,
  type ReceiverSettings,
  radioHorizonM,
  radioSettingsFor,
  receiverAdjustmentDb,
} from './linkBudget';
import type { Technology } from './radioPresets';

export interface SignalCoverageSetup {
  towers: RadioSites;
  /** The analysis grid (makeAnalysisGrid). */
  grid: GridGeometry;
  technology: Technology;
  modelId: PathLossModelId;
  /** Edits applied to every operator's preset radio (say, frequencyMHz or txPowerDbm). */
  radioOverrides?: Partial<RadioSettings>;
  /** Per-operator radios instead of the presets; null: the operator has no radio in this technology. */
  radioFor?: (operatorName: string) => RadioSettings | null;
  /** Edits to DEFAULT_RECEIVER. */
  receiver?: Partial<ReceiverSettings>;
  /** RSRP that counts as covered, dBm; default the receiver's (outdoor or indoor) threshold. */
  thresholdDbm?: number;
  /** Weakest signal kept in the rasters, dBm; default the threshold. Lower it to map weak signal too (costs more). */
  signalFloorDbm?: number;
  /** COST-231 metropolitan; RMa street width and building height. */
  environment?: Omit<SignalEnvironment, 'rxHeightM'>;
  /** Per tower, bit k when operator k runs this technology there (technologyTenantBits); default every tenant. */
  radioBits?: Uint8Array;
  /** Sectors per tower index (sectorsFromTowers); masts without are omnidirectional. */
  sectorsByTower?: ReadonlyArray<readonly SectorSpec[] | null | undefined>;
  /** Terrain diffraction on the analysis grid (see SignalTerrain). */
  terrain?: SignalTerrain;
  /** Calculation radius: no radio is computed farther than this, metres. */
  maxReachM?: number;
}

export interface PreparedSignalCoverage {
  /** The request without its rows: add rowStart/rowEnd per band and pass to computeSignalCoverage. */
  request: Omit<SignalCoverageRequest, 'rowStart' | 'rowEnd'>;
  operatorNames: readonly string[];
  thresholdDbm: number;
  receiver: ReceiverSettings;
  /** Each operator's radio (operatorNames order), null when it has none in this technology. */
  radioByOperator: Array<RadioSettings | null>;
  /**
   * About how many (cell, radio) pairs the run will evaluate: the sum of each radio's disc of reach in cells, before
   * clipping to the grid or the cell mask. About 20-50 ns each on one core; the app can warn before a long run.
   */
  estimatedCellVisits: number;
  /**
   * For people: operators left out, defaults used, inputs outside the model's validity range, a long run; each with a
   * code and values the UI words in its language.
   */
  warnings: WordedMessage[];
}

/** Above this many estimated cell visits, a warning says the run will be long (about 5-20 s on one core). */
const LONG_RUN_CELL_VISITS = 250e6;

/**
 * Everything a signal-coverage run needs, resolved from presets and edits: one radio per tenant (and sector) with its
 * EIRP per resource element, height and reach, plus the warnings a user should see. Pure and cheap (no grid work).
 */
export function prepareSignalCoverage(setup: SignalCoverageSetup): PreparedSignalCoverage {
  const { towers, technology, modelId } = setup;
  const receiver: ReceiverSettings = { ...DEFAULT_RECEIVER, ...setup.receiver };
  const thresholdDbm = setup.thresholdDbm ?? coverageThresholdDbm(receiver);
  const signalFloorDbm = Math.min(setup.signalFloorDbm ?? thresholdDbm, thresholdDbm);
  const radioByOperator = towers.operatorNames.map((name) => {
    const radio = setup.radioFor ? setup.radioFor(name) : radioSettingsFor(technology, name);
    return radio ? { ...radio, ...setup.radioOverrides } : null;
  });
  const radios = buildRadios({
    towers,
    radioByOperator,
    receiver,
    modelId,
    floorDbm: signalFloorDbm,
    environment: setup.environment,
    radioBits: setup.radioBits,
    sectorsByTower: setup.sectorsByTower,
  });
  let radiosCut = 0;
  if (setup.maxReachM !== undefined) {
    for (let i = 0; i < radios.count; i++) {
      if (radios.reachM[i] > setup.maxReachM) {
        radios.reachM[i] = setup.maxReachM;
        radiosCut++;
      }
    }
  }
  const radioBits = setup.radioBits ?? towers.tenantBits;
  const environment: SignalEnvironment = { ...setup.environment, rxHeightM: receiver.rxHeightM };
  const estimatedCellVisits = estimateCellVisits(radios, setup.grid);
  const warnings = [
    ...operatorWarnings(towers, radioBits, radioByOperator, technology),
    ...missingHeightWarnings(towers, radioBits, radioByOperator, modelId),
    ...validityWarnings(radios, modelId, environment),
  ];
  if (radiosCut > 0) {
    warnings.push({
      reason: `${radiosCut} radio(s) computed to the calculation radius, ${setup.maxReachM} m, and no farther`,
      code: 'calculationRadius',
      params: { count: radiosCut, radiusM: setup.maxReachM ?? 0 },
    });
  }
  if (estimatedCellVisits > LONG_RUN_CELL_VISITS) {
    const millions = Math.round(estimatedCellVisits / 1e6);
    const reachKm = Math.round(Math.max(0, ...radios.reachM) / 100) / 10;
    warnings.push({
      reason: `a long run: about ${millions} million cell evaluations (reach up to ${reachKm} km); a coarser grid is quicker`,
      code: 'longRun',
      params: { millions, reachKm },
    });
  }
  return {
    request: {
      grid: {
        width: setup.grid.width,
        height: setup.grid.height,
        originLon: setup.grid.originLon,
        originLat: setup.grid.originLat,
        cellSizeLonDeg: setup.grid.cellSizeLonDeg,
        cellSizeLatDeg: setup.grid.cellSizeLatDeg,
      },
      radios,
      operatorCount: towers.operatorNames.length,
      modelId,
      environment,
      receiverAdjustmentDb: receiverAdjustmentDb(receiver),
      signalFloorDbm,
      ...(setup.terrain ? { terrain: setup.terrain } : {}),
    },
    operatorNames: towers.operatorNames,
    thresholdDbm,
    receiver,
    radioByOperator,
    estimatedCellVisits,
    warnings,
  };
}

function estimateCellVisits(radios: RadioArrays, grid: GridGeometry): number {
  const metresPerDegree = (EARTH_MEAN_RADIUS_M * Math.PI) / 180;
  const middleLat = grid.originLat - (grid.height * grid.cellSizeLatDeg) / 2;
  const cellAreaM2 =
    grid.cellSizeLatDeg *
    metresPerDegree *
    grid.cellSizeLonDeg *
    metresPerDegree *
    Math.cos((middleLat * Math.PI) / 180);
  let visits = 0;
  for (let i = 0; i < radios.count; i++) visits += (Math.PI * radios.reachM[i] * radios.reachM[i]) / cellAreaM2;
  return visits;
}

function countMasts(bits: Uint8Array, k: number): number {
  let count = 0;
  for (let t = 0; t < bits.length; t++) if (bits[t] & (1 << k)) count++;
  return count;
}

function operatorWarnings(
  towers: RadioSites,
  radioBits: Uint8Array,
  radioByOperator: Array<RadioSettings | null>,
  technology: Technology,
) {
  const warnings: WordedMessage[] = [];
  radioByOperator.forEach((radio, k) => {
    // Masts the operator is on (its own and those it shares), not only those it owns.
    const masts = countMasts(radioBits, k);
    if (radio || masts === 0) return;
    const operator = towers.operatorNames[k];
    const name = technology.toUpperCase();
    warnings.push({
      reason: `${operator} has no ${name} band: its radios on ${masts} mast(s) cover nothing in ${name}`,
      code: 'noBand',
      params: { operator, technology: name, masts },
    });
  });
  return warnings;
}

function missingHeightWarnings(
  towers: RadioSites,
  radioBits: Uint8Array,
  radioByOperator: Array<RadioSettings | null>,
  modelId: PathLossModelId,
) {
  let count = 0;
  for (let t = 0; t < towers.count; t++) {
    if (towers.heightM[t] > 0) continue;
    if (radioByOperator.some((radio, k) => radio && radioBits[t] & (1 << k))) count++;
  }
  if (count === 0) return [];
  const fallback = radioByOperator.find((radio) => radio)?.txHeightM ?? PATH_LOSS_MODELS[modelId].defaultTxHeightM;
  return [
    {
      reason: `${count} mast(s) have no height: ${fallback} m is used`,
      code: 'missingHeight',
      params: { count, heightM: fallback },
    },
  ];
}

/** One sentence per (model, quantity) outside the validity range, with how many radios and which values. */
function validityWarnings(radios: RadioArrays, modelId: PathLossModelId, environment: SignalEnvironment) {
  const groups = new Map<string, { issue: ValidityIssue; count: number; low: number; high: number }>();
  const add = (issue: ValidityIssue, count: number, high = issue.value) => {
    const key = `${issue.model}|${issue.quantity}`;
    const group = groups.get(key);
    if (!group) groups.set(key, { issue, count, low: issue.value, high });
    else {
      group.count += count;
      group.low = Math.min(group.low, issue.value);
      group.high = Math.max(group.high, high);
    }
  };
  const setups = new Map<string, { frequencyMHz: number; txHeightM: number; count: number }>();
  for (let i = 0; i < radios.count; i++) {
    const key = `${radios.frequencyMHz[i]}|${radios.heightM[i]}`;
    const setup = setups.get(key);
    if (setup) setup.count++;
    else setups.set(key, { frequencyMHz: radios.frequencyMHz[i], txHeightM: radios.heightM[i], count: 1 });
  }
  for (const setup of setups.values()) {
    for (const issue of pathLossValidityIssues(modelId, { ...environment, ...setup })) add(issue, setup.count);
  }
  const info = PATH_LOSS_MODELS[modelId];
  let beyond = 0;
  let farthestM = 0;
  let atHorizon = 0;
  for (let i = 0; i < radios.count; i++) {
    const reachM = radios.reachM[i];
    if (reachM > info.maxDistanceM) beyond++;
    farthestM = Math.max(farthestM, reachM);
    if (reachM >= radioHorizonM(radios.heightM[i], environment.rxHeightM) - 0.01) atHorizon++;
  }
  const warnings = [...groups.values()].map(({ issue, count, low, high }): WordedMessage => {
    const values = low === high ? formatValue(low) : `${formatValue(low)}-${formatValue(high)}`;
    return {
      reason: `${issue.model}: ${issue.quantity} outside ${describeRange(issue)} for ${count} of ${radios.count} radio(s) (${values} ${issue.unit}; computed anyway)`,
      code: 'outsideValidity',
      params: {
        model: issue.model,
        quantity: issue.quantity,
        min: issue.min,
        max: issue.max === Infinity ? -1 : issue.max,
        unit: issue.unit,
        count,
        total: radios.count,
        values,
      },
    };
  });
  if (beyond > 0) {
    const upToM = Math.round(farthestM);
    warnings.push({
      reason: `${info.label}: ${beyond} of ${radios.count} radio(s) reach beyond the model's ${info.maxDistanceM} m (up to ${upToM} m; computed anyway)`,
      code: 'beyondModelDistance',
      params: { model: info.label, count: beyond, total: radios.count, maxM: info.maxDistanceM, upToM },
    });
  }
  if (atHorizon > 0) {
    warnings.push({
      reason: `${atHorizon} radio(s) would reach past the radio horizon: their reach is cut there`,
      code: 'horizonCut',
      params: { count: atHorizon },
    });
  }
  return warnings;
}
