import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../i18n/useT';
import { publishSavedPlan, savePlanToServer, useServerStore } from '../server/serverStore';
import { useAppStore } from '../store/appStore';
import { planToServerDocument } from './planToServerDocument';
import { useSharingStore } from './sharingStore';

/**
 * The province's planner saves the shared-site plan on the server (each save a new version, refused when someone saved
 * in between) and publishes it: operators then see its sites in their requests tab and can request co-location.
 */
export function PlanOnServerSection() {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const dataset = useAppStore((state) => state.dataset);
  const { available, user, savedPlan, busy, error } = useServerStore(
    useShallow((state) => ({
      available: state.available,
      user: state.user,
      savedPlan: state.savedPlan,
      busy: state.busy,
      error: state.error,
    })),
  );
  const { plan, planSettings } = useSharingStore(
    useShallow((state) => ({ plan: state.plan, planSettings: state.planSettings })),
  );
  const [name, setName] = useState(() =>
    language === 'vi'
      ? `Trạm 5G dùng chung ${new Date().toLocaleDateString('vi-VN')}`
      : `Shared 5G sites ${new Date().toLocaleDateString('en-GB')}`,
  );
  if (!available || !plan || !dataset) return null;
  if (user?.role !== 'province') return <p className="note">{t('signInToSave')}</p>;
  return (
    <fieldset className="zones" data-testid="plan-on-server">
      <legend>{t('planOnServer')}</legend>
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
      {savedPlan && (
        <p className="note" data-testid="saved-plan-status">
          {t('savedVersion')} {savedPlan.version} ·{' '}
          {savedPlan.publishedVersion === null
            ? t('notPublished')
            : `${t('publishedVersion')} ${savedPlan.publishedVersion}`}
        </p>
      )}
      {error && (
        <p className="warning" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
