import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { resolveCrs } from '../../../src/core/crs/crsDefinitions';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';
import { haversineByDefinition } from '../oracles/haversineByDefinition';

const HEADER = 'id,operator,lon,lat';
const VN2000 = 'vn2000:107.75';

describe('row positions', () => {
  it('rejects (0, 0) in a WGS 84 file with code zeroPosition', () => {
    const result = parseTowersCsv([HEADER, 'P1,Viettel,0,0', 'P2,Viettel,108.2208,16.0678'].join('\n'));
    expect(result.towers.map((tower) => tower.id)).toEqual(['P2']);
    expect(result.rejected).toEqual([expect.objectContaining({ row: 1, code: 'zeroPosition' })]);
  });

  it('rejects (0, 0) with code zeroPosition when the file is in VN-2000 metres', () => {
    const result = parseTowersCsv([HEADER, 'P1,Viettel,0,0'].join('\n'), { crs: VN2000 });
    expect(result.towers).toEqual([]);
    expect(result.rejected).toEqual([expect.objectContaining({ row: 1, code: 'zeroPosition' })]);
  });

  it('rejects swapped degrees, in a WGS 84 file and in a projected one', () => {
    const swapped = [HEADER, 'P1,Viettel,16.0678,108.2208'].join('\n');
    for (const options of [{}, { crs: VN2000 }]) {
      const result = parseTowersCsv(swapped, options);
      expect(result.towers).toEqual([]);
      expect(result.rejected).toEqual([expect.objectContaining({ row: 1, code: 'swapped' })]);
    }
  });

  it('rejects a point outside Việt Nam (Paris), or keeps it with a warning on request', () => {
    const paris = [HEADER, 'P1,Viettel,2.3522,48.8566'].join('\n');
    const rejected = parseTowersCsv(paris);
    expect(rejected.towers).toEqual([]);
    expect(rejected.rejected).toEqual([
      expect.objectContaining({ row: 1, code: 'outsideVietnam', params: { lon: 2.3522, lat: 48.8566 } }),
    ]);

    const kept = parseTowersCsv(paris, { keepOutsideVietnam: true });
    expect(kept.rejected).toEqual([]);
    expect(kept.towers).toHaveLength(1);
    expect(kept.towers[0]).toMatchObject({ id: 'P1', lon: 2.3522, lat: 48.8566 });
    expect(kept.warnings).toContainEqual(
      expect.objectContaining({ row: 1, code: 'outsideVietnam', params: { lon: 2.3522, lat: 48.8566 } }),
    );
  });

  it('reads a file mixing WGS 84 degrees and VN-2000 metres, each row in its own system', () => {
    const fromWgs84 = proj4('WGS84', resolveCrs(VN2000).proj4);
    // Points in Đà Nẵng, written by the test in VN-2000 TM-3 107°45′ with proj4 itself.
    const projectedPoints: [string, number, number][] = [
      ['V1', 108.2208, 16.0678],
      ['V2', 108.15, 16.0],
    ];
    const projectedRows = projectedPoints.map(([id, lon, lat]) => {
      const [easting, northing] = fromWgs84.forward([lon, lat]);
      expect(easting).toBeGreaterThan(500_000); // east of the central meridian, so metres, not degrees
      expect(northing).toBeGreaterThan(1_700_000);
      return `${id},Viettel,${easting.toFixed(3)},${northing.toFixed(3)}`;
    });
    const csv = [HEADER, 'W1,MobiFone,108.2000,16.0500', ...projectedRows, 'W2,MobiFone,108.2500,16.0800'].join('\n');

    const result = parseTowersCsv(csv, { crs: VN2000 });
    expect(result.rejected).toEqual([]);
    expect(result.crsCounts).toEqual({ wgs84: 2, projected: 2 });
    expect(result.towers.map((tower) => tower.id)).toEqual(['W1', 'V1', 'V2', 'W2']);
    expect(result.towers[0]).toMatchObject({ lon: 108.2, lat: 16.05 });
    expect(result.towers[3]).toMatchObject({ lon: 108.25, lat: 16.08 });
    for (const [id, lon, lat] of projectedPoints) {
      const tower = result.towers.find((candidate) => candidate.id === id);
      expect(tower).toBeDefined();
      if (!tower) continue;
      expect(haversineByDefinition(tower.lon, tower.lat, lon, lat)).toBeLessThan(1);
    }
  });
});
