import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRegionsGeoJson } from '../../../src/core/geo/parseRegionsGeoJson';
import { keepTowersNearArea, PROVINCE_MARGIN_DEG } from '../../../src/core/io/keepTowersNearArea';
import { readTowerFile } from '../../../src/core/io/readTowerFile';

const danang = parseRegionsGeoJson(
  readFileSync(new URL('../../../data/demo/province.geojson', import.meta.url), 'utf8'),
)[0].polygons;

/** The province's bounding box, worked out here from its rings. */
function box() {
  const points = danang.flat(2) as unknown as number[][];
  const lons = danang.flatMap((polygon) => polygon.flatMap((ring) => ring.map((point) => point[0])));
  const lats = danang.flatMap((polygon) => polygon.flatMap((ring) => ring.map((point) => point[1])));
  expect(points.length).toBeGreaterThan(0);
  return { west: Math.min(...lons), east: Math.max(...lons), south: Math.min(...lats), north: Math.max(...lats) };
}

describe('keepTowersNearArea: an import into a province keeps the masts near it and names the others', () => {
  it('rejects a Hà Nội mast and one just past the margin by their lines, keeps one just inside it', async () => {
    const { east, north } = box();
    const inside = (east + PROVINCE_MARGIN_DEG - 0.01).toFixed(4);
    const outside = (east + PROVINCE_MARGIN_DEG + 0.01).toFixed(4);
    const text = [
      'TRẠM ĐÀ NẴNG;;;', // a title: lines stay the file's
      'Mã trạm;Nhà mạng;Kinh độ;Vĩ độ',
      'D1;Viettel;108,2;16,05', // line 3
      'HN1;Viettel;105,854444;21,028511', // line 4: Hà Nội
      `D2;Viettel;${inside.replace('.', ',')};${(north - 0.5).toFixed(4).replace('.', ',')}`, // line 5
      `D3;Viettel;${outside.replace('.', ',')};${(north - 0.5).toFixed(4).replace('.', ',')}`, // line 6
    ].join('\r\n');
    const read = await readTowerFile(new TextEncoder().encode(text), 'tram.csv');
    expect(read.towers.map((tower) => tower.id)).toEqual(['D1', 'HN1', 'D2', 'D3']);
    const kept = keepTowersNearArea(read, danang, 'TP Đà Nẵng');
    expect(kept.towers.map((tower) => tower.id)).toEqual(['D1', 'D2']);
    expect(kept.towerLines).toEqual([3, 5]);
    expect(kept.rejected.map((problem) => [problem.line, problem.code, problem.params?.id])).toEqual([
      [4, 'outsideArea', 'HN1'],
      [6, 'outsideArea', 'D3'],
    ]);
    // Nothing lost; without polygons nothing changes.
    expect(kept.towers.length + kept.rejected.length).toBe(4);
    expect(keepTowersNearArea(read, undefined)).toBe(read);
  });
});
