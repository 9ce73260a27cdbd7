import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  candidateRefusalOf,
  describeCandidateRefusal,
  describeZoneFileError,
} from '../../../src/app/sharing/describeSharingFileError';
import { readPolygonFeatures } from '../../../src/core/geo/readPolygonFeatures';
import { decodeTextFile } from '../../../src/core/io/decodeTextFile';
import { parseCandidatesCsv } from '../../../src/core/io/parseCandidatesCsv';
import { type WordedMessage, wordedOf } from '../../../src/core/model/wordedMessage';

/** A letter only Vietnamese uses among the UI's two languages: the text was worded in Vietnamese. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i;

/** What the candidate section keeps of a file's refusal, read as the section reads it (bytes, decoded, parsed). */
function candidateRefusal(bytes: Uint8Array): WordedMessage {
  try {
    parseCandidatesCsv(decodeTextFile(bytes));
  } catch (error) {
    return candidateRefusalOf(error);
  }
  throw new Error('the file was read');
}

function zoneRefusal(text: string): WordedMessage {
  try {
    readPolygonFeatures(text);
  } catch (error) {
    return wordedOf(error);
  }
  throw new Error('the file was read');
}

const polygon = (coordinates: unknown) =>
  JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } });

describe("the candidate sites' file refusals in Vietnamese and English", () => {
  it.each([
    ['a zipped workbook', zipSync({ 'sheet.xml': strToU8('<x/>') }), 'notText', /tệp nén zip/],
    ['a PDF', strToU8('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'), 'notText', /tài liệu PDF/],
    ['binary data', new Uint8Array(600).map((_, i) => (i % 3 === 0 ? 0 : 65 + (i % 20))), 'notText', /nhị phân/],
    ['an empty file', strToU8('\r\n  \r\n'), 'emptyFile', /^tệp trống/],
    ['x/y columns', strToU8('id;x;y\nA;108,2;16,05\n'), 'missingColumns', /^thiếu cột kinh độ \(lon\), vĩ độ \(lat\)/],
    ['a header of one word', strToU8('site\nA\n'), 'missingColumns', /tìm thấy: site;/],
  ])('words %s', (_what, bytes, code, vietnamese) => {
    const refusal = candidateRefusal(bytes);
    expect(refusal.code).toBe(code);
    const vi = describeCandidateRefusal(refusal, 'vi');
    expect(vi).toMatch(VIETNAMESE);
    expect(vi).toMatch(vietnamese);
    expect(vi).not.toContain(refusal.reason);
    expect(describeCandidateRefusal(refusal, 'en')).toBe(refusal.reason);
  });

  it('keeps the English reason of the command line', () => {
    expect(candidateRefusal(strToU8('id,x,y\n1,2,3\n')).reason).toBe(
      'missing column(s) lon, lat (found: id, x, y; expected id,lon,lat)',
    );
  });

  it('shows an error that is no refusal as before in English, after a Vietnamese lead in Vietnamese', () => {
    const refusal = candidateRefusalOf(new TypeError('file.arrayBuffer is not a function'));
    expect(describeCandidateRefusal(refusal, 'en')).toBe('TypeError: file.arrayBuffer is not a function');
    expect(describeCandidateRefusal(refusal, 'vi')).toBe(
      'chi tiết bằng tiếng Anh: TypeError: file.arrayBuffer is not a function',
    );
  });
});

describe("the exclusion zones' file refusals in Vietnamese and English", () => {
  it.each([
    [
      'invalid JSON',
      '{"type": "Feature",',
      'invalidJson',
      /^tệp không phải JSON hợp lệ: lỗi cú pháp ở dòng 1, cột 20$/,
    ],
    [
      'a token out of place',
      '{"type":\n "Feature", }',
      'invalidJson',
      /^tệp không phải JSON hợp lệ: lỗi cú pháp ở dòng 2, cột 13$/,
    ],
    [
      'no features list',
      '{"type": "FeatureCollection"}',
      'noFeaturesList',
      /^FeatureCollection không có danh sách "features"$/,
    ],
    ['a list', '[1, 2]', 'notGeoJson', /gặp một danh sách$/],
    [
      'roads',
      JSON.stringify({
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [108.1, 16],
            [108.2, 16.1],
          ],
        },
      }),
      'noPolygon',
      /^tệp không có Polygon hay MultiPolygon nào \(tìm thấy: LineString x1\)$/,
    ],
    ['no feature', '{"type":"FeatureCollection","features":[]}', 'noPolygon', /tìm thấy: không có gì/],
    [
      'a polygon of two corners',
      polygon([
        [
          [108.1, 16],
          [108.2, 16.1],
        ],
      ]),
      'shortRing',
      /ít hơn 3 điểm/,
    ],
    ['a polygon without rings', polygon([]), 'noRings', /không có vòng nào/],
    [
      'VN-2000 metres',
      polygon([
        [
          [548000, 1770000],
          [549000, 1770000],
          [549000, 1771000],
          [548000, 1770000],
        ],
      ]),
      'notDegrees',
      /^tọa độ không phải độ kinh\/vĩ \(gặp \[548\.000; 1\.770\.000\]\): hãy chuyển tệp sang EPSG:4326/,
    ],
    [
      'text positions',
      polygon([
        [
          ['a', 'b'],
          [1, 2],
          [3, 4],
        ],
      ]),
      'notPosition',
      /vị trí của đa giác/,
    ],
  ])('words %s', (_what, text, code, vietnamese) => {
    const refusal = zoneRefusal(text);
    expect(refusal.code).toBe(code);
    const vi = describeZoneFileError(refusal, 'vi');
    expect(vi).toMatch(VIETNAMESE);
    expect(vi).toMatch(vietnamese);
    expect(vi).not.toContain(refusal.reason);
    expect(describeZoneFileError(refusal, 'en')).toBe(refusal.reason);
  });

  it('keeps the English reasons, and gives a refusal without words a Vietnamese lead', () => {
    expect(
      zoneRefusal(
        polygon([
          [
            [108.1, 16],
            [108.2, 16.1],
          ],
        ]),
      ).reason,
    ).toBe('a polygon ring has fewer than 3 positions');
    // A refusal without a code (none of the reader's is left so; a future one) keeps its English after the lead.
    const unworded = { reason: 'the file holds something new' };
    expect(describeZoneFileError(unworded, 'en')).toBe('the file holds something new');
    expect(describeZoneFileError(unworded, 'vi')).toBe(
      'không đọc được tệp vùng loại trừ (chi tiết bằng tiếng Anh): the file holds something new',
    );
  });
});
