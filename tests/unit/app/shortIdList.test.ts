import { describe, expect, it } from 'vitest';
import { shortIdList } from '../../../src/app/sharing/shortIdList';

describe('shortIdList', () => {
  it('names up to six ids, then how many more in the UI’s language', () => {
    expect(shortIdList(['A', 'B'], 'vi')).toBe('A, B');
    const ids = Array.from({ length: 1_006 }, (_, i) => `M${i}`);
    expect(shortIdList(ids, 'vi')).toBe('M0, M1, M2, M3, M4, M5 và 1.000 cột khác');
    expect(shortIdList(ids, 'en')).toBe('M0, M1, M2, M3, M4, M5 and 1,000 more masts');
  });
});
