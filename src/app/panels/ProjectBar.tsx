import { useState } from 'react';
import { useT } from '../i18n/useT';
import { useMapController } from '../map/MapControllerContext';
import { encodeShareHash } from '../persistence/shareLink';
import { type Orientation, type PaperSize, reportSearch } from '../report/reportParams';
import { planToServerDocument } from '../sharing/planToServerDocument';
import { useSharingStore } from '../sharing/sharingStore';
import { redoProject, undoProject, useAppStore } from '../store/appStore';
import type { ProjectDocument } from '../store/projectDocument';

/** Undo, redo, the share link and the autosave status. */
export function ProjectBar() {
  const t = useT();
  const mapController = useMapController();
  const canUndo = useAppStore((state) => state.history.past.length > 0);
  const canRedo = useAppStore((state) => state.history.future.length > 0);
  const lastSavedAt = useAppStore((state) => state.lastSavedAt);
  const [link, setLink] = useState<string | null>(null);
  const [paper, setPaper] = useState<PaperSize>('A4');
  const [orientation, setOrientation] = useState<Orientation>('landscape');
  const language = useAppStore((state) => state.language);

  const currentHash = (project?: ProjectDocument) => {
    const { history, dataset, language } = useAppStore.getState();
    const { plan, planSettings, planBasis, colocation, colocationBasis, colocationSettings, siteProvenance } =
      useSharingStore.getState();
    // The results on screen with the settings they were computed with (the panel's when nothing was computed).
    return encodeShareHash({
      project: project ?? history.present,
      view: mapController?.currentView() ?? null,
      colocation: colocationBasis?.settings ?? colocationSettings,
      colocationShown: colocation !== null,
      ...(colocation && colocationBasis ? { opportunitiesRadiusM: colocationBasis.defaultRadiusM } : {}),
      ...(plan && dataset
        ? {
            plan: planToServerDocument(
              plan,
              planBasis?.settings ?? planSettings,
              language,
              dataset.towers,
              siteProvenance,
            ),
          }
        : {}),
    });
  };
  const openReport = () => {
    // A result on screen is printed with the settings it was computed with, even if the panel's changed: the
    // propagation's, or the fixed radius's.
    const { signalRun, coverage, history } = useAppStore.getState();
    const mode = history.present.coverage.mode;
    const computed =
      mode === 'signal' && signalRun.result && signalRun.settings
        ? { ...history.present, coverage: { ...signalRun.settings, palette: history.present.coverage.palette } }
        : mode === 'fixed' && coverage.summary && coverage.defaultRadiusM !== null
          ? { ...history.present, coverage: { ...history.present.coverage, defaultRadiusM: coverage.defaultRadiusM } }
          : undefined;
    window.open(
      `${window.location.pathname}${reportSearch({ paper, orientation, language })}${currentHash(computed)}`,
      '_blank',
    );
  };

  const makeLink = () => {
    window.history.replaceState(null, '', currentHash());
    const url = window.location.href;
    setLink(url);
    void navigator.clipboard?.writeText(url).catch(() => {
      // No clipboard permission (e.g. plain http): the link stays selectable in the field below.
    });
  };

  return (
    <div className="project-bar">
      <div className="buttons">
        <button type="button" onClick={undoProject} disabled={!canUndo} title="Ctrl+Z" data-testid="undo">
          ↶ {t('undo')}
        </button>
        <button type="button" onClick={redoProject} disabled={!canRedo} title="Ctrl+Shift+Z" data-testid="redo">
          ↷ {t('redo')}
        </button>
        <button type="button" onClick={makeLink} data-testid="share-link">
          {t('shareLink')}
        </button>
      </div>
      <div className="buttons report-row">
        <select value={paper} onChange={(event) => setPaper(event.target.value as PaperSize)} aria-label={t('paper')}>
          <option value="A4">A4</option>
          <option value="A3">A3</option>
        </select>
        <select
          value={orientation}
          onChange={(event) => setOrientation(event.target.value as Orientation)}
          aria-label={t('orientation')}
        >
          <option value="landscape">{t('landscape')}</option>
          <option value="portrait">{t('portrait')}</option>
        </select>
        <button type="button" onClick={openReport} data-testid="open-report">
          {t('report')}
        </button>
      </div>
      {link && (
        <input
          className="share-url"
          readOnly
          value={link}
          onFocus={(event) => event.target.select()}
          aria-label={t('shareLink')}
          data-testid="share-url"
        />
      )}
      <p className="note" data-testid="autosave-status">
        {lastSavedAt
          ? `${t('savedInBrowser')} ${new Date(lastSavedAt).toLocaleTimeString(language === 'vi' ? 'vi-VN' : 'en-GB')}`
          : t('autosaveOn')}
      </p>
    </div>
  );
}
