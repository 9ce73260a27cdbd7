import {
  type PreparedSignalRun,
  prepareSignalRun,
  type SignalRunSettings,
} from '../src/core/coverage/prepareSignalRun';
import type { LonLatPolyline } from '../src/core/geo/lonLatPolyline';
import { type NamedArea, parseAreasGeoJson } from '../src/core/geo/parseAreasGeoJson';
import { parseLinesGeoJson } from '../src/core/geo/parseLinesGeoJson';
import { type MastAttributes, packMastAttributes } from '../src/core/model/mastAttributes';
import type { PopulationGrid } from '../src/core/model/populationGrid';
import type { Tower } from '../src/core/model/tower';
import { packTowers, type TowerArrays } from '../src/core/model/towerArrays';
import { decodeTowerColumns, type TowerColumns } from '../src/core/model/towerColumns';
import { TowerTableIndex } from '../src/core/model/towerTableIndex';
import { prepareSignalSitePlan, type SignalSitePlanPreparation } from '../src/core/siting/buildSignalSitePlanRequest';
import { buildElevationMosaic, type ElevationMosaic } from '../src/core/terrain/buildElevationMosaic';
import type { ElevationRaster } from '../src/core/terrain/elevationRaster';
import { isCancelledError, type LongCallOptions } from '../src/core/util/cooperativeLoop';

/**
 * The province's data a worker holds between calls (one dataset per worker), so that analyses that run often send only
 * their settings and nothing large crosses the page during a run. What is derived from it (mast attributes, parsed
 * communes and backbone, the table index, the last signal run's preparation) is built once, on first use.
 */
export class ResidentDataset {
  readonly towers: Tower[];
  readonly arrays: TowerArrays;
  private mastsCache: MastAttributes | null = null;
  private communesCache: NamedArea[] | null | undefined;
  private backboneCache: LonLatPolyline[] | undefined;
  private tableCache: TowerTableIndex | null = null;
  private preparedRun: { key: string; run: Promise<PreparedSignalRun> } | null = null;
  private preparedPlan: { key: string; plan: Promise<SignalSitePlanPreparation> } | null = null;
  private terrainCache: ElevationMosaic | null | undefined;

  constructor(
    readonly key: string,
    columns: TowerColumns,
    readonly population: PopulationGrid,
    private readonly communesGeoJson: string | null,
    private readonly backboneGeoJson: string | null,
    private readonly terrainRasters: readonly ElevationRaster[] = [],
  ) {
    this.towers = decodeTowerColumns(columns);
    this.arrays = packTowers(this.towers);
  }

  get masts(): MastAttributes {
    this.mastsCache ??= packMastAttributes(this.towers);
    return this.mastsCache;
  }

  get communes(): NamedArea[] | null {
    if (this.communesCache === undefined) {
      this.communesCache = this.communesGeoJson ? parseAreasGeoJson(this.communesGeoJson, 'commune_vn') : null;
    }
    return this.communesCache;
  }

  get backbone(): LonLatPolyline[] {
    this.backboneCache ??= this.backboneGeoJson ? parseLinesGeoJson(this.backboneGeoJson) : [];
    return this.backboneCache;
  }

  /** What the core's request builders take: packed towers, mast attributes, population and backbone. */
  get analysisData(): {
    towers: TowerArrays;
    masts: MastAttributes;
    population: PopulationGrid;
    backbone: LonLatPolyline[];
  } {
    return { towers: this.arrays, masts: this.masts, population: this.population, backbone: this.backbone };
  }

  /** The attribute table's kept folds and orders, built on its first query. */
  get table(): TowerTableIndex {
    this.tableCache ??= new TowerTableIndex(this.towers);
    return this.tableCache;
  }

  /** The DEMs held with the dataset as one mosaic (finest wins; a void stencil asks the next coarser DEM). */
  get terrain(): ElevationMosaic | null {
    if (this.terrainCache === undefined) {
      this.terrainCache =
        this.terrainRasters.length > 0
          ? buildElevationMosaic(this.terrainRasters, { allVoidStencil: 'next-dem' })
          : null;
    }
    return this.terrainCache;
  }

  /**
   * A signal run prepared once per settings (prepareSignalRun, with the communes and the terrain), kept for its bands
   * and finish. The first band's job prepares it under its own signal; a preparation that fails or is cancelled is
   * forgotten, so the next call starts again.
   */
  signalRun(settings: SignalRunSettings, options: LongCallOptions = {}): Promise<PreparedSignalRun> {
    const key = JSON.stringify(settings);
    if (this.preparedRun?.key !== key) {
      const data = {
        towers: this.towers,
        arrays: this.arrays,
        population: this.population,
        areas: this.communes ?? undefined,
        terrain: this.terrain ?? undefined,
      };
      const run = prepareSignalRun(data, settings, options);
      const entry = { key, run };
      this.preparedRun = entry;
      run.catch(() => {
        if (this.preparedRun === entry) this.preparedRun = null;
      });
    }
    return (this.preparedRun as { run: Promise<PreparedSignalRun> }).run;
  }

  /**
   * What plans on the same prediction share (prepareSignalSitePlan: the prediction and the existing masts' coverage),
   * kept for the last propagation settings, so that moving a site or planning again does not predict every mast again.
   * Like signalRun, the first caller prepares it under its own signal, and a failed or cancelled preparation is
   * forgotten; a caller whose own job goes on while another job's preparation was cancelled starts it again.
   */
  async signalSitePlan(
    propagation: SignalRunSettings,
    options: LongCallOptions = {},
  ): Promise<SignalSitePlanPreparation> {
    for (;;) {
      try {
        return await this.sharedSignalSitePlan(propagation, options);
      } catch (error) {
        if (!isCancelledError(error) || options.signal?.aborted) throw error;
      }
    }
  }

  private sharedSignalSitePlan(
    propagation: SignalRunSettings,
    options: LongCallOptions,
  ): Promise<SignalSitePlanPreparation> {
    const key = JSON.stringify(propagation);
    if (this.preparedPlan?.key !== key) {
      const data = { ...this.analysisData, signal: { towers: this.towers, terrain: this.terrain ?? undefined } };
      const plan = prepareSignalSitePlan(data, propagation, options);
      const entry = { key, plan };
      this.preparedPlan = entry;
      plan.catch(() => {
        if (this.preparedPlan === entry) this.preparedPlan = null;
      });
    }
    return (this.preparedPlan as { plan: Promise<SignalSitePlanPreparation> }).plan;
  }
}

let resident: ResidentDataset | null = null;

export function holdDataset(dataset: ResidentDataset): void {
  resident = dataset;
}

/** The dataset this worker holds, if it is `datasetKey`; else an error (the page loads it first). */
export function residentDataset(datasetKey: string): ResidentDataset {
  if (resident?.key !== datasetKey) throw new Error(`the worker does not hold dataset ${datasetKey}; load it first`);
  return resident;
}

export function holdsDataset(datasetKey: string | null): boolean {
  return datasetKey !== null && resident?.key === datasetKey;
}
