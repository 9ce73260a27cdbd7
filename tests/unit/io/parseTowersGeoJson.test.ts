import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTowersGeoJson } from '../../../src/core/io/parseTowersGeoJson';
import { TowerFileError } from '../../../src/core/io/towerFileError';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/towers/${name}`, import.meta.url), 'utf8');

describe('parseTowersGeoJson', () => {
  it('reads Point features and rejects the others by feature number', () => {
    const result = parseTowersGeoJson(fixture('towers.geojson'));
    expect(result.towers).toEqual([
      {
        id: 'G-1',
        operator: 'Viettel',
        lon: 108.2208,
        lat: 16.0678,
        heightM: 30,
        radiusM: null,
        mastType: null,
        tenants: ['Viettel', 'MobiFone'],
      },
      // id from `name`, MCC-MNC operator, "A2B" normalised, radius given as a string.
      {
        id: 'G-4',
        operator: 'VinaPhone',
        lon: 108.2022,
        lat: 16.0544,
        heightM: null,
        radiusM: 1500,
        mastType: 'A2b',
        tenants: ['VinaPhone'],
      },
      // id from the Feature's own `id` member; unknown operator kept.
      {
        id: 'G-5',
        operator: 'Foo Telecom',
        lon: 108.245,
        lat: 16.0471,
        heightM: null,
        radiusM: null,
        mastType: null,
        tenants: ['Foo Telecom', 'Vietnamobile'],
      },
    ]);
    expect(result.rejected).toEqual([
      { row: 2, reason: 'feature has no geometry (null)', code: 'noGeometry' },
      {
        row: 3,
        reason: 'feature geometry is a LineString, not a Point',
        code: 'notPoint',
        params: { found: 'a LineString', type: 'LineString' },
      },
      expect.objectContaining({ row: 6, field: 'lat', reason: 'lat 95 is outside [-90, 90]' }),
      expect.objectContaining({ row: 7, field: 'id', reason: "id 'G-1' duplicates the tower accepted at row 1" }),
    ]);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        row: 5,
        field: 'operator',
        reason: expect.stringContaining("unknown operator 'Foo Telecom'"),
      }),
    ]);
  });

  it('reads a single Feature', () => {
    const feature = {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [105.85, 21.03, 12] },
      properties: { site_id: 'HN-1', carrier: 'mobifone', tenants: 'Viettel|MobiFone' },
    };
    const result = parseTowersGeoJson(JSON.stringify(feature));
    expect(result.towers).toEqual([
      expect.objectContaining({
        id: 'HN-1',
        operator: 'MobiFone',
        lon: 105.85,
        lat: 21.03,
        tenants: ['MobiFone', 'Viettel'],
      }),
    ]);
  });

  it('rejects wrongly typed properties and coordinates instead of guessing', () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: ['108', 16] },
          properties: { id: 'a', operator: 'Viettel' },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [108, 16] },
          properties: { id: { x: 1 }, operator: 'Viettel' },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [108, 16] },
          properties: { id: 'c', operator: 'Viettel', height_m: true },
        },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [108, 16] }, properties: { id: 'd' } },
        { type: 'Point', coordinates: [108, 16] },
      ],
    };
    const result = parseTowersGeoJson(JSON.stringify(collection));
    // A wrongly typed optional field is a warning and left empty; the row stays.
    expect(result.towers.map((tower) => [tower.id, tower.heightM])).toEqual([['c', null]]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ row: 3, field: 'height_m', reason: 'height_m is not a number: found boolean true' }),
    ]);
    expect(result.rejected.map((problem) => [problem.row, problem.field])).toEqual([
      [1, 'lon'],
      [2, 'id'],
      [4, 'operator'],
      [5, undefined],
    ]);
    expect(result.rejected[2].reason).toBe('operator is empty');
    expect(result.rejected[3].reason).toMatch(/not a GeoJSON Feature/);
  });

  it('throws TowerFileError with the JSON error position for invalid JSON', () => {
    expect(() => parseTowersGeoJson(fixture('invalid.geojson'))).toThrow(TowerFileError);
    expect(() => parseTowersGeoJson(fixture('invalid.geojson'))).toThrow(/^invalid JSON: .*position 73.*line 4/);
  });

  it('throws TowerFileError for JSON that is not a Feature or FeatureCollection', () => {
    expect(() => parseTowersGeoJson('[1, 2]')).toThrow(/not an object/);
    expect(() => parseTowersGeoJson('{"type": "Point", "coordinates": [1, 2]}')).toThrow(
      "GeoJSON with 'Point' is not a Feature or FeatureCollection of tower points",
    );
    expect(() => parseTowersGeoJson('{"type": "FeatureCollection"}')).toThrow(/no "features" list/);
  });
});
