import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PlanSharedSitesResult } from '../../core/siting/planSharedSites';
import { formatMoney } from '../i18n/formatMoney';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { ServerRefusalNote } from '../server/RefusalNote';
import { publishSavedPlan, savePlanToServer, useServerStore } from '../server/serverStore';
import { useAppStore } from '../store/appStore';
import { useMoney } from '../store/moneySettings';
import { describeSiteRule } from './describeSiteRule';
import { planToServerDocument } from './planToServerDocument';
import { openPlanFromServer, useSharingStore } from './sharingStore';
import { FAR_FROM_FIBRE_M, summarizePlanForPublishing } from './summarizePlanForPublishing';

/**
 * The province's planner opens a plan saved on the server, saves the shared-site plan there (each save a new version,
 * refused when someone saved in between) and publishes it: operators then see its sites in their requests tab and can
 * request co-location.
 */
export function PlanOnServerSection() {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const dataset = useAppStore((state) => state.dataset);
  const { available, user, savedPlan, plans, busy } = useServerStore(
    useShallow((state) => ({
      available: state.available,
      user: state.user,
      savedPlan: state.savedPlan,
      plans: state.plans,
      busy: state.busy,
    })),
  );
  const plan = useSharingStore((state) => state.plan);
  const [name, setName] = useState(() =>
    language === 'vi'
      ? `Trạm 5G dùng chung ${new Date().toLocaleDateString('vi-VN')}`
      : `Shared 5G sites ${new Date().toLocaleDateString('en-GB')}`,
  );
  // An opened plan keeps its name unless the planner changes it.
  const openedName = savedPlan?.name;
  useEffect(() => {
    if (openedName) setName(openedName);
  }, [openedName]);
  if (!available || !dataset) return null;
  if (user?.role !== 'province') return plan ? <p className="note">{t('signInToSave')}</p> : null;
  return (
    <fieldset className="zones" data-testid="plan-on-server">
      <legend>{t('planOnServer')}</legend>
      {plans.length > 0 && (
        <ul className="zone-list" data-testid="server-plans">
          {plans.map((entry) => (
            <li key={entry.id} data-testid="server-plan">
              {entry.name} · v{entry.version}
              {entry.publishedVersion !== null && ` (${t('publishedVersion')} ${entry.publishedVersion})`}
              {entry.id === savedPlan?.id ? (
                ' ✓'
              ) : (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void openPlanFromServer(entry.id)}
                  data-testid="open-server-plan"
                >
                  {t('openPlan')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ServerRefusalNote place="openPlan" />
      {plan && <SaveAndPublish name={name} setName={setName} />}
    </fieldset>
  );
}

/** Name, save and publish of the plan on screen (a new plan, or a new version of the one opened or saved). */
function SaveAndPublish({ name, setName }: { name: string; setName: (name: string) => void }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const dataset = useAppStore((state) => state.dataset);
  const savedPlan = useServerStore((state) => state.savedPlan);
  const busy = useServerStore((state) => state.busy);
  // The plan is saved with the settings it was made with, not the panel's if they changed since.
  const { plan, planSettings } = useSharingStore(
    useShallow((state) => ({ plan: state.plan, planSettings: state.planBasis?.settings ?? state.planSettings })),
  );
  const [confirming, setConfirming] = useState(false);
  if (!plan || !dataset) return null;
  return (
    <>
      <label className="field">
        {t('planName')}
        <input value={name} onChange={(event) => setName(event.target.value)} data-testid="plan-name" />
      </label>
      <div className="buttons">
        <button
          type="button"
          disabled={busy || name.trim() === ''}
          onClick={() =>
            void savePlanToServer(
              name.trim(),
              planToServerDocument(
                plan,
                planSettings,
                language,
                dataset.towers,
                useSharingStore.getState().siteProvenance,
              ),
            )
          }
          data-testid="save-plan"
        >
          {t('savePlan')}
        </button>
        <button
          type="button"
          disabled={busy || !savedPlan || savedPlan.publishedVersion === savedPlan.version || confirming}
          onClick={() => setConfirming(true)}
          data-testid="publish-plan"
        >
          {t('publishPlan')}
        </button>
      </div>
      {confirming && savedPlan && (
        <PublishConfirmation
          plan={plan}
          version={savedPlan.version}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void publishSavedPlan();
          }}
        />
      )}
      <ServerRefusalNote place="savePlan" />
      <ServerRefusalNote place="publishPlan" />
      {savedPlan && (
        <p className="note" data-testid="saved-plan-status">
          {t('savedVersion')} {savedPlan.version} ·{' '}
          {savedPlan.publishedVersion === null
            ? t('notPublished')
            : `${t('publishedVersion')} ${savedPlan.publishedVersion}`}
        </p>
      )}
    </>
  );
}

/**
 * Publishing is a decision: what the operators will see (sites, people newly covered, cost) and what deserves a
 * second look (sites covering nobody, far from fibre, breaking a rule), then a confirmation.
 */
function PublishConfirmation(props: {
  plan: PlanSharedSitesResult;
  version: number;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const money = useMoney();
  const summary = summarizePlanForPublishing(props.plan);
  const flagged = summary.coveringNobody.length + summary.farFromFibre.length + summary.rulesBroken.length;
  return (
    <div className="publish-summary" role="dialog" aria-label={t('publishSummaryTitle')} data-testid="publish-summary">
      <strong>
        {t('publishSummaryTitle')} ({t('savedVersion')} {props.version})
      </strong>
      <ul>
        <li data-testid="publish-summary-sites">
          {formatNumber(language, summary.sites)} {t('publishSummarySites')} · +
          {formatNumber(language, summary.populationNewlyCovered)} {t('people')} · {t('capex')}{' '}
          {formatMoney(language, summary.totalCapexUsd, money)}
        </li>
        {summary.coveringNobody.length > 0 && (
          <li className="warning" data-testid="publish-flag-nobody">
            {t('publishFlagNobody')}: {summary.coveringNobody.join(', ')}
          </li>
        )}
        {summary.farFromFibre.length > 0 && (
          <li className="warning" data-testid="publish-flag-fibre">
            {t('publishFlagFibre')} ({formatNumber(language, FAR_FROM_FIBRE_M / 1000)} km):{' '}
            {summary.farFromFibre
              .map((site) => `${site.name} ${formatNumber(language, site.distanceM / 1000, 1)} km`)
              .join(', ')}
          </li>
        )}
        {summary.rulesBroken.length > 0 && (
          <li className="warning" data-testid="publish-flag-rules">
            {t('rulesBroken')}:{' '}
            {summary.rulesBroken
              .map(
                (site) =>
                  `${site.name}${site.rule === 'spacing' ? ` (${t('spacingCheck')})` : `: ${describeSiteRule(site.rule, language)}`}`,
              )
              .join('; ')}
          </li>
        )}
        {flagged === 0 && <li data-testid="publish-no-flags">{t('publishNoFlags')}</li>}
      </ul>
      <p className="note">{t('publishSummaryNote')}</p>
      <div className="buttons">
        <button type="button" onClick={props.onConfirm} data-testid="publish-confirm">
          {t('publishConfirm')}
        </button>
        <button type="button" onClick={props.onCancel} data-testid="publish-cancel">
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
