import { type Currency, VND_PER_USD_MAX, VND_PER_USD_MIN } from '../../core/model/money';
import { NumberField } from '../components/NumberField';
import { useT } from '../i18n/useT';
import { setMoney, useMoney } from '../store/moneySettings';

/** The project's currency and exchange rate: every cost of the app, the report and the exports follows them. */
export function MoneySection() {
  const t = useT();
  const money = useMoney();
  return (
    <section className="panel" aria-labelledby="money-title" data-testid="money-panel">
      <h2 id="money-title">{t('moneyTitle')}</h2>
      <label className="field">
        {t('currency')}
        <select
          value={money.currency}
          onChange={(event) => setMoney({ currency: event.target.value as Currency })}
          data-testid="currency"
        >
          <option value="VND">{t('currencyVnd')}</option>
          <option value="USD">{t('currencyUsd')}</option>
        </select>
      </label>
      <NumberField
        label={t('vndPerUsd')}
        value={money.vndPerUsd}
        min={VND_PER_USD_MIN}
        max={VND_PER_USD_MAX}
        onChange={(value) => setMoney({ vndPerUsd: value })}
        testId="vnd-per-usd"
      />
      <p className="hint">{t('moneyNote')}</p>
    </section>
  );
}
