import { describe, expect, it } from 'vitest';
import { resolveCrs } from '../../../src/core/crs/crsDefinitions';
import { applyColumnMapping } from '../../../src/core/io/applyColumnMapping';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';
import { proposeColumnMapping } from '../../../src/core/io/proposeColumnMapping';
import { TowerFileError } from '../../../src/core/io/towerFileError';

describe('proposeColumnMapping', () => {
  it('maps Vietnamese headers with and without diacritics', () => {
    const headers = [
      'STT',
      'Tên trạm',
      'Doanh nghiệp',
      'Kinh độ',
      'Vi do',
      'Độ cao cột (m)',
      'Loại cột',
      'Băng tần',
      'Azimuth',
    ];
    const proposal = proposeColumnMapping(headers);
    expect(proposal.mapping).toEqual({
      id: 'Tên trạm',
      operator: 'Doanh nghiệp',
      lon: 'Kinh độ',
      lat: 'Vi do',
      height_m: 'Độ cao cột (m)',
      mast_type: 'Loại cột',
      azimuth_deg: 'Azimuth',
      band: 'Băng tần',
    });
    expect(proposal.missing).toEqual([]);
    expect(proposal.unusedColumns).toEqual(['STT']);
    expect(proposal.proposals.every((p) => p.confidence >= 0.85)).toBe(true);
  });

  it('maps English headers, MNC and Site name', () => {
    const proposal = proposeColumnMapping(['Site name', 'MNC', 'Lat', 'Long', 'Tilt']);
    expect(proposal.mapping).toMatchObject({
      id: 'Site name',
      operator: 'MNC',
      lat: 'Lat',
      lon: 'Long',
      tilt_deg: 'Tilt',
    });
  });

  it('guesses from the values when the headers say nothing, with lower confidence', () => {
    const proposal = proposeColumnMapping(['Mã', 'Đơn vị', 'Cột A', 'Cột B'], {
      sampleRows: [
        ['S1', 'Viettel', '108.22', '16.07'],
        ['S2', '452-02', '108.20', '16.05'],
        ['S3', 'Mobifone', '105.85', '21.03'],
      ],
    });
    expect(proposal.mapping).toMatchObject({ operator: 'Đơn vị', lon: 'Cột A', lat: 'Cột B' });
    expect(proposal.proposals.find((p) => p.field === 'lon')?.confidence).toBe(0.5);
    expect(proposal.missing).toEqual(['id']);
  });

  it('reads X and Y of a VN-2000 survey table as northing and easting', () => {
    const sampleRows = [['A', 'Viettel', '1777138.3', '550175.1']];
    const byValues = proposeColumnMapping(['Tên trạm', 'Nhà mạng', 'X', 'Y'], { sampleRows });
    expect(byValues.mapping).toMatchObject({ lon: 'Y', lat: 'X' });
    expect(byValues.notes.map((note) => note.reason).join(' ')).toMatch(/X = northing and Y = easting/);
    const byCrs = proposeColumnMapping(['Tên trạm', 'Nhà mạng', 'X', 'Y'], { crs: 'vn2000:107.75' });
    expect(byCrs.mapping).toMatchObject({ lon: 'Y', lat: 'X' });
    // In WGS 84 with degree values, X stays the longitude.
    expect(
      proposeColumnMapping(['id', 'operator', 'X', 'Y'], { sampleRows: [['A', 'Viettel', '108.2', '16.0']] }).mapping,
    ).toMatchObject({ lon: 'X', lat: 'Y' });
  });
});

describe('applyColumnMapping', () => {
  it('puts the user mapping over the automatic choice, moving a column away from its old field', () => {
    const columns = applyColumnMapping(['Site', 'name', 'owner', 'E', 'N'], {
      id: 'Site',
      lon: 'E',
      lat: 'N',
      operator: 'owner',
    });
    expect(columns.indexByField).toMatchObject({ id: 0, operator: 2, lon: 3, lat: 4 });
    expect(columns.missing).toEqual([]);
    // "name" could be the id too: kept as an alternate, not reported as unused.
    expect(columns.alternateIndicesByField.id).toEqual([1]);
    expect(columns.unusedIndices).toEqual([]);
  });

  it('matches names without case or diacritics, accepts indices, and null for "not in the file"', () => {
    const columns = applyColumnMapping(['id', 'Nhà mạng', 'lon', 'lat', 'height_m'], {
      operator: 'nha mang',
      height_m: null,
      lat: 3,
    });
    expect(columns.indexByField.operator).toBe(1);
    expect(columns.indexByField.height_m).toBeUndefined();
    expect(columns.indexByField.lat).toBe(3);
  });

  it('throws naming the column the file does not have', () => {
    expect(() => applyColumnMapping(['id', 'operator'], { lon: 'Easting' })).toThrow(
      new TowerFileError("no column 'Easting' for lon (columns: id, operator)", {
        code: 'noColumn',
        params: { column: 'Easting', field: 'lon', found: 'id, operator' },
      }),
    );
  });

  it('swaps X/Y in a VN-2000 grid unless the user says otherwise', () => {
    const crs = resolveCrs('vn2000:107.75');
    expect(applyColumnMapping(['id', 'operator', 'X', 'Y'], {}, crs).indexByField).toMatchObject({ lon: 3, lat: 2 });
    expect(applyColumnMapping(['id', 'operator', 'X', 'Y'], { lon: 'X', lat: 'Y' }, crs).indexByField).toMatchObject({
      lon: 2,
      lat: 3,
    });
  });

  it('lets a CSV with unknown headers be read once mapped', () => {
    const text = 'Site;Owner name;Easting deg;Northing deg\nA;Viettel;108,2;16,05\n';
    expect(() => parseTowersCsv(text)).toThrow(/missing column/);
    const result = parseTowersCsv(text, {
      columns: { id: 'Site', operator: 'Owner name', lon: 'Easting deg', lat: 'Northing deg' },
    });
    expect(result.towers).toEqual([expect.objectContaining({ id: 'A', operator: 'Viettel', lon: 108.2, lat: 16.05 })]);
  });
});
