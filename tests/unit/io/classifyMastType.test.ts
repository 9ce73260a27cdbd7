import { describe, expect, it } from 'vitest';
import {
  categoricalValueKey,
  type MastTypeChoice,
  proposeMastType,
  resolveMastTypeChoice,
} from '../../../src/core/io/classifyMastType';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';

// The classes the JC 15/2016 doc comment of classifyMastType.ts gives: camouflaged and small rooftop poles are A1, a
// tower on a roof is A2a, a ground mast ("cột tự đứng", "cột dây co", "monopole") is `ground` (A2b/A2c by height).
const WORDS: [string, MastTypeChoice | null][] = [
  ['Cột tự đứng', 'ground'],
  ['cột dây co', 'ground'],
  ['Trên nhà', 'A1'],
  ['trên mái', 'A1'],
  ['cột cóc', 'A1'],
  ['monopole', 'ground'],
  ['rooftop', 'A1'],
  ['guyed', 'ground'],
  ['self-supporting', 'ground'],
  ['Cột tự đứng trên mái', 'A2a'],
  ['A2b', 'A2b'],
  ['ngụy trang', 'A1'],
  ['xyz', null],
];

describe('proposeMastType', () => {
  it.each(WORDS)('reads %j as %s', (word, expected) => {
    expect(proposeMastType(word)?.choice ?? null).toBe(expected);
  });

  it('keys words without case, diacritics or punctuation', () => {
    expect(categoricalValueKey('  Cột  Tự-Đứng ')).toBe('cot tu dung');
    expect(categoricalValueKey('khác')).toBe('khac');
  });
});

describe('resolveMastTypeChoice', () => {
  it('classes a ground mast by its height: over 50 m is A2c, 50 m and below A2b', () => {
    expect(resolveMastTypeChoice('ground', 60)).toEqual({ mastType: 'A2c' });
    expect(resolveMastTypeChoice('ground', 50)).toEqual({ mastType: 'A2b' });
  });

  it('takes a ground mast of unknown height as A2b, with a note', () => {
    const resolved = resolveMastTypeChoice('ground', null);
    expect(resolved.mastType).toBe('A2b');
    expect(resolved.note).toEqual(expect.any(String));
    expect(resolved.note?.length).toBeGreaterThan(0);
  });

  it('keeps explicit classes whatever the height, and leaves unknown empty', () => {
    expect(resolveMastTypeChoice('A1', 80)).toEqual({ mastType: 'A1' });
    expect(resolveMastTypeChoice('unknown', 30)).toEqual({ mastType: null });
  });
});

describe('mast types through parseTowersCsv', () => {
  const csv = [
    'id,operator,lon,lat,height_m,mast_type',
    'M1,Viettel,108.2208,16.0678,60,Cột tự đứng',
    'M2,Viettel,108.2308,16.0678,50,cột dây co',
    'M3,Viettel,108.2408,16.0678,,monopole',
    'M4,Viettel,108.2508,16.0678,12,Trên nhà',
    'M5,Viettel,108.2608,16.0678,30,khác',
  ].join('\n');

  it('maps the words and warns about the rest, keeping every row', () => {
    const result = parseTowersCsv(csv);
    expect(result.rejected).toEqual([]);
    expect(result.towers.map((tower) => tower.mastType)).toEqual(['A2c', 'A2b', 'A2b', 'A1', null]);
    const rowWarnings = result.warnings.filter((warning) => warning.row > 0);
    expect(rowWarnings).toEqual([
      expect.objectContaining({ row: 3, field: 'mast_type', code: 'groundHeightUnknown' }),
      expect.objectContaining({ row: 5, field: 'mast_type', code: 'unknownMastType', params: { value: 'khác' } }),
    ]);
  });

  it("applies the user's value mapping, keyed by categoricalValueKey ('khác' -> 'khac')", () => {
    const result = parseTowersCsv(csv, { valueMapping: { mast_type: { khac: 'A2a' } } });
    expect(result.rejected).toEqual([]);
    expect(result.towers[4].mastType).toBe('A2a');
    expect(result.warnings.filter((warning) => warning.row === 5)).toEqual([]);
    // The other words keep their proposals.
    expect(result.towers.slice(0, 4).map((tower) => tower.mastType)).toEqual(['A2c', 'A2b', 'A2b', 'A1']);
  });

  it('lets the mapping override a proposal (ground -> by height; unknown -> empty without warning)', () => {
    const result = parseTowersCsv(csv, { valueMapping: { mast_type: { 'tren nha': 'unknown', 'cot day co': 'A2a' } } });
    expect(result.towers[1].mastType).toBe('A2a');
    expect(result.towers[3].mastType).toBeNull();
    expect(result.warnings.filter((warning) => warning.row === 4)).toEqual([]);
  });

  it('reads words that name Object\'s own members ("constructor", "toString", "__proto__") as words', () => {
    const text = [
      'id,operator,lon,lat,height_m,mast_type',
      'T1,constructor,108.2,16.05,30,constructor',
      'T2,Viettel,108.21,16.05,30,toString',
      'T3,__proto__,108.22,16.05,30,A1',
    ].join('\n');
    // With a mapping, as the import dialog passes one: "constructor" was looked up on Object.prototype and failed the
    // read ("mapped.trim is not a function"); the mast type became the Object function.
    const result = parseTowersCsv(text, {
      valueMapping: { operator: { viettel: 'Viettel' }, mast_type: { a1: 'A1' } },
    });
    expect(result.rejected).toEqual([]);
    expect(result.towers.map((tower) => [tower.operator, tower.mastType])).toEqual([
      ['constructor', null],
      ['Viettel', null],
      ['__proto__', 'A1'],
    ]);
    expect(() => structuredClone(result)).not.toThrow();
    // Rows 1 and 2 (data rows): words no class is known for.
    expect(result.warnings.filter((warning) => warning.field === 'mast_type').map((warning) => warning.row)).toEqual([
      1, 2,
    ]);
  });
});
