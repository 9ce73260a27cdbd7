import { describe, expect, it } from 'vitest';
import { BoundaryFileError } from '../../../src/core/geo/boundaryFileError';
import { parseRegionsGeoJson } from '../../../src/core/geo/parseRegionsGeoJson';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';
import { parseTowersGeoJson } from '../../../src/core/io/parseTowersGeoJson';
import { packReadinessTowers } from '../../../src/core/readiness/packReadinessTowers';

describe('tower files: 4G/5G columns', () => {
  const csv = [
    'id,operator,lon,lat,radius_m,tenants,has_4g,has_5g,radius_5g_m,tenants_5g',
    'A,Viettel,105.1,21.1,1500,Viettel;VinaPhone,1,1,900,Viettel',
    'B,VinaPhone,105.2,21.1,1500,VinaPhone;MobiFone,0,1,,',
    'C,MobiFone,105.3,21.1,1500,MobiFone,,0,,',
    'D,Viettel,105.4,21.1,1500,Viettel,yes,0,700,Viettel;Gmobile',
    'E,Viettel,105.5,21.1,1500,Viettel,maybe,,,',
  ].join('\n');

  it('reads has_4g, has_5g, radius_5g_m and tenants_5g, and reports what it cannot use', () => {
    const result = parseTowersCsv(csv);
    const byId = Object.fromEntries(result.towers.map((tower) => [tower.id, tower]));
    expect(byId.A).toMatchObject({ has4g: true, tenants5g: ['Viettel'], radius5gM: 900 });
    // has_5g 1 without a list: every tenant runs 5G.
    expect(byId.B).toMatchObject({ has4g: false, tenants5g: ['VinaPhone', 'MobiFone'] });
    expect(byId.B.radius5gM).toBeUndefined();
    expect(byId.C.tenants5g).toEqual([]);
    expect(byId.C.has4g).toBeUndefined();
    // A list wins over has_5g 0; an operator that is not a tenant is dropped, both with a warning.
    expect(byId.D.tenants5g).toEqual(['Viettel']);
    const warningsD = result.warnings.filter((warning) => warning.row === 4).map((warning) => warning.reason);
    expect(warningsD).toEqual([
      "5G operator 'Gmobile' is not a tenant of the mast: ignored",
      'has_5g is 0 but tenants_5g lists Viettel, Gmobile: tenants_5g used',
    ]);
    // An optional flag that does not parse is a warning; the field is left empty (4G assumed) and the row kept.
    expect(result.rejected).toEqual([]);
    expect(result.warnings.filter((warning) => warning.row === 5)).toEqual([
      expect.objectContaining({ row: 5, field: 'has_4g', reason: "has_4g must be 1 or 0 (or yes/no), found 'maybe'" }),
    ]);
    expect(byId.E.has4g).toBeUndefined();
  });

  it('packs them as per-operator bits for readiness', () => {
    const towers = packReadinessTowers(parseTowersCsv(csv).towers);
    const bit = (name: string) => 1 << towers.operatorNames.indexOf(name);
    expect(Array.from(towers.bits4g)).toEqual([
      bit('Viettel') | bit('VinaPhone'),
      0,
      bit('MobiFone'),
      bit('Viettel'),
      bit('Viettel'),
    ]);
    expect(Array.from(towers.bits5g)).toEqual([
      bit('Viettel'),
      bit('VinaPhone') | bit('MobiFone'),
      0,
      bit('Viettel'),
      0,
    ]);
    expect(Array.from(towers.radius5gM)).toEqual([900, Number.NaN, Number.NaN, 700, Number.NaN]);
  });

  it('leaves towers of files without these columns as they were (4G everywhere, no 5G)', () => {
    const plain = parseTowersCsv('id,operator,lon,lat\nA,Viettel,105.1,21.1\n').towers[0];
    expect(plain).toEqual({
      id: 'A',
      operator: 'Viettel',
      lon: 105.1,
      lat: 21.1,
      heightM: null,
      radiusM: null,
      mastType: null,
      tenants: ['Viettel'],
    });
    const packed = packReadinessTowers([plain]);
    expect([packed.bits4g[0], packed.bits5g[0]]).toEqual([1, 0]);
  });

  it('reads the same fields from GeoJSON properties (booleans and arrays)', () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {
            id: 'G',
            operator: 'Viettel',
            tenants: ['Viettel', 'MobiFone'],
            has_4g: true,
            tenants_5g: ['MobiFone'],
          },
          geometry: { type: 'Point', coordinates: [105, 21] },
        },
      ],
    });
    expect(parseTowersGeoJson(geojson).towers[0]).toMatchObject({ has4g: true, tenants5g: ['MobiFone'] });
  });
});

describe('parseRegionsGeoJson', () => {
  const feature = (properties: Record<string, unknown>, west: number, id?: string) => ({
    type: 'Feature',
    ...(id ? { id } : {}),
    properties,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, 21],
          [west + 1, 21],
          [west + 1, 22],
          [west, 21],
        ],
      ],
    },
  });

  it('reads code and name per feature, unites features sharing a code, and skips features without polygons', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature({ code: 'VN01', name: 'An Giang' }, 105),
        feature({ ten_tinh: 'Cà Mau', ma_tinh: 'VN04' }, 106),
        feature({ code: 'VN01', name: 'An Giang' }, 107),
        feature({}, 108, 'X'),
        feature({}, 109),
        { type: 'Feature', properties: { code: 'VN09' }, geometry: null },
      ],
    });
    const regions = parseRegionsGeoJson(text);
    expect(regions.map(({ code, name, polygons }) => [code, name, polygons.length])).toEqual([
      ['VN01', 'An Giang', 2],
      ['VN04', 'Cà Mau', 1],
      ['X', 'X', 1],
      ['#5', '#5', 1],
    ]);
  });

  it('throws BoundaryFileError for files the boundary reader rejects', () => {
    expect(() => parseRegionsGeoJson('{"type":"FeatureCollection","features":[]}')).toThrow(BoundaryFileError);
    expect(() => parseRegionsGeoJson('not json')).toThrow(BoundaryFileError);
  });
});
