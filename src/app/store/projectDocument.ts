/**
 * The user's project: what undo/redo steps through, autosave keeps and share links carry.
 * Plain serialisable data only (no typed arrays, no results: those are recomputed).
 */
export type LayerId = 'towers' | 'backbone' | 'population' | 'communes' | 'coverage';

export interface CoverageSettings {
  /** Reach of a mast whose file gives no radius_m, metres. */
  defaultRadiusM: number;
}

export interface ProjectDocument {
  version: 1;
  provinceCode: string;
  layers: Record<LayerId, boolean>;
  coverage: CoverageSettings;
}

export function defaultProject(provinceCode = 'VN25'): ProjectDocument {
  return {
    version: 1,
    provinceCode,
    layers: { towers: true, backbone: true, population: true, communes: false, coverage: true },
    coverage: { defaultRadiusM: 2000 },
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
  const radius = source.coverage?.defaultRadiusM;
  return {
    ...base,
    layers,
    coverage: {
      defaultRadiusM:
        typeof radius === 'number' && Number.isFinite(radius) && radius > 0 && radius <= 100_000
          ? radius
          : base.coverage.defaultRadiusM,
    },
  };
}
