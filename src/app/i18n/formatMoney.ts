import { fromUsd, type MoneySettings } from '../../core/model/money';
import { formatNumber, type Language } from './strings';

/** Đồng are shown to the nearest thousand: the costs are estimates, and "…345 ₫" would claim a precision they lack. */
const VND_STEP = 1000;

/**
 * A USD amount of the analyses as the project shows money: in đồng at the project's rate, written the Vietnamese
 * way with the full digits ("15.308.642.000 ₫"; English groups with commas: "15,308,642,000 ₫"), or in whole USD
 * ("612.346 USD" / "612,346 USD"). One format everywhere: panels, report.
 */
export function formatMoney(language: Language, amountUsd: number, money: MoneySettings): string {
  if (!Number.isFinite(amountUsd)) return '—';
  const amount = fromUsd(amountUsd, money);
  if (money.currency === 'VND') return `${formatNumber(language, Math.round(amount / VND_STEP) * VND_STEP)} ₫`;
  return `${formatNumber(language, Math.round(amount))} USD`;
}

/** The rate as a note: "1 USD = 25.000 ₫". */
export function formatRate(language: Language, money: MoneySettings): string {
  return `1 USD = ${formatNumber(language, money.vndPerUsd)} ₫`;
}
