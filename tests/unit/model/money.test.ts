import { describe, expect, it } from 'vitest';
import { formatMoney, formatRate } from '../../../src/app/i18n/formatMoney';
import { normalizeProject } from '../../../src/app/store/projectDocument';
import { DEFAULT_VND_PER_USD, fromUsd, normalizeMoney, usdToVnd } from '../../../src/core/model/money';

describe('money: the core computes in USD, the app shows VND at the project rate', () => {
  it('converts by hand: 612,345.67 USD at 25,000 VND/USD is 15,308,641,750 VND', () => {
    expect(usdToVnd(612_345.67, 25_000)).toBeCloseTo(15_308_641_750, 3);
    expect(fromUsd(100, { currency: 'VND', vndPerUsd: 26_000 })).toBe(2_600_000);
    expect(fromUsd(100, { currency: 'USD', vndPerUsd: 26_000 })).toBe(100);
  });

  it('writes đồng the Vietnamese way, to the nearest thousand, and USD in whole dollars', () => {
    const vnd = { currency: 'VND', vndPerUsd: 25_000 } as const;
    // 612,345.67 x 25,000 = 15,308,641,750 -> 15,308,642,000 (nearest thousand).
    expect(formatMoney('vi', 612_345.67, vnd)).toBe('15.308.642.000 ₫');
    expect(formatMoney('en', 612_345.67, vnd)).toBe('15,308,642,000 ₫');
    // 20,000 USD x 24,850 = 497,000,000.
    expect(formatMoney('vi', 20_000, { currency: 'VND', vndPerUsd: 24_850 })).toBe('497.000.000 ₫');
    const usd = { currency: 'USD', vndPerUsd: 25_000 } as const;
    expect(formatMoney('vi', 612_345.67, usd)).toBe('612.346 USD');
    expect(formatMoney('en', 612_345.67, usd)).toBe('612,346 USD');
    expect(formatMoney('vi', Number.NaN, vnd)).toBe('—');
    expect(formatRate('vi', vnd)).toBe('1 USD = 25.000 ₫');
  });

  it('defaults to VND at the documented assumed rate, and drops a stored rate that is not a rate', () => {
    expect(DEFAULT_VND_PER_USD).toBe(25_000);
    expect(normalizeMoney(undefined)).toEqual({ currency: 'VND', vndPerUsd: 25_000 });
    expect(normalizeMoney({ currency: 'USD', vndPerUsd: 24_000 })).toEqual({ currency: 'USD', vndPerUsd: 24_000 });
    expect(normalizeMoney({ currency: 'EUR', vndPerUsd: 25 })).toEqual({ currency: 'VND', vndPerUsd: 25_000 });
    expect(normalizeMoney({ vndPerUsd: Number.NaN }).vndPerUsd).toBe(25_000);
    // An old autosave without money gets the defaults; a stored one is kept.
    expect(normalizeProject({ coverage: {} }).money).toEqual({ currency: 'VND', vndPerUsd: 25_000 });
    expect(normalizeProject({ money: { currency: 'USD', vndPerUsd: 26_100 } }).money).toEqual({
      currency: 'USD',
      vndPerUsd: 26_100,
    });
  });
});
