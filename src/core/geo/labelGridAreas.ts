import { labelCellCentresInAreas } from './labelCellCentresInAreas';
import type { GridGeometry } from './maskCellCentresInPolygons';
import type { NamedArea } from './parseAreasGeoJson';

/** Per-area figures' input: the area index of each cell of one grid (-1 in none) and the areas' names. */
export interface GridAreaLabels {
  labels: Int32Array;
  names: string[];
}

/** Named areas (communes) on a grid: each cell takes the first area containing its centre (labelCellCentresInAreas). */
export function labelGridAreas(grid: GridGeometry, areas: readonly NamedArea[]): GridAreaLabels {
  return {
    labels: labelCellCentresInAreas(
      grid,
      areas.map((area) => area.polygons),
    ),
    names: areas.map((area) => area.name),
  };
}
