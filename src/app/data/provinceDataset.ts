import type { FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import type { PopulationGrid } from '../../core/model/populationGrid';
import type { Tower } from '../../core/model/tower';
import type { TowerArrays } from '../../core/model/towerArrays';
import type { ProvinceTerrain } from './provinceTerrain';

/** Everything the app holds for the province on screen. */
export interface ProvinceDataset {
  provinceName: string;
  provinceCode: string;
  province: FeatureCollection<Polygon | MultiPolygon>;
  provinces: FeatureCollection<Polygon | MultiPolygon>;
  communes: FeatureCollection<Polygon | MultiPolygon>;
  backbone: FeatureCollection<LineString | MultiLineString>;
  towers: Tower[];
  towerArrays: TowerArrays;
  /** Rows the last tower file read (the demo's or an import) had to reject: the dialog lists them, this counts them. */
  rejectedRowCount: number;
  towersAreSynthetic: boolean;
  population: PopulationGrid;
  populationTotal: number;
  backboneKm: number;
  /** Ground heights: the demo's DEMs (SRTM30_PLUS 0.02°, SRTM 1″ for Đà Nẵng city) and any imported. */
  terrain: ProvinceTerrain;
}
