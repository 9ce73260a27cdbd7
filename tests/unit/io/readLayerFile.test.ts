import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { createFromWgs84 } from '../../../src/core/crs/transformToWgs84';
import { LayerFileError } from '../../../src/core/io/layerFileError';
import { parseLayerGeoJson } from '../../../src/core/io/parseLayerGeoJson';
import { previewCoordinates, previewTableFile } from '../../../src/core/io/previewTableFile';
import { proposeColumnMapping } from '../../../src/core/io/proposeColumnMapping';
import { readLayerFile } from '../../../src/core/io/readLayerFile';

const SHAPEFILE_DIRECTORY = '/work/shared/data/boundaries/geoboundaries-adm1-shapefile';
const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url)));

/** The real geoBoundaries ADM1 shapefile (63 provinces), zipped here as a user would upload it. */
function zippedShapefile(): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(SHAPEFILE_DIRECTORY)) files[name] = readFileSync(path.join(SHAPEFILE_DIRECTORY, name));
  return zipSync(files);
}

describe('readLayerFile on the real geoBoundaries shapefile', () => {
  it('reads the 64 province polygons with UTF-8 names and WGS 84 coordinates (.prj)', async () => {
    const layer = await readLayerFile(zippedShapefile(), 'geoboundaries-adm1.zip');
    expect(layer.rejected).toEqual([]);
    expect(layer.warnings).toEqual([]);
    expect(layer.features).toHaveLength(64);
    const names = layer.features.map((f) => f.properties?.shapeName);
    expect(names).toContain('Đà Nẵng');
    expect(names).toContain('Bà Rịa–Vũng Tàu');
    for (const feature of layer.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(feature.geometry.type);
      const geometry = feature.geometry as Polygon | MultiPolygon;
      const rings = geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.coordinates.map((p) => p[0]);
      for (const [lon, lat] of rings.flat()) {
        expect(lon).toBeGreaterThan(102);
        expect(lon).toBeLessThan(118);
        expect(lat).toBeGreaterThan(6);
        expect(lat).toBeLessThan(24);
      }
    }
  });

  it('refuses a truncated copy, naming the damage', async () => {
    const zip = zippedShapefile();
    const damage = 'the zip archive is truncated or damaged (its table of contents is missing)';
    // The archive reader's words, worded by the UI as a damaged archive (its kind) with them as the detail.
    await expect(readLayerFile(zip.subarray(0, zip.length - 200), 'cut.zip')).rejects.toThrow(
      new LayerFileError(damage, { code: 'fileRefused', params: { kind: 'archive', detail: damage } }),
    );
  });
});

describe('readLayerFile on other formats', () => {
  it('reads lines, polygons with holes and multi-geometries from GeoJSON, keeping property types', async () => {
    const layer = await readLayerFile(fixture('backbone_and_zones.geojson'), 'layer.geojson');
    expect(layer.features.map((f) => f.geometry.type)).toEqual([
      'LineString',
      'MultiLineString',
      'Polygon',
      'MultiPolygon',
      'MultiPoint',
    ]);
    expect(layer.features[0]).toMatchObject({ id: 'QL1A-DN', properties: { length_km: 16.4, fibre: true } });
  });

  it('reports null and malformed geometries with their feature number', () => {
    const layer = parseLayerGeoJson(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', geometry: null, properties: {} },
          { type: 'Feature', geometry: { type: 'LineString', coordinates: [[108, 16]] }, properties: {} },
          { type: 'Feature', geometry: { type: 'Point', coordinates: [553805, 1770555] }, properties: {} },
          { type: 'Feature', geometry: { type: 'Point', coordinates: [108, 16] }, properties: {} },
          { type: 'Polygon' },
        ],
      }),
    );
    expect(layer.features).toHaveLength(1);
    expect(layer.rejected).toEqual([
      { row: 1, field: 'geometry', reason: 'feature has no geometry (null)', code: 'noGeometry' },
      {
        row: 2,
        field: 'geometry',
        reason: 'LineString has too few positions (1, at least 2)',
        code: 'badGeometry',
        params: { detail: 'LineString has too few positions (1, at least 2)' },
      },
      {
        row: 3,
        field: 'geometry',
        reason: 'position [553805, 1770555] is not longitude/latitude (metres of a projected CRS? give the CRS)',
        code: 'positionNotDegrees',
        params: { position: '[553805, 1770555]', projected: 1 },
      },
      {
        row: 5,
        reason: "not a GeoJSON Feature (found an object of type 'Polygon')",
        code: 'notFeature',
        params: { found: "an object of type 'Polygon'" },
      },
    ]);
  });

  it('reads a 600 KB file nesting 100,000 levels (positions, properties, collections) without running out of stack', () => {
    const depth = 100_000;
    const deep = (open: string, inner: string, close: string) => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
    const point = '{"type":"Point","coordinates":[108.2,16.05]}';
    const text =
      '{"type":"FeatureCollection","features":[' +
      `{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":${deep('[', '1', ']')}}},` +
      `{"type":"Feature","properties":{"name":"A","deep":${deep('{"a":', '1', '}')},"ok":{"b":[1,2]}},"geometry":${point}},` +
      `{"type":"Feature","properties":{},"geometry":${deep('{"type":"GeometryCollection","geometries":[', point, ']}')}},` +
      // A third element of a position, and a foreign member of a geometry, nesting as deep.
      `{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[108.2,16.05,${deep('[', '1', ']')}]}},` +
      `{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[108.2,16.05],"extra":${deep('[', '1', ']')}}}` +
      ']}';
    expect(text.length).toBeGreaterThan(600_000);
    const layer = parseLayerGeoJson(text);
    expect(layer.rejected).toEqual([
      {
        row: 1,
        field: 'geometry',
        reason: 'position […] (nested too deeply to show) is not [x, y]',
        code: 'badGeometry',
        params: { detail: 'position […] (nested too deeply to show) is not [x, y]' },
      },
      {
        row: 3,
        field: 'geometry',
        reason: 'GeometryCollections nested more than 16 deep',
        code: 'badGeometry',
        params: { detail: 'GeometryCollections nested more than 16 deep' },
      },
      {
        row: 4,
        field: 'geometry',
        reason: 'position […] (nested too deeply to show) has coordinates that are not numbers',
        code: 'positionNotNumbers',
        params: { position: '[…] (nested too deeply to show)' },
      },
    ]);
    // The foreign member is left behind with the geometry rebuilt from its type and coordinates.
    expect(layer.features.map((feature) => feature.geometry)).toEqual([
      { type: 'Point', coordinates: [108.2, 16.05] },
      { type: 'Point', coordinates: [108.2, 16.05] },
    ]);
    // The too-deep property is left out with a warning; the others are kept as they are.
    expect(layer.features.map((feature) => feature.properties)).toEqual([
      { name: 'A', deep: null, ok: { b: [1, 2] } },
      {},
    ]);
    expect(layer.warnings).toEqual([
      {
        row: 2,
        field: 'deep',
        reason: 'property "deep" nests more than 32 levels deep: left out',
        code: 'nestedTooDeep',
        params: { property: 'deep', max: 32 },
      },
    ]);
    expect(() => structuredClone(layer)).not.toThrow();
    // 32 levels are kept.
    const kept = parseLayerGeoJson(
      `{"type":"Feature","properties":{"p":${'{"a":'.repeat(32)}1${'}'.repeat(32)}},"geometry":${point}}`,
    );
    expect(kept.warnings).toEqual([]);
  });

  it('keeps a column named "__proto__" or "constructor" as a property like any other', async () => {
    const text = 'name,__proto__,constructor,lon,lat\nA,x,y,108.2,16.05\n';
    const layer = await readLayerFile(new TextEncoder().encode(text), 'odd-columns.csv');
    const [feature] = layer.features;
    expect(Object.keys(feature.properties ?? {})).toEqual(['name', '__proto__', 'constructor']);
    expect(Object.getPrototypeOf(feature.properties)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(feature.properties))).toEqual(
      JSON.parse('{"name":"A","__proto__":"x","constructor":"y"}'),
    );
  });

  it('reads a bare geometry, and a legacy "crs" member naming VN-2000 / UTM 49N', () => {
    expect(parseLayerGeoJson('{"type":"Point","coordinates":[108,16]}').features).toHaveLength(1);
    const [x, y] = createFromWgs84('EPSG:3406')(108.2208, 16.0678) as [number, number];
    const layer = parseLayerGeoJson(
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3406' } },
        features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [x, y] }, properties: {} }],
      }),
    );
    const [lon, lat] = (layer.features[0].geometry as { coordinates: number[] }).coordinates;
    expect(lon).toBeCloseTo(108.2208, 7);
    expect(lat).toBeCloseTo(16.0678, 7);
  });

  it('reads KML lines and points as a layer, and tables with lon/lat or WKT columns', async () => {
    const kml = await readLayerFile(fixture('towers_extended_data.kml'), 'a.kml');
    expect(kml.features.map((f) => f.geometry.type)).toEqual(['Point', 'Point', 'LineString', 'Point']);
    expect(kml.features[0].properties).toMatchObject({ name: 'KML-001', 'Nhà mạng': 'Viettel' });
    // The HTML description is kept as text: nothing from a file is rendered.
    expect(kml.features[0].properties?.description).toBe('<b>Trạm Hải Châu</b><img src="x" onerror="alert(1)">');
    const csv = new TextEncoder().encode('name;wkt\nQL1A;LINESTRING (108.1 16.1, 108.2 16.0)\nbad;LINESTRING (108\n');
    const table = await readLayerFile(csv, 'routes.csv');
    expect(table.features[0]).toEqual({
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [108.1, 16.1],
          [108.2, 16],
        ],
      },
      properties: { name: 'QL1A' },
    });
    expect(table.rejected).toEqual([{ row: 2, field: 'wkt', reason: expect.stringMatching(/^not WKT/) }]);
  });
});

describe('previewTableFile for the mapping dialog', () => {
  it('gives headers and first rows of a CSV, proposes a mapping and finds coordinate problems before import', async () => {
    const preview = await previewTableFile(fixture('towers_problems.csv'), 'p.csv', { maxRows: 5 });
    expect(preview.headers).toEqual(['site_id', 'operator', 'lon', 'lat', 'height_m']);
    expect(preview.rows).toHaveLength(5);
    const proposal = proposeColumnMapping(preview.headers, { sampleRows: preview.rows });
    expect(proposal.mapping).toMatchObject({ id: 'site_id', operator: 'operator', lon: 'lon', lat: 'lat' });
    // By their lines in the file (the header is line 1), as the reader's problems name them.
    expect(previewCoordinates(preview, proposal.mapping).map((c) => c.row)).toEqual([2, 3]);
  });

  it('previews a workbook and a KMZ (property keys as headers)', async () => {
    const workbook = await previewTableFile(fixture('towers.xlsx'), 'towers.xlsx');
    // The header the tower reader takes, under the title and blank rows (tests/fixtures/import/generate.ts).
    expect(workbook.headers).toEqual([
      'Mã trạm',
      'Nhà mạng',
      'Kinh độ',
      'Vĩ độ',
      'Độ cao cột (m)',
      'Loại cột',
      'Azimuth',
      'Băng tần',
    ]);
    expect(workbook.rows[0].slice(0, 4)).toEqual(['XL-001', 'Viettel', 108.2208, 16.0678]);
    expect(workbook.rows).toHaveLength(5);
    const kmz = await previewTableFile(fixture('towers_extended_data.kmz'), 'a.kmz');
    expect(kmz.geometryFromFile).toBe(true);
    expect(kmz.headers).toEqual(expect.arrayContaining(['name', 'Nhà mạng', 'Độ cao cột']));
  });
});
