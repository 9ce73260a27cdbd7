import { writeFile } from 'node:fs/promises';
import type { Feature } from 'geojson';
import { exportCsv } from '../../core/export/exportCsv';
import { exportGeoJson } from '../../core/export/exportGeoJson';
import { exportKml, exportKmz } from '../../core/export/exportKml';
import { exportShapefileZip, ShapefileExportError } from '../../core/export/exportShapefileZip';
import { exportXlsx } from '../../core/export/exportXlsx';
import { towersToFeatures } from '../../core/export/towersToFeatures';
import type { InputProblem } from '../../core/model/tower';
import type { CliCommand } from '../cliCommand';
import { CliError } from '../cliError';
import { loadLayerFile, loadTowerFile } from '../loadInputs';
import { parseColumnsFlag } from '../parseColumnsFlag';
import { readCrsFlag } from '../readCrsFlag';
import { requireStringFlag } from '../readStringFlag';

const OUTPUT_EXTENSIONS = ['geojson', 'json', 'csv', 'xlsx', 'kml', 'kmz', 'zip'];

export const convertCommand: CliCommand = {
  name: 'convert',
  summary:
    'read a layer or tower file in any supported format and write it as GeoJSON, CSV, Excel, KML, KMZ or zipped shapefile',
  usage:
    'cosite convert --in FILE --out FILE.{geojson,csv,xlsx,kml,kmz,zip} [--towers] [--crs CODE] [--columns MAPPING] [--json]',
  flags: {
    in: {
      type: 'string',
      valueName: 'FILE',
      description: 'input: .csv/.tsv, .xlsx, .geojson, .kml, .kmz or a zipped shapefile',
    },
    out: {
      type: 'string',
      valueName: 'FILE',
      description:
        'output, format by extension: .geojson, .csv (UTF-8 with BOM), .xlsx (numbers as numbers), .kml, .kmz, .zip (shapefile)',
    },
    towers: {
      type: 'boolean',
      description: 'read the input as towers (columns recognised, operators canonical) rather than as a plain layer',
    },
    crs: { type: 'string', valueName: 'CODE', description: 'CRS of the input coordinates when the file does not say' },
    columns: {
      type: 'string',
      valueName: 'MAPPING',
      description: 'with --towers: column for each field (see validate)',
    },
    json: { type: 'boolean', description: 'compact one-line JSON and no summary on stderr' },
    help: { type: 'boolean', description: 'show this help' },
  },

  async run(flags, output) {
    const inPath = requireStringFlag(flags, 'in', 'FILE');
    const outPath = requireStringFlag(flags, 'out', 'FILE');
    const extension = /\.([^./\\]+)$/.exec(outPath)?.[1]?.toLowerCase() ?? '';
    if (!OUTPUT_EXTENSIONS.includes(extension)) {
      throw new CliError(
        `--out: unknown output format '.${extension}' (use ${OUTPUT_EXTENSIONS.map((e) => `.${e}`).join(', ')})`,
      );
    }
    const crs = readCrsFlag(flags);
    let features: Feature[];
    let rejected: InputProblem[];
    let warnings: InputProblem[];
    if (flags.towers === true) {
      const columns = flags.columns === undefined ? undefined : parseColumnsFlag(String(flags.columns));
      const parsed = await loadTowerFile(inPath, { crs, columns });
      features = towersToFeatures(parsed.towers);
      ({ rejected, warnings } = parsed);
    } else {
      if (typeof flags.columns === 'string') throw new CliError('--columns applies to towers: add --towers');
      ({ features, rejected, warnings } = await loadLayerFile(inPath, { crs }));
    }
    const name = (/([^/\\]+)\.[^./\\]+$/.exec(outPath)?.[1] ?? 'layer').replace(/\s+/g, '_');
    let bytes: Uint8Array | string;
    try {
      bytes =
        extension === 'csv'
          ? exportCsv(features)
          : extension === 'xlsx'
            ? await exportXlsx(features, { sheetName: name })
            : extension === 'kml'
              ? exportKml(features, { name })
              : extension === 'kmz'
                ? exportKmz(features, { name })
                : extension === 'zip'
                  ? exportShapefileZip(features, { name })
                  : exportGeoJson(features);
    } catch (error) {
      if (error instanceof ShapefileExportError) throw new CliError(error.message);
      throw error;
    }
    try {
      await writeFile(outPath, bytes);
    } catch (error) {
      throw new CliError(`cannot write ${outPath}: ${(error as Error).message}`);
    }
    const summary = { written: outPath, features: features.length, rejected, warnings };
    output.stdout(`${JSON.stringify(summary, null, flags.json === true ? undefined : 2)}\n`);
    if (flags.json !== true) {
      output.stderr(
        `cosite convert: ${inPath} -> ${outPath}: ${features.length} feature(s), ${rejected.length} rejected, ` +
          `${warnings.length} warning(s)\n`,
      );
    }
  },
};
