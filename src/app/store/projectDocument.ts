import { DEFAULT_MONEY, type MoneySettings, normalizeMoney } from '../../core/model/money';

/**
 * The user's project: what undo/redo steps through, autosave keeps and share links carry.
 * Plain serialisable data only (no typed arrays, no results: those are recomputed).
 */
export type LayerId = 'towers' | 'backbone' | 'population' | 'communes' | 'coverage' | 'terrain' | 'pairs';

export type CoverageMode = 'fixed' | 'signal';
export type SignalModelId =
  | 'fspl'
  | 'cost231'
  | 'uma-los'
  | 'uma-nlos'
  | 'umi-los'
  | 'umi-nlos'
  | 'rma-los'
  | 'rma-nlos'
  | 'p526';
export const SIGNAL_MODEL_IDS: readonly SignalModelId[] = [
  'p526',
  'uma-nlos',
  'uma-los',
  'umi-nlos',
  'umi-los',
  'rma-nlos',
  'rma-los',
  'cost231',
  'fspl',
];

export interface CoverageSettings {
  /** Fixed radius (every mast reaches its radius_m) or propagation (path-loss model and link budget). */
  mode: CoverageMode;
  /** Reach of a mast whose file gives no radius_m, metres. */
  defaultRadiusM: number;
  modelId: SignalModelId;
  technology: '4g' | '5g';
  /** Analysis grid cell size, metres. */
  gridM: number;
  /** RSRP that counts as covered, dBm. */
  thresholdDbm: number;
  /** Indoor service: the building penetration loss applies (the threshold switches to the indoor one, -100 dBm). */
  indoor: boolean;
  /** Building penetration loss indoors, dB. */
  indoorLossDb: number;
  /** Total EIRP per operator the planner set, dBm, per technology (others keep the band presets). */
  eirpDbmByOperator: Record<'4g' | '5g', Record<string, number>>;
  /** Shadowing margin, dB. */
  shadowingMarginDb: number;
  /** 5G what-if when the file says nothing about 5G: every tenant with a 5G licence runs it. */
  assume5g: boolean;
  /** Predict over the province's terrain (Bullington diffraction); always on with p526. */
  terrain: boolean;
  /** Effective Earth radius factor of the terrain profiles. */
  kFactor: number;
  /** Weight of the diffraction loss added to an empirical model's loss, 0-1. */
  diffractionWeight: number;
  /** Terrain profile points per grid step: 1 (fast, the path-loss rule), 4 or 8 (closer to the ground between cells). */
  profilePointsPerStep: ProfilePointsPerStep;
  palette: 'spectral' | 'colourblind';
}

/** The terrain profile densities the coverage panel offers. */
export const PROFILE_POINTS_PER_STEP = [1, 4, 8] as const;
export type ProfilePointsPerStep = (typeof PROFILE_POINTS_PER_STEP)[number];

export interface ProjectDocument {
  version: 1;
  provinceCode: string;
  layers: Record<LayerId, boolean>;
  coverage: CoverageSettings;
  /** How money is shown (the analyses compute in USD): VND by default at an editable rate, or USD. */
  money: MoneySettings;
}

export function defaultProject(provinceCode = 'VN25'): ProjectDocument {
  return {
    version: 1,
    provinceCode,
    // The terrain (hillshade and height tint) is off at first: over the population raster it is one colour too many.
    layers: {
      towers: true,
      backbone: true,
      population: true,
      communes: false,
      coverage: true,
      terrain: false,
      // The sharing tab's co-location lines (drawn there only).
      pairs: true,
    },
    coverage: {
      mode: 'fixed',
      defaultRadiusM: 2000,
      modelId: 'uma-nlos',
      technology: '4g',
      gridM: 100,
      thresholdDbm: -110,
      indoor: false,
      indoorLossDb: 20,
      eirpDbmByOperator: { '4g': {}, '5g': {} },
      shadowingMarginDb: 8.3,
      assume5g: true,
      terrain: false,
      kFactor: 4 / 3,
      diffractionWeight: 1,
      profilePointsPerStep: 1,
      palette: 'spectral',
    },
    money: { ...DEFAULT_MONEY },
  };
}

/**
 * A stored or shared project merged over the defaults: unknown keys are dropped and missing or mistyped ones take the
 * default, so an old autosave or a hand-edited link can never break the app.
 */
export function normalizeProject(input: unknown, provinceCode = 'VN25'): ProjectDocument {
  const base = defaultProject(provinceCode);
  if (typeof input !== 'object' || input === null) return base;
  const source = input as Partial<ProjectDocument>;
  const layers = { ...base.layers };
  if (typeof source.layers === 'object' && source.layers !== null) {
    for (const key of Object.keys(layers) as LayerId[]) {
      const value = (source.layers as Record<string, unknown>)[key];
      if (typeof value === 'boolean') layers[key] = value;
    }
  }
  const given = (typeof source.coverage === 'object' && source.coverage !== null ? source.coverage : {}) as Record<
    string,
    unknown
  >;
  const number = (key: keyof CoverageSettings, min: number, max: number) => {
    const value = given[key];
    return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
      ? value
      : (base.coverage[key] as number);
  };
  const oneOf = <T extends string>(key: keyof CoverageSettings, allowed: readonly T[]): T => {
    const value = given[key];
    return allowed.includes(value as T) ? (value as T) : (base.coverage[key] as T);
  };
  const flag = (key: keyof CoverageSettings) =>
    typeof given[key] === 'boolean' ? (given[key] as boolean) : (base.coverage[key] as boolean);
  return {
    ...base,
    layers,
    coverage: {
      mode: oneOf('mode', ['fixed', 'signal'] as const),
      defaultRadiusM: number('defaultRadiusM', 1, 100_000),
      modelId: oneOf('modelId', SIGNAL_MODEL_IDS),
      technology: oneOf('technology', ['4g', '5g'] as const),
      gridM: number('gridM', 25, 2000),
      thresholdDbm: number('thresholdDbm', -150, -40),
      indoor: flag('indoor'),
      indoorLossDb: number('indoorLossDb', 0, 60),
      eirpDbmByOperator: readEirpOverrides(given.eirpDbmByOperator),
      shadowingMarginDb: number('shadowingMarginDb', 0, 30),
      assume5g: flag('assume5g'),
      terrain: flag('terrain'),
      kFactor: number('kFactor', 0.1, 100),
      diffractionWeight: number('diffractionWeight', 0, 1),
      profilePointsPerStep: PROFILE_POINTS_PER_STEP.includes(given.profilePointsPerStep as ProfilePointsPerStep)
        ? (given.profilePointsPerStep as ProfilePointsPerStep)
        : base.coverage.profilePointsPerStep,
      palette: oneOf('palette', ['spectral', 'colourblind'] as const),
    },
    money: normalizeMoney(source.money),
  };
}

/** EIRP overrides of a stored project: per technology, operator names with a number of 0-100 dBm; the rest dropped. */
function readEirpOverrides(value: unknown): CoverageSettings['eirpDbmByOperator'] {
  const result: CoverageSettings['eirpDbmByOperator'] = { '4g': {}, '5g': {} };
  if (typeof value !== 'object' || value === null) return result;
  for (const technology of ['4g', '5g'] as const) {
    const entries = (value as Record<string, unknown>)[technology];
    if (typeof entries !== 'object' || entries === null) continue;
    for (const [name, dbm] of Object.entries(entries)) {
      if (typeof dbm === 'number' && Number.isFinite(dbm) && dbm >= 0 && dbm <= 100) result[technology][name] = dbm;
    }
  }
  return result;
}
