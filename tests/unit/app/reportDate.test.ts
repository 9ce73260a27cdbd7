import { describe, expect, it } from 'vitest';
import { reportDate } from '../../../src/app/report/reportDate';

describe("the report's date", () => {
  it('is written as Vietnamese documents write it, and in English the British way', () => {
    expect(reportDate(new Date(2026, 11, 7), 'vi')).toBe('7 tháng 12 năm 2026');
    expect(reportDate(new Date(2026, 0, 31), 'vi')).toBe('31 tháng 1 năm 2026');
    expect(reportDate(new Date(2026, 11, 7), 'en')).toBe('7 December 2026');
  });
});
