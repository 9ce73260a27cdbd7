import { decodeColumnFile } from '../io/decodeColumnFile';
import { InputFileError } from '../io/inputFileError';
import { PROVINCE_LABELS_KIND, type ProvinceLabelRaster } from './nationalReadinessFiles';

/** The label raster of an encodeProvinceLabels file: a view on its bytes (no parsing). */
export function decodeProvinceLabels(bytes: Uint8Array, fileName = 'labels file'): ProvinceLabelRaster {
  const file = decodeColumnFile(bytes, fileName);
  if (file.kind !== PROVINCE_LABELS_KIND) throw new InputFileError(fileName, `holds ${file.kind}, not labels`);
  const { meta } = file;
  const grid = {
    width: Number(meta.width),
    height: Number(meta.height),
    originLon: Number(meta.origin_lon),
    originLat: Number(meta.origin_lat),
    cellSizeLonDeg: Number(meta.cell_size_lon_deg),
    cellSizeLatDeg: Number(meta.cell_size_lat_deg),
  };
  const labels = file.columns.label;
  if (!(labels instanceof Uint8Array) || labels.length !== grid.width * grid.height) {
    throw new InputFileError(fileName, 'the label column does not fit the grid');
  }
  return { grid, provinceCodes: meta.province_codes as string[], labels, overlapCells: Number(meta.overlap_cells) };
}
