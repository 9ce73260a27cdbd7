import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crsNameIn, describeInputProblem, describeWorded } from '../../../src/app/import/describeInputProblem';
import { listCrs } from '../../../src/core/crs/crsDefinitions';
import { previewTableFile } from '../../../src/core/io/previewTableFile';
import { proposeColumnMapping } from '../../../src/core/io/proposeColumnMapping';
import { readLayerFile } from '../../../src/core/io/readLayerFile';
import { readTowerFile } from '../../../src/core/io/readTowerFile';
import type { InputProblem } from '../../../src/core/model/tower';
import { type WordedMessage, wordedOf } from '../../../src/core/model/wordedMessage';
import { shapefileZip, xlsxMissingSharedText } from '../../fixtures/hostile/makeHostileFiles';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url)));
const text = (value: string) => new TextEncoder().encode(value);

/** A letter only Vietnamese uses among the UI's two languages: the text was worded in Vietnamese. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i;

/** The file-level notes a real read gives (row 0 warnings), and what a refused read throws, worded. */
async function notesOf(bytes: Uint8Array, name: string, options = {}): Promise<WordedMessage[]> {
  const result = await readTowerFile(bytes, name, options);
  return result.warnings.filter((warning) => warning.row === 0);
}

async function refusalOf(bytes: Uint8Array, name: string): Promise<WordedMessage> {
  try {
    await readTowerFile(bytes, name);
  } catch (error) {
    return wordedOf(error);
  }
  throw new Error(`${name} was read`);
}

describe("the import dialog's file notes and refusals in Vietnamese and English", () => {
  it('words every note and refusal of real files in Vietnamese, and gives the reader its own words in English', async () => {
    const messages: WordedMessage[] = [
      ...(await notesOf(fixture('towers_windows1258.csv'), 'a.csv')),
      ...(await notesOf(fixture('towers_tcvn3.csv'), 'a.csv')),
      await refusalOf(fixture('towers_vni.csv'), 'a.csv'),
      ...(await notesOf(fixture('towers.xlsx'), 'named.csv')),
      ...(await notesOf(fixture('towers_vn2000_survey.csv'), 'survey.csv', { crs: 'vn2000:Đà Nẵng' })),
      ...(await notesOf(await xlsxMissingSharedText(), 'b.xlsx')),
      ...(await notesOf(text('id,operator,lon,lat,address,\nA,Viettel,108.2,16.05,x,y\n'), 'c.csv')),
      // 13 Viettel rows at one place: approximate positions, kept apart.
      ...(await notesOf(
        text(`id,operator,lon,lat\n${Array.from({ length: 13 }, (_, i) => `C${i},Viettel,108.2,16.05`).join('\n')}\n`),
        'crowded.csv',
      )),
      // Two stations of one Viettel site (their own codes, the same place).
      ...(await notesOf(text('id,operator,lon,lat\nS-2G,Viettel,108.2,16.05\nS-4G,Viettel,108.2,16.05\n'), 's.csv')),
      ...(await notesOf(text('{"type":"FeatureCollection","features":[],"x":NaN}'), 'd.geojson')),
      // A shapefile without its .prj and .dbf, and a KML without a Placemark.
      ...(await notesOf(
        zipSync(
          Object.fromEntries(Object.entries(unzipSync(shapefileZip())).filter(([name]) => /\.(shp|shx)$/.test(name))),
        ),
        'bare.zip',
      )),
      ...(await notesOf(text('<kml xmlns="http://www.opengis.net/kml/2.2"><Document></Document></kml>'), 'e.kml')),
      await refusalOf(text('site,owner,x_coord,y_coord\nA,Viettel,108,16\n'), 'e.csv'),
      await refusalOf(text('1,Viettel,108,16\n2,Viettel,108,16\n'), 'f.csv'),
      await refusalOf(fixture('empty.csv'), 'empty.csv'),
      await refusalOf(fixture('truncated.kmz'), 'truncated.kmz'),
      await refusalOf(new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), 'g.csv'),
      await refusalOf(
        new Uint8Array(readFileSync(new URL('../../fixtures/towers/binary_garbage.dat', import.meta.url))),
        'h.csv',
      ),
    ];
    const codes = messages.map((message) => message.code);
    for (const code of [
      'encoding',
      'otherSheets',
      'formatMismatch',
      'surveyOrder',
      'missingSharedText',
      'unusedColumns',
      'stationRowsMerged',
      'crowdedStationRows',
      'nonFinite',
      'shapefileNoDbf',
      'shapefileNoPrj',
      'kmlNoPlacemark',
      'missingColumns',
      'emptyFile',
      'fileRefused',
      'notTowerFile',
      'notText',
    ]) {
      expect(codes).toContain(code);
    }
    for (const message of messages) {
      const vi = describeWorded(message, 'vi', true);
      expect(vi, message.reason).toMatch(VIETNAMESE);
      // A refusal of a kind the UI words only in general ('fileRefused') gives the reader's words as its detail.
      if (message.code !== 'fileRefused') expect(vi, message.reason).not.toContain(message.reason);
      // The reason is the command line's one line, the hint's words included once.
      expect(describeWorded(message, 'en', true)).toBe(message.reason);
    }
  });

  it('names the merged stations in the UI’s language', async () => {
    const [note] = (
      await notesOf(text('id,operator,lon,lat\nS-2G,Viettel,108.2,16.05\nS-4G,Viettel,108.2,16.05\n'), 's.csv')
    ).filter((message) => message.code === 'stationRowsMerged');
    expect(describeWorded(note, 'vi', true)).toMatch(/: S-4G \(dòng 3\) → S-2G$/);
    expect(describeWorded(note, 'en', true)).toMatch(/: S-4G \(line 3\) → S-2G$/);
  });

  it("words the layer readers' refusals of broken GeoJSON, KML and shapefiles, with where the text breaks", async () => {
    const brokenJson = await refusalOf(
      text('{"type": "FeatureCollection",\n  "features": [\n    {"type": }\n  ]}'),
      'a.geojson',
    );
    expect(brokenJson).toMatchObject({ code: 'invalidJson', params: { line: 3, column: 14 } });
    expect(describeWorded(brokenJson, 'vi', true)).toBe('tệp không phải JSON hợp lệ: lỗi cú pháp ở dòng 3, cột 14');
    expect(describeWorded(brokenJson, 'en', true)).toMatch(/^invalid JSON: .*\(line 3, column 14\)$/);
    const brokenKml = await refusalOf(text('<kml>\n<Document>\n<Placemark></Document>\n</kml>'), 'b.kml');
    expect(brokenKml).toMatchObject({ code: 'xmlMalformed', params: { line: 3 } });
    expect(describeWorded(brokenKml, 'vi', true)).toMatch(/^tệp không phải XML hợp lệ: lỗi ở khoảng dòng 3, cột \d+$/);
    const messages = [
      brokenJson,
      brokenKml,
      await refusalOf(text('<gpx><wpt lat="16" lon="108"/></gpx>'), 'c.kml'),
      await refusalOf(text('[1, 2]'), 'd.geojson'),
      await refusalOf(text('{"type": "Topology"}'), 'e.geojson'),
      await refusalOf(zipSync({ 'readme.txt': text('no layer here') }), 'f.zip'),
      await refusalOf(
        zipSync(
          Object.fromEntries(
            Object.entries(unzipSync(shapefileZip())).map(([name, bytes]) => [
              name,
              name.endsWith('.shp') ? bytes.subarray(0, 50) : bytes,
            ]),
          ),
        ),
        'g.zip',
      ),
    ];
    const codes = messages.map((message) => message.code);
    expect(codes).toEqual([
      'invalidJson',
      'xmlMalformed',
      'notTowerFile',
      'notGeoJson',
      'notTowerGeoJson',
      'notTowerFile',
      'shpTooShort',
    ]);
    // The reader's English names the tags; the Vietnamese says where.
    expect(brokenKml.reason).toBe(
      'not well-formed XML: Opening and ending tag mismatch: "Placemark" != "Document" (line 3, column 1)',
    );
    for (const message of messages) {
      const vi = describeWorded(message, 'vi', true);
      expect(vi, message.reason).toMatch(VIETNAMESE);
      expect(vi, message.reason).not.toContain('chi tiết bằng tiếng Anh');
      expect(describeWorded(message, 'en', true)).toBe(message.reason);
    }
  });

  it("words the layer reader's own refusals (KML, tables, shapefile archives) in Vietnamese", async () => {
    const layerRefusalOf = async (bytes: Uint8Array, name: string) => {
      try {
        await readLayerFile(bytes, name);
      } catch (error) {
        return wordedOf(error);
      }
      throw new Error(`${name} was read`);
    };
    const messages = [
      await layerRefusalOf(
        text('<?xml version="1.0"?><Document xmlns="http://www.opengis.net/kml/2.2"></Document>'),
        'a.kml',
      ),
      await layerRefusalOf(text('<kml><Placemark><Placemark></Placemark></Placemark></kml>'), 'b.kml'),
      await layerRefusalOf(text('name,owner\nA,Viettel\n'), 'c.csv'),
      await layerRefusalOf(zipSync({ 'x.shp.txt': text('no'), 'x.shp': new Uint8Array(0) }), 'd.zip'),
      await layerRefusalOf(text(''), 'e.geojson'),
    ];
    expect(messages.map((message) => message.code)).toEqual([
      'notKml',
      'kmlNested',
      'noGeometryColumns',
      'shpTooShort',
      'emptyFile',
    ]);
    for (const message of messages) {
      const vi = describeWorded(message, 'vi', true);
      expect(vi, message.reason).toMatch(VIETNAMESE);
      expect(vi, message.reason).not.toContain('chi tiết bằng tiếng Anh');
    }
    expect(describeWorded(messages[0], 'vi', true)).toBe(
      'tệp XML có phần tử gốc <Document>, không phải tài liệu KML (<kml>)',
    );
  });

  it('names the required fields and the found columns of a missing-column refusal', async () => {
    const refusal = await refusalOf(text('site,owner,x_coord,y_coord\nA,Viettel,108,16\n'), 'e.csv');
    expect(describeWorded(refusal, 'vi', true)).toBe(
      'thiếu cột kinh độ, vĩ độ (tìm thấy: site, owner, x_coord, y_coord)',
    );
    const noHeader = await refusalOf(text('1,Viettel,108,16\n2,Viettel,108,16\n'), 'f.csv');
    expect(describeWorded(noHeader, 'vi', true)).toMatch(/ — dòng đầu là dữ liệu, không phải dòng tiêu đề$/);
  });

  it("adds the file's encoding to a refusal of a legacy-encoded file, in the same language", async () => {
    const windows1258 = new Uint8Array([...text('m\u00e3,nh\u00e0 m\u1ea1ng\n'), 0xd0, 0xe0, 0x0a]);
    const refusal = await refusalOf(windows1258, 'legacy.csv');
    expect(refusal.code).toBe('missingColumns');
    expect(refusal.hint?.code).toBe('encoding');
    expect(describeWorded(refusal, 'vi', true)).toMatch(/^thiếu cột .*; tệp không phải UTF-8: đọc theo Windows-125/);
  });

  it('shows the preview warnings worded too (a workbook named .csv)', async () => {
    const preview = await previewTableFile(fixture('towers.xlsx'), 'towers.csv');
    expect(preview.warnings.map((warning) => describeWorded(warning, 'vi'))).toContain(
      'tệp mang đuôi .csv nhưng chứa một sổ tính Excel .xlsx: đọc theo đúng nội dung đó',
    );
  });

  it('words why each column was proposed, the proposal notes and the coordinate systems in Vietnamese', () => {
    const byValues = proposeColumnMapping(['Ma', 'Mang', 'X', 'Y'], {
      sampleRows: [
        ['A', 'Viettel', 1_776_452.1, 548_230.5],
        ['B', '452-02', 1_775_012.8, 546_101.2],
      ],
    });
    const worded = [...byValues.proposals, ...byValues.notes];
    expect(worded.length).toBeGreaterThan(2);
    for (const message of worded) {
      expect(message.code, message.reason).toBeDefined();
      expect(describeWorded(message, 'vi'), message.reason).toMatch(VIETNAMESE);
      expect(describeWorded(message, 'en')).toBe(message.reason);
    }
    for (const crs of listCrs()) {
      expect(crsNameIn(crs.name, 'vi')).not.toMatch(/longitude|latitude|degrees|meridian|zone|web maps/);
      expect(crsNameIn(crs.name, 'en')).toBe(crs.name);
    }
  });

  it("shows a row's reasons once when the first has no words of its own", () => {
    const problem: InputProblem = {
      row: 3,
      field: 'geometry',
      reason: 'feature has no geometry (null); id is empty',
      more: [{ field: 'id', reason: 'id is empty', code: 'empty', params: { field: 'id' } }],
    };
    expect(describeInputProblem(problem, 'vi')).toBe('feature has no geometry (null); mã trạm bị trống');
    expect(describeInputProblem(problem, 'en')).toBe('feature has no geometry (null); id is empty');
  });
});
