import { describe, expect, it } from 'vitest';
import { parseNumberInput } from '../../../src/app/components/parseNumberInput';

describe('parseNumberInput', () => {
  it('reads a decimal comma and a decimal point alike ("0,8" is 0.8, never 8)', () => {
    expect(parseNumberInput('0,8')).toEqual({ ok: true, value: 0.8 });
    expect(parseNumberInput('0.8')).toEqual({ ok: true, value: 0.8 });
    expect(parseNumberInput(' -110 ')).toEqual({ ok: true, value: -110 });
    expect(parseNumberInput(',5')).toEqual({ ok: true, value: 0.5 });
  });

  it('refuses what is not one number, with the reason', () => {
    expect(parseNumberInput('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseNumberInput('1.000,5')).toEqual({ ok: false, reason: 'notNumber' });
    expect(parseNumberInput('12 m')).toEqual({ ok: false, reason: 'notNumber' });
    expect(parseNumberInput('abc')).toEqual({ ok: false, reason: 'notNumber' });
  });

  it('checks the limits and whole numbers', () => {
    expect(parseNumberInput('2001', { min: 25, max: 2000 })).toEqual({ ok: false, reason: 'aboveMax' });
    expect(parseNumberInput('10', { min: 25, max: 2000 })).toEqual({ ok: false, reason: 'belowMin' });
    expect(parseNumberInput('2,5', { integer: true })).toEqual({ ok: false, reason: 'notInteger' });
    expect(parseNumberInput('25', { min: 25, max: 2000, integer: true })).toEqual({ ok: true, value: 25 });
  });

  it('reads thousands marks in whole-number fields, as Vietnamese and English write them', () => {
    // A budget of fifteen thousand (millions of đồng), typed the Vietnamese way: not 15.
    expect(parseNumberInput('15.000', { integer: true })).toEqual({ ok: true, value: 15_000 });
    expect(parseNumberInput('1.234.567', { integer: true })).toEqual({ ok: true, value: 1_234_567 });
    expect(parseNumberInput('15,000', { integer: true })).toEqual({ ok: true, value: 15_000 });
    // Mixed marks, or groups not of three, are not thousands marks.
    expect(parseNumberInput('1.234,567', { integer: true })).toEqual({ ok: false, reason: 'notNumber' });
    expect(parseNumberInput('15.00', { integer: true })).toEqual({ ok: true, value: 15 });
    expect(parseNumberInput('15.5', { integer: true })).toEqual({ ok: false, reason: 'notInteger' });
    // In a decimal field a single mark stays the decimal separator.
    expect(parseNumberInput('15.000')).toEqual({ ok: true, value: 15 });
    // The limits apply to the whole number.
    expect(parseNumberInput('15.000', { integer: true, max: 10_000 })).toEqual({ ok: false, reason: 'aboveMax' });
  });
});
