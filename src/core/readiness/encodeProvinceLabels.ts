import { encodeColumnFile } from '../io/encodeColumnFile';
import { PROVINCE_LABELS_KIND, type ProvinceLabelRaster } from './nationalReadinessFiles';

/**
 * A province label raster as a column file (see columnFile): meta { width, height, origin_lon, origin_lat,
 * cell_size_lon_deg, cell_size_lat_deg, province_codes, overlap_cells }, one uint8 column `label` (row-major; 0: no
 * province, else 1 + the index in province_codes).
 */
export function encodeProvinceLabels(raster: ProvinceLabelRaster): Uint8Array {
  const { grid } = raster;
  return encodeColumnFile(
    PROVINCE_LABELS_KIND,
    {
      width: grid.width,
      height: grid.height,
      origin_lon: grid.originLon,
      origin_lat: grid.originLat,
      cell_size_lon_deg: grid.cellSizeLonDeg,
      cell_size_lat_deg: grid.cellSizeLatDeg,
      province_codes: raster.provinceCodes,
      overlap_cells: raster.overlapCells,
    },
    { label: raster.labels },
  );
}
