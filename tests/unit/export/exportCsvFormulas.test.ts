import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { exportCsv } from '../../../src/core/export/exportCsv';
import { neutralizeFormula } from '../../../src/core/export/neutralizeFormula';
import { readLayerFile } from '../../../src/core/io/readLayerFile';

/** Issue 17, item 5: a CSV export never hands a spreadsheet a formula to run. */
describe('CSV export: formula injection', () => {
  const point = (properties: Record<string, unknown>): Feature => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [108.2, 16.05] },
    properties,
  });
  const hostile = {
    link: '=HYPERLINK("http://evil.example","click")',
    command: "+cmd|' /C calc'!A0",
    sum: "@SUM(1+1)*cmd|' /C calc'!A0",
    minus: "-2+3+cmd|' /C calc'!A0",
    tab: '\t=1+1',
    carriage: '\r=1+1',
  };

  it('prefixes text cells starting with = + - @ tab or CR with an apostrophe', () => {
    for (const value of Object.values(hostile)) expect(neutralizeFormula(value)).toBe(`'${value}`);
  });

  it('keeps numbers, and text that is a plain number, as they are', () => {
    for (const value of ['-5.2', '+3', '-0,5', '1e5', '-1.5E-3', 'Viettel', '', 'a=b']) {
      expect(neutralizeFormula(value)).toBe(value);
    }
  });

  it('writes the hostile cells neutralised and a negative number column as numbers, and reads them back', async () => {
    const features = [point({ ...hostile, elevation_m: -5.2, note: '-5.2' }), point({ elevation_m: 12 })];
    const bytes = exportCsv(features);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain(',-5.2,-5.2\r\n');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    const back = await readLayerFile(bytes, 'export.csv');
    const properties = back.features[0].properties ?? {};
    for (const [key, value] of Object.entries(hostile)) expect(properties[key]).toBe(`'${value}`);
    expect(properties.elevation_m).toBe('-5.2');
    expect(back.features[1].properties?.elevation_m).toBe('12');
    // No cell of the file starts with a formula character once its quotes are taken off.
    const cells = text
      .split(/\r\n/)
      .flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)/g) ?? [])
      .map((cell) => cell.replace(/^"|"$/g, ''));
    expect(cells.filter((cell) => /^[=+@\t\r]/.test(cell))).toEqual([]);
  });

  it('neutralises a column name too', () => {
    const text = new TextDecoder().decode(exportCsv([point({ '=cmd()': 1 })]));
    expect(text.split('\r\n')[0]).toBe("lon,lat,'=cmd()"); // TextDecoder drops the BOM
  });
});
