import { describe, expect, it } from 'vitest';
import { indexLonLatPolygons } from '../../../src/core/geo/indexLonLatPolygons';
import { indexPoints } from '../../../src/core/geo/indexPoints';
import { indexPolylines } from '../../../src/core/geo/indexPolylines';
import { parseLinesGeoJson } from '../../../src/core/geo/parseLinesGeoJson';
import { CandidateFileError } from '../../../src/core/io/candidateFileError';
import { parseCandidatesCsv } from '../../../src/core/io/parseCandidatesCsv';
import { seededRandom as random } from '../../../src/core/util/seededRandom';
import { haversineByDefinition as haversine } from '../oracles/haversineByDefinition';

describe('parseCandidatesCsv', () => {
  it('reads id,lon,lat with a BOM, CRLF line ends and extra columns', () => {
    const parsed = parseCandidatesCsv('\uFEFFname,ID,Lon,Lat\r\nschool,S1,108.1,16.05\r\nclinic,S2,108.2,16.1\r\n');
    expect(parsed.sites).toEqual([
      { id: 'S1', lon: 108.1, lat: 16.05 },
      { id: 'S2', lon: 108.2, lat: 16.1 },
    ]);
    expect(parsed.rejected).toEqual([]);
  });

  it('rejects (0, 0) and a place outside Việt Nam, as the tower readers do (a site in Paris was planned on)', () => {
    const parsed = parseCandidatesCsv('id,lon,lat\nA,108.2,16.05\nZ,0,0\nP,2.35,48.85\n');
    expect(parsed.sites.map((site) => site.id)).toEqual(['A']);
    expect(parsed.rejected.map((problem) => [problem.row, problem.line, problem.code, problem.params])).toEqual([
      [2, 3, 'zeroPosition', undefined],
      [3, 4, 'outsideVietnam', { lon: 2.35, lat: 48.85 }],
    ]);
  });

  it('keeps good rows and reports each bad one with its row and line', () => {
    const parsed = parseCandidatesCsv('id,lon,lat\nA,108,16\n\nB,,16\nC,108,-91\nA,108.5,16\nD,200,16\nE,108.3,16.2\n');
    expect(parsed.sites.map((site) => site.id)).toEqual(['A', 'E']);
    expect(parsed.rejected).toEqual([
      { row: 2, line: 4, field: 'lon', reason: 'lon "" is not a number', code: 'notNumber', params: { value: '' } },
      {
        row: 3,
        line: 5,
        field: 'lat',
        reason: 'lat -91 is not a latitude in degrees',
        code: 'outOfRange',
        params: { value: -91, min: -90, max: 90 },
      },
      {
        row: 4,
        line: 6,
        field: 'id',
        reason: 'id "A" repeats row 1',
        code: 'duplicateId',
        params: { id: 'A', row: 1 },
      },
      {
        row: 5,
        line: 7,
        field: 'lon',
        reason: 'lon 200 is not a longitude in degrees',
        code: 'outOfRange',
        params: { value: 200, min: -180, max: 180 },
      },
    ]);
    // Several problems on one row: the first, and the others under `more`, each with its code for the UI.
    const twice = parseCandidatesCsv('id,lon,lat\n,abc,95\n');
    expect(twice.rejected[0]).toMatchObject({ field: 'id', code: 'empty' });
    expect(twice.rejected[0].more?.map((entry) => entry.code)).toEqual(['notNumber', 'outOfRange']);
  });

  it('reads an optional antenna height; one that is not a height is a warning and the row is kept', () => {
    const parsed = parseCandidatesCsv(
      'Mã trạm;Kinh độ;Vĩ độ;Chiều cao (m)\nA;108,1;16,05;42,5\nB;108,2;16,1;\nC;108,3;16,2;cao\nD;108,4;16,3;450\n',
    );
    expect(parsed.sites).toEqual([
      { id: 'A', lon: 108.1, lat: 16.05, heightM: 42.5 },
      { id: 'B', lon: 108.2, lat: 16.1 },
      { id: 'C', lon: 108.3, lat: 16.2 },
      { id: 'D', lon: 108.4, lat: 16.3 },
    ]);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.warnings).toEqual([
      {
        row: 3,
        line: 4,
        field: 'height_m',
        reason: 'height_m "cao" is not an antenna height in m (0-300): left out',
        code: 'badValue',
        params: { value: 'cao' },
      },
      {
        row: 4,
        line: 5,
        field: 'height_m',
        reason: 'height_m "450" is not an antenna height in m (0-300): left out',
        code: 'badValue',
        params: { value: '450' },
      },
    ]);
  });

  it('finds the header under a title, among more spellings, and names the title', () => {
    const parsed = parseCandidatesCsv(
      '\uFEFFDANH SÁCH VỊ TRÍ ỨNG VIÊN 5G - SỞ KH&CN;;;;\r\n;;;;\r\nSTT;Mã vị trí;Kinh độ;Vĩ độ;Độ cao (m)\r\n' +
        '1;VT-01;108,1;16,05;30\r\n2;VT-02;108,2;;\r\n',
    );
    expect(parsed.sites).toEqual([{ id: 'VT-01', lon: 108.1, lat: 16.05, heightM: 30 }]);
    // VT-02 is the second record, on the file's line 5 (title 1, blank 2, header 3).
    expect(parsed.rejected).toEqual([expect.objectContaining({ row: 2, line: 5, field: 'lat' })]);
    expect(parsed.warnings[0]).toMatchObject({
      row: 0,
      line: 3,
      code: 'titleLinesSkipped',
      params: { count: 1, first: 'DANH SÁCH VỊ TRÍ ỨNG VIÊN 5G - SỞ KH&CN' },
    });
  });

  it('reads quoted values holding commas and line breaks, counting file lines past them, and DMS coordinates', () => {
    const parsed = parseCandidatesCsv(
      'id,name,lon,lat,note\n' +
        'T1,"Trường THCS Lê Lợi, Hải Châu",108.2,16.05,ok\n' +
        'T2,Chợ Hàn,"108°13\'30""E",16°04\'12"B,"mái tôn\nphía đông"\n' +
        'T3,UBND,"108,25",16.1,\n' +
        'T4,Sân,108.3,16.2,\n',
    );
    // 108°13'30" = 108 + 13/60 + 30/3600 = 108.225; 16°04'12" = 16 + 4/60 + 12/3600 = 16.07.
    expect(parsed.sites.map((site) => site.id)).toEqual(['T1', 'T2', 'T4']);
    expect(parsed.sites[1].lon).toBeCloseTo(108.225, 12);
    expect(parsed.sites[1].lat).toBeCloseTo(16.07, 12);
    // T2's note takes lines 3 and 4: T3 is on line 5, its record the third; its quoted "108,25" is not read as a
    // decimal in a comma file, and the message says why.
    expect(parsed.rejected).toEqual([
      expect.objectContaining({ row: 3, line: 5, field: 'lon', code: 'notNumber', params: { value: '108,25' } }),
    ]);
    expect(parsed.rejected[0].reason).toContain('decimal comma is only read in files separated by ; or tab');
  });

  it('rejects the line of a stray or unclosed quote alone and reads the next lines on their own', () => {
    const parsed = parseCandidatesCsv(
      'id,lon,lat\nA,108.2,16.05\nB,"108.3,16.06\nC,108.4,16.07\nD,108.5,"16.08\nE,108.6,16.09\n',
    );
    // B's quote closes on D's line into a record of two fields: B's line alone is rejected and C is read; D's quote
    // never closes: D's line alone is rejected and E is read.
    expect(parsed.sites.map((site) => site.id)).toEqual(['A', 'C', 'E']);
    expect(parsed.rejected.map((problem) => [problem.row, problem.line, problem.code])).toEqual([
      [2, 3, 'strayQuote'],
      [4, 5, 'unterminatedQuote'],
    ]);
  });

  it('refuses a file without the columns or an empty file; binary bytes cost only their row', () => {
    expect(() => parseCandidatesCsv('id,x,y\n1,2,3\n')).toThrow(CandidateFileError);
    // x / y are not taken for lon / lat: Vietnamese survey tables use X for the northing.
    expect(() => parseCandidatesCsv('id,x,y\n1,2,3\n')).toThrow(/missing column\(s\) lon, lat \(found: id, x, y/);
    expect(() => parseCandidatesCsv('  \n\n')).toThrow(/empty/);
    const withNul = parseCandidatesCsv('id,lon,lat\nA,108.2,16.05\n\u0000\u0000\u0000\nB,108.3,16.06\n');
    expect(withNul.sites.map((site) => site.id)).toEqual(['A', 'B']);
    expect(withNul.rejected.map((problem) => problem.row)).toEqual([2]);
  });
});

describe('geometry helpers', () => {
  it('indexPoints finds every point within a distance, and the nearest, as brute force does', () => {
    const next = random(8);
    const lon = Array.from({ length: 400 }, () => 107 + next() * 2);
    const lat = Array.from({ length: 400 }, () => 15 + next() * 2);
    const index = indexPoints(400, lon, lat);
    for (let q = 0; q < 50; q++) {
      const [qLon, qLat] = [107 + next() * 2, 15 + next() * 2];
      const distances = lon.map((_, i) => haversine(qLon, qLat, lon[i], lat[i]));
      const within = distances.map((d, i) => (d <= 8000 ? i : -1)).filter((i) => i >= 0);
      expect(index.withinM(qLon, qLat, 8000)).toEqual(within);
      const nearest = index.nearest(qLon, qLat);
      expect(nearest?.distanceM).toBeCloseTo(Math.min(...distances), 6);
    }
    expect(indexPoints(0, [], []).nearest(108, 16)).toBeNull();
  });

  it('indexPolylines gives the distance to the nearest line within a metre of a dense brute-force sampling', () => {
    const lines = parseLinesGeoJson(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: {},
            geometry: {
              type: 'LineString',
              coordinates: [
                [108, 16],
                [108.1, 16.05],
                [108.2, 16.0],
              ],
            },
          },
          {
            type: 'Feature',
            properties: {},
            geometry: {
              type: 'MultiLineString',
              coordinates: [
                [
                  [107.9, 15.8],
                  [107.95, 15.9],
                ],
                [
                  [108.3, 15.7],
                  [108.3, 15.9],
                ],
              ],
            },
          },
          { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [108, 16] } },
        ],
      }),
    );
    expect(lines).toHaveLength(3);
    const index = indexPolylines(lines);
    const next = random(9);
    for (let q = 0; q < 40; q++) {
      const [qLon, qLat] = [107.8 + next() * 0.6, 15.6 + next() * 0.6];
      let best = Number.POSITIVE_INFINITY;
      for (const line of lines) {
        for (let k = 0; k + 1 < line.length; k++) {
          for (let t = 0; t <= 2000; t++) {
            const lon = line[k][0] + ((line[k + 1][0] - line[k][0]) * t) / 2000;
            const lat = line[k][1] + ((line[k + 1][1] - line[k][1]) * t) / 2000;
            best = Math.min(best, haversine(qLon, qLat, lon, lat));
          }
        }
      }
      expect(Math.abs(index.distanceM(qLon, qLat) - best)).toBeLessThan(Math.max(1, best * 0.002));
    }
  });

  it('indexLonLatPolygons reports every polygon holding a point, holes cut out', () => {
    const square = (west: number, south: number, size: number) => [
      [west, south],
      [west + size, south],
      [west + size, south + size],
      [west, south + size],
    ];
    const index = indexLonLatPolygons([[square(0, 0, 10), square(4, 4, 2)], [square(5, 5, 10)]]);
    expect(index.polygonsContaining(1, 1)).toEqual([0]);
    expect(index.polygonsContaining(5, 5.5)).toEqual([1]); // in the first one's hole, inside the second
    expect(index.polygonsContaining(8, 8)).toEqual([0, 1]);
    expect(index.containsPoint(20, 20)).toBe(false);
  });
});
