import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../../src/core/io/parseDecimal';

describe('parseDecimal', () => {
  it('reads plain decimals with a point, and with a comma when asked', () => {
    expect(parseDecimal(' 105.8 ', false)).toBe(105.8);
    expect(parseDecimal('-0.5', false)).toBe(-0.5);
    expect(parseDecimal('12.', false)).toBe(12);
    expect(parseDecimal('.25', false)).toBe(0.25);
    expect(parseDecimal('1e3', false)).toBe(1000);
    expect(parseDecimal('16,0544', true)).toBe(16.0544);
    for (const text of ['16,0544', '1.2.3', '1,000.5', '12 m', '', '.', '1e', '1e309', 'NaN']) {
      expect(parseDecimal(text, false)).toBeNull();
    }
  });

  it('refuses 100,000 digits and a letter in linear time (35 s before)', () => {
    const started = performance.now();
    expect(parseDecimal(`${'1'.repeat(100_000)}x`, true)).toBeNull();
    expect(parseDecimal(`${'1'.repeat(100_000)}.${'2'.repeat(100_000)}x`, true)).toBeNull();
    expect(performance.now() - started).toBeLessThan(200);
  });
});
