/**
 * Checks the committed demo dataset (data/demo/) on its own terms, without the generator's code: the population
 * raster against its manifest and against the source raster (brute-force turf point-in-polygon on cell centres),
 * and the synthetic towers against the rules stated in data/README.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { fromArrayBuffer, type GeoTIFFImage } from 'geotiff';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildElevationMosaic } from '../../../src/core/terrain/buildElevationMosaic';
import { readElevationGeoTiff } from '../../../src/core/terrain/readElevationGeoTiff';
import { sampleElevation } from '../../../src/core/terrain/sampleElevation';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const DEMO = resolve(REPO_ROOT, 'data', 'demo');
/** Resolved as in data/derive.ts: $COSITE_SHARED_DATA, else ../shared/data next to the repository. */
const SHARED = process.env.COSITE_SHARED_DATA
  ? resolve(process.env.COSITE_SHARED_DATA)
  : resolve(REPO_ROOT, '..', 'shared', 'data');
const SOURCE_RASTER = resolve(SHARED, 'population', 'vnm_ppp_2020_1km_Aggregated_UNadj.tif');
const NODATA = -99999;
const OPERATOR_TARGETS: Record<string, number> = { Viettel: 0.45, VinaPhone: 0.25, MobiFone: 0.22, Vietnamobile: 0.08 };
const MCC_MNC: Record<string, string> = {
  Viettel: '452-04',
  VinaPhone: '452-02',
  MobiFone: '452-01',
  Vietnamobile: '452-05',
};
const CSV_COLUMNS = ['id', 'operator', 'mcc_mnc', 'lon', 'lat', 'height_m', 'radius_m', 'mast_type', 'tenants'];

const R = 6_371_008.8;
function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

async function openTiff(path: string): Promise<GeoTIFFImage> {
  const bytes = readFileSync(path);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return (await fromArrayBuffer(buffer)).getImage();
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(resolve(DEMO, name), 'utf8')) as T;
}

interface Manifest {
  seed: number;
  population_total: number;
  population_cells: number;
  window: { width: number; height: number; origin_lon: number; origin_lat: number; cell_size_lon: number };
  towers: {
    count: number;
    by_operator: Record<string, number>;
    shared_masts: number;
    different_operator_pairs_within_100m: number;
  };
  coverage_gap: { population: number; cells: number };
}

interface TowerRow {
  id: string;
  operator: string;
  mcc_mnc: string;
  lon: number;
  lat: number;
  height_m: number;
  radius_m: number;
  mast_type: string;
  tenants: string[];
}

const manifest = readJson<Manifest>('manifest.json');
const province = readJson<FeatureCollection<Polygon | MultiPolygon>>('province.geojson').features[0];

function readTowers(): { rows: TowerRow[]; fields: string[] } {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(resolve(DEMO, 'towers.csv'), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  const rows = parsed.data.map((row) => ({
    id: row.id,
    operator: row.operator,
    mcc_mnc: row.mcc_mnc,
    lon: Number(row.lon),
    lat: Number(row.lat),
    height_m: Number(row.height_m),
    radius_m: Number(row.radius_m),
    mast_type: row.mast_type,
    tenants: row.tenants.split(';'),
  }));
  return { rows, fields: parsed.meta.fields ?? [] };
}

/** Values of populated cells (value > 0) with their centres, from the committed raster. */
async function populatedCells(): Promise<Array<{ lon: number; lat: number; people: number }>> {
  const image = await openTiff(resolve(DEMO, 'population.tif'));
  const values = (await image.readRasters({ samples: [0] }))[0] as Float32Array;
  const [originLon, originLat] = image.getOrigin();
  const [resLon, resLat] = image.getResolution();
  const cells: Array<{ lon: number; lat: number; people: number }> = [];
  for (let row = 0; row < image.getHeight(); row++) {
    for (let col = 0; col < image.getWidth(); col++) {
      const people = values[row * image.getWidth() + col];
      if (people !== NODATA && people > 0) {
        cells.push({ lon: originLon + (col + 0.5) * resLon, lat: originLat + (row + 0.5) * resLat, people });
      }
    }
  }
  return cells;
}

describe('demo dataset: boundaries', () => {
  it('keeps VN25 with its offshore Hoàng Sa parts, and every island of the 34 provinces', () => {
    expect(province.properties).toEqual({ name: 'TP Đà Nẵng', name_en: 'Da Nang City', code: 'VN25' });
    expect(province.geometry.type).toBe('MultiPolygon');
    const parts = (province.geometry as MultiPolygon).coordinates;
    expect(parts.some((part) => part[0][0][0] > 111)).toBe(true);

    const provinces = readJson<FeatureCollection<Polygon | MultiPolygon>>('provinces-34.geojson').features;
    expect(provinces).toHaveLength(34);
    const partsEastOf111 = (code: string) => {
      const geometry = provinces.find((feature) => feature.properties?.code === code)?.geometry;
      const polygons =
        geometry?.type === 'MultiPolygon' ? geometry.coordinates : geometry ? [geometry.coordinates] : [];
      return polygons.filter((polygon) => polygon[0].every((position) => position[0] > 111)).length;
    };
    // Hoàng Sa (Paracel) in VN25, Trường Sa (Spratly) in Khánh Hoà (VN08).
    expect(partsEastOf111('VN25')).toBe(parts.filter((part) => part[0].every((p) => p[0] > 111)).length);
    expect(partsEastOf111('VN08')).toBeGreaterThan(100);
  });
});

describe('demo dataset: population.tif', () => {
  it('sums to the manifest total, within the expected range', async () => {
    const image = await openTiff(resolve(DEMO, 'population.tif'));
    expect(image.getGDALNoData()).toBe(NODATA);
    expect(image.getGeoKeys()?.GeographicTypeGeoKey).toBe(4326);
    expect([image.getWidth(), image.getHeight()]).toEqual([manifest.window.width, manifest.window.height]);
    expect(image.getOrigin().slice(0, 2)).toEqual([manifest.window.origin_lon, manifest.window.origin_lat]);
    const values = (await image.readRasters({ samples: [0] }))[0] as Float32Array;
    expect(values).toBeInstanceOf(Float32Array);
    let total = 0;
    let cells = 0;
    for (const value of values) {
      if (value === NODATA) continue;
      total += value;
      cells++;
    }
    expect(total).toBe(manifest.population_total);
    expect(cells).toBe(manifest.population_cells);
    expect(total).toBeGreaterThan(2.4e6);
    expect(total).toBeLessThan(3.0e6);
  });

  it('equals the source raster summed over cell centres inside VN25 (brute-force turf point-in-polygon)', async (context) => {
    if (!existsSync(SOURCE_RASTER)) {
      context.skip(`source raster not found at ${SOURCE_RASTER} (set COSITE_SHARED_DATA): comparison skipped`);
      return;
    }
    const source = await openTiff(SOURCE_RASTER);
    const clipped = await openTiff(resolve(DEMO, 'population.tif'));
    const [srcLon, srcLat] = source.getOrigin();
    const [resLon, resLat] = source.getResolution();
    expect(clipped.getResolution()).toEqual(source.getResolution());
    // The window must sit on the source grid: whole cells, same alignment.
    const [winLon, winLat] = clipped.getOrigin();
    const col0f = (winLon - srcLon) / resLon;
    const row0f = (winLat - srcLat) / resLat;
    const col0 = Math.round(col0f);
    const row0 = Math.round(row0f);
    expect(Math.abs(col0f - col0)).toBeLessThan(1e-6);
    expect(Math.abs(row0f - row0)).toBeLessThan(1e-6);
    const width = clipped.getWidth();
    const height = clipped.getHeight();

    // The window covers every part of the province that overlaps the source grid.
    const gridEast = srcLon + source.getWidth() * resLon;
    const gridSouth = srcLat + source.getHeight() * resLat;
    for (const part of (province.geometry as MultiPolygon).coordinates) {
      for (const [lon, lat] of part[0]) {
        if (lon > gridEast || lat < gridSouth) continue;
        expect(lon).toBeGreaterThanOrEqual(winLon);
        expect(lon).toBeLessThanOrEqual(winLon + width * resLon);
        expect(lat).toBeLessThanOrEqual(winLat);
        expect(lat).toBeGreaterThanOrEqual(winLat + height * resLat);
      }
    }

    const sourceValues = (
      await source.readRasters({ window: [col0, row0, col0 + width, row0 + height], samples: [0] })
    )[0] as Float32Array;
    const clippedValues = (await clipped.readRasters({ samples: [0] }))[0] as Float32Array;
    let expected = 0;
    let mismatches = 0;
    for (let row = 0; row < height; row++) {
      const lat = srcLat + (row0 + row + 0.5) * resLat;
      for (let col = 0; col < width; col++) {
        const lon = srcLon + (col0 + col + 0.5) * resLon;
        const i = row * width + col;
        const inside = booleanPointInPolygon(point([lon, lat]), province);
        const value = sourceValues[i];
        const want = inside && value !== NODATA ? value : NODATA;
        if (clippedValues[i] !== want) mismatches++;
        if (want !== NODATA) expected += value;
      }
    }
    expect(mismatches).toBe(0);
    expect(Math.abs(expected - manifest.population_total)).toBeLessThan(1e-3);
  });
});

describe('demo dataset: synthetic towers', () => {
  const { rows: towers, fields } = readTowers();

  it('has the documented columns, ids and operator shares', () => {
    expect(fields).toEqual(CSV_COLUMNS);
    expect(towers.length).toBe(manifest.towers.count);
    expect(towers.length).toBeGreaterThanOrEqual(2300);
    expect(towers.length).toBeLessThanOrEqual(2700);
    expect(new Set(towers.map((tower) => tower.id)).size).toBe(towers.length);
    for (const tower of towers) {
      expect(tower.id).toMatch(/^VN25-\d{6}$/);
      expect(MCC_MNC[tower.operator]).toBe(tower.mcc_mnc);
      expect(['A1', 'A2a', 'A2b', 'A2c']).toContain(tower.mast_type);
      expect(tower.height_m).toBeGreaterThanOrEqual(15);
      expect(tower.height_m).toBeLessThanOrEqual(60);
      expect(tower.radius_m).toBeGreaterThanOrEqual(500);
      expect(tower.radius_m).toBeLessThanOrEqual(4000);
      expect(tower.tenants[0]).toBe(tower.operator);
      expect(new Set(tower.tenants).size).toBe(tower.tenants.length);
      for (const tenant of tower.tenants) expect(Object.keys(OPERATOR_TARGETS)).toContain(tenant);
    }
    for (const [operator, target] of Object.entries(OPERATOR_TARGETS)) {
      const share = towers.filter((tower) => tower.operator === operator).length / towers.length;
      expect(Math.abs(share - target), operator).toBeLessThanOrEqual(0.05);
    }
  });

  it('places every tower inside the province polygon', () => {
    const outside = towers.filter((tower) => !booleanPointInPolygon(point([tower.lon, tower.lat]), province));
    expect(outside.map((tower) => tower.id)).toEqual([]);
  });

  it('has at least 10% shared masts', () => {
    const shared = towers.filter((tower) => tower.tenants.length >= 2).length;
    expect(shared).toBe(manifest.towers.shared_masts);
    expect(shared / towers.length).toBeGreaterThanOrEqual(0.1);
  });

  it('has at least 20 pairs of different operators within 100 m (brute-force haversine)', () => {
    let pairs = 0;
    for (let i = 0; i < towers.length; i++) {
      for (let j = i + 1; j < towers.length; j++) {
        const a = towers[i];
        const b = towers[j];
        if (a.operator === b.operator || Math.abs(a.lat - b.lat) > 0.002) continue;
        if (haversineM(a.lon, a.lat, b.lon, b.lat) <= 100) pairs++;
      }
    }
    expect(pairs).toBe(manifest.towers.different_operator_pairs_within_100m);
    expect(pairs).toBeGreaterThanOrEqual(20);
  });

  it('leaves some populated cells farther than 3 km from any tower', async () => {
    const cells = await populatedCells();
    let gapCells = 0;
    let gapPeople = 0;
    for (const cell of cells) {
      const covered = towers.some(
        (tower) =>
          Math.abs(tower.lat - cell.lat) < 0.03 && haversineM(cell.lon, cell.lat, tower.lon, tower.lat) <= 3000,
      );
      if (!covered) {
        gapCells++;
        gapPeople += cell.people;
      }
    }
    expect(gapCells).toBeGreaterThan(0);
    expect(gapCells).toBe(manifest.coverage_gap.cells);
    expect(Math.abs(gapPeople - manifest.coverage_gap.population)).toBeLessThan(1);
  });

  it('matches towers.geojson, marked synthetic', () => {
    const features = readJson<FeatureCollection<Point>>('towers.geojson').features as Feature<
      Point,
      Record<string, unknown>
    >[];
    expect(features).toHaveLength(towers.length);
    features.forEach((feature, index) => {
      const tower = towers[index];
      expect(feature.properties.synthetic).toBe(true);
      expect(feature.properties.id).toBe(tower.id);
      expect(feature.properties.operator).toBe(tower.operator);
      expect(feature.properties.tenants).toEqual(tower.tenants);
      expect(feature.geometry.coordinates).toEqual([tower.lon, tower.lat]);
    });
  });
});

describe('demo dataset: terrain', () => {
  const NATIONAL_SOURCE = resolve(SHARED, 'elevation', 'vn-srtm30plus-0.02deg.tif');
  const FINE_SOURCE = resolve(SHARED, 'elevation', 'danang-srtm-1arcsec.tif');
  const ELEVATION_NODATA = -32768;

  it('reads the 1″ Đà Nẵng file with the core reader: Sơn Trà peak 591-686 m, the airport near sea level', async () => {
    const bytes = new Uint8Array(readFileSync(resolve(DEMO, 'terrain-danang-1arcsec.tif')));
    const raster = await readElevationGeoTiff(bytes, 'terrain-danang-1arcsec.tif');
    expect([raster.width, raster.height]).toEqual([864, 900]);
    const mosaic = buildElevationMosaic([raster]);
    const peak = sampleElevation(mosaic, 108.275, 16.119);
    expect(peak).toBeGreaterThanOrEqual(591);
    expect(peak).toBeLessThanOrEqual(686);
    let highest = Number.NEGATIVE_INFINITY;
    for (const height of raster.heightsM) if (height > highest) highest = height;
    expect(highest).toBe(686);
    const airport = sampleElevation(mosaic, 108.199, 16.044);
    expect(airport).toBeGreaterThan(-5);
    expect(airport).toBeLessThan(20);
  });

  it('copies the 1″ extract unchanged (same bytes as the source)', (context) => {
    if (!existsSync(FINE_SOURCE)) {
      context.skip(`source not found at ${FINE_SOURCE} (set COSITE_SHARED_DATA): comparison skipped`);
      return;
    }
    expect(readFileSync(resolve(DEMO, 'terrain-danang-1arcsec.tif')).equals(readFileSync(FINE_SOURCE))).toBe(true);
  });

  it('clips the national 0.02° grid to whole source pixels over the province, Int16 with nodata kept', async (context) => {
    const clipped = await openTiff(resolve(DEMO, 'terrain-national-0.02deg.tif'));
    expect(clipped.getGDALNoData()).toBe(ELEVATION_NODATA);
    expect(clipped.getGeoKeys()?.GeographicTypeGeoKey).toBe(4326);
    const clippedValues = (await clipped.readRasters({ samples: [0] }))[0];
    expect(clippedValues).toBeInstanceOf(Int16Array);
    if (!existsSync(NATIONAL_SOURCE)) {
      context.skip(`source not found at ${NATIONAL_SOURCE} (set COSITE_SHARED_DATA): comparison skipped`);
      return;
    }
    const source = await openTiff(NATIONAL_SOURCE);
    const [srcLon, srcLat] = source.getOrigin();
    const [resLon, resLat] = source.getResolution();
    expect(clipped.getResolution()).toEqual(source.getResolution());
    const [winLon, winLat] = clipped.getOrigin();
    const col0 = Math.round((winLon - srcLon) / resLon);
    const row0 = Math.round((winLat - srcLat) / resLat);
    expect(Math.abs((winLon - srcLon) / resLon - col0)).toBeLessThan(1e-6);
    expect(Math.abs((winLat - srcLat) / resLat - row0)).toBeLessThan(1e-6);
    const width = clipped.getWidth();
    const height = clipped.getHeight();
    // Every vertex of the province's parts that lie on the grid is inside the window, and the window is no wider
    // than the bounding box of those vertices plus one pixel on each side.
    const gridEast = srcLon + source.getWidth() * resLon;
    let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const part of (province.geometry as MultiPolygon).coordinates) {
      if (part[0].every(([lon]) => lon > gridEast)) continue;
      for (const [lon, lat] of part[0]) {
        expect(lon).toBeGreaterThanOrEqual(winLon);
        expect(lon).toBeLessThanOrEqual(winLon + width * resLon);
        expect(lat).toBeLessThanOrEqual(winLat);
        expect(lat).toBeGreaterThanOrEqual(winLat + height * resLat);
        [west, south, east, north] = [
          Math.min(west, lon),
          Math.min(south, lat),
          Math.max(east, lon),
          Math.max(north, lat),
        ];
      }
    }
    expect(west - winLon).toBeLessThan(resLon);
    expect(winLon + width * resLon - east).toBeLessThan(resLon);
    expect(winLat - north).toBeLessThan(-resLat);
    expect(south - (winLat + height * resLat)).toBeLessThan(-resLat);
    // Every value equals the source pixel (read straight from the source, windowed).
    const sourceValues = (
      await source.readRasters({ window: [col0, row0, col0 + width, row0 + height], samples: [0] })
    )[0] as Int16Array;
    expect(Array.from(clippedValues as Int16Array)).toEqual(Array.from(sourceValues));
    expect((clippedValues as Int16Array).includes(ELEVATION_NODATA)).toBe(true);
    // One pixel by hand: the one holding Sơn Trà (108.275E 16.119N) in the full source raster.
    const all = (await source.readRasters({ samples: [0] }))[0] as Int16Array;
    const sourceCol = Math.floor((108.275 - srcLon) / resLon);
    const sourceRow = Math.floor((16.119 - srcLat) / resLat);
    const col = Math.floor((108.275 - winLon) / resLon);
    const row = Math.floor((16.119 - winLat) / resLat);
    expect((clippedValues as Int16Array)[row * width + col]).toBe(all[sourceRow * source.getWidth() + sourceCol]);
  });

  it('lists the elevation sources with their SHA-256 and public-domain licences', () => {
    const sources = readJson<{ sources: Array<{ file: string; sha256: string; licence: string }> }>(
      'manifest.json',
    ).sources;
    for (const file of ['elevation/vn-srtm30plus-0.02deg.tif', 'elevation/danang-srtm-1arcsec.tif']) {
      const entry = sources.find((source) => source.file === file);
      expect(entry?.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(entry?.licence).toMatch(/public domain/);
    }
  });
});
