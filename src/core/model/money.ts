/**
 * Money as the app shows it. The analyses compute in USD (the unit of their source, the pytal model's unit costs);
 * people in Vietnam read đồng, so every amount shown is converted at the project's rate, and exports carry both.
 */
export type Currency = 'VND' | 'USD';

export const CURRENCIES: readonly Currency[] = ['VND', 'USD'];

/**
 * Default rate, VND per USD. An assumption, not a published figure: a round number of the order of the State Bank of
 * Vietnam's central rate in 2025 (not checked against a dated SBV publication). The planner edits it in the sharing tab.
 */
export const DEFAULT_VND_PER_USD = 25_000;

/** Bounds an entered rate must keep (VND per USD): anything outside is a typo, not a rate. */
export const VND_PER_USD_MIN = 1_000;
export const VND_PER_USD_MAX = 100_000;

/** How the project shows money: the currency, and the rate used when it is đồng. */
export interface MoneySettings {
  currency: Currency;
  /** VND per USD. */
  vndPerUsd: number;
}

export const DEFAULT_MONEY: MoneySettings = { currency: 'VND', vndPerUsd: DEFAULT_VND_PER_USD };

/** A USD amount in đồng at the given rate. */
export function usdToVnd(amountUsd: number, vndPerUsd: number): number {
  return amountUsd * vndPerUsd;
}

/** A USD amount in the settings' currency (unchanged for USD). */
export function fromUsd(amountUsd: number, money: MoneySettings): number {
  return money.currency === 'VND' ? usdToVnd(amountUsd, money.vndPerUsd) : amountUsd;
}

/** An amount in the settings' currency back in USD (unchanged for USD). */
export function toUsd(amount: number, money: MoneySettings): number {
  return money.currency === 'VND' ? amount / money.vndPerUsd : amount;
}

/** The settings of a stored project or link, each value checked; the defaults for what is missing or wrong. */
export function normalizeMoney(input: unknown): MoneySettings {
  if (typeof input !== 'object' || input === null) return { ...DEFAULT_MONEY };
  const given = input as Record<string, unknown>;
  const currency = CURRENCIES.includes(given.currency as Currency) ? (given.currency as Currency) : 'VND';
  const rate = given.vndPerUsd;
  const vndPerUsd =
    typeof rate === 'number' && Number.isFinite(rate) && rate >= VND_PER_USD_MIN && rate <= VND_PER_USD_MAX
      ? rate
      : DEFAULT_VND_PER_USD;
  return { currency, vndPerUsd };
}
