import type { FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import type { PopulationGrid } from '../../core/model/populationGrid';
import type { InputProblem, Tower } from '../../core/model/tower';
import type { TowerArrays } from '../../core/model/towerArrays';

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
  towerProblems: InputProblem[];
  towersAreSynthetic: boolean;
  /** Where the towers come from: the demo's synthetic file or the name of a file the user imported. */
  towersSource: string;
  population: PopulationGrid;
  populationTotal: number;
  backboneKm: number;
}
