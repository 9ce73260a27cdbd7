import { type CoordinateProblemReport, detectCoordinateProblems } from '../crs/detectCoordinateProblems';
import type { LonLatPolygon } from '../geo/lonLatPolygon';
import type { ColumnMapping } from './applyColumnMapping';
import { previewCoordinates, previewTableFile, type TablePreview } from './previewTableFile';
import { type ColumnMappingProposal, proposeColumnMapping } from './proposeColumnMapping';

/** Rows of a file shown before the planner maps its columns. */
export const IMPORT_PREVIEW_ROWS = 50;

/** The province an import is checked against: its polygons and its name, for the messages. */
export interface ImportArea {
  polygons: LonLatPolygon[];
  name: string;
}

export interface ImportPreview {
  preview: TablePreview;
  /** The proposed column mapping; null for a file that carries its own geometry (GeoJSON, KML, shapefile). */
  proposal: ColumnMappingProposal | null;
  coordinates: CoordinateProblemReport | null;
}

/** First rows of a tower file, the proposed column mapping and what looks wrong with its coordinates. */
export async function previewImport(
  bytes: Uint8Array,
  fileName: string,
  crs: string,
  area: ImportArea,
): Promise<ImportPreview> {
  const preview = await previewTableFile(bytes, fileName, { maxRows: IMPORT_PREVIEW_ROWS });
  if (preview.geometryFromFile) return { preview, proposal: null, coordinates: null };
  const proposal = proposeColumnMapping(preview.headers, { sampleRows: preview.rows as string[][], crs });
  return { preview, proposal, coordinates: checkImportCoordinates(preview, proposal.mapping, crs, area) };
}

/** The preview's coordinate check with a mapping and a CRS (again, after the planner changed them). */
export function checkImportCoordinates(
  preview: TablePreview,
  mapping: ColumnMapping,
  crs: string,
  area: ImportArea,
): CoordinateProblemReport | null {
  const coordinates = previewCoordinates(preview, mapping);
  if (coordinates.length === 0) return null;
  return detectCoordinateProblems(coordinates, { crs, areaPolygons: area.polygons, areaName: area.name });
}
