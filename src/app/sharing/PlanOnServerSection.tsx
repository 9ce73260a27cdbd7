import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../i18n/useT';
import { ServerRefusalNote } from '../server/RefusalNote';
import { publishSavedPlan, savePlanToServer, useServerStore } from '../server/serverStore';
import { useAppStore } from '../store/appStore';
import { planToServerDocument } from './planToServerDocument';
import { openPlanFromServer, useSharingStore } from './sharingStore';

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
  const { plan, planSettings } = useSharingStore(
    useShallow((state) => ({ plan: state.plan, planSettings: state.planSettings })),
  );
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
            void savePlanToServer(name.trim(), planToServerDocument(plan, planSettings, language, dataset.towers))
          }
          data-testid="save-plan"
        >
          {t('savePlan')}
        </button>
        <button
          type="button"
          disabled={busy || !savedPlan || savedPlan.publishedVersion === savedPlan.version}
          onClick={() => void publishSavedPlan()}
          data-testid="publish-plan"
        >
          {t('publishPlan')}
        </button>
      </div>
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
