import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { decodeTextFile } from '../../core/io/decodeTextFile';
import { parseCandidatesCsv } from '../../core/io/parseCandidatesCsv';
import type { WordedMessage } from '../../core/model/wordedMessage';
import type { UserSite } from '../../core/siting/siteCandidate';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { ProblemList } from '../import/ProblemList';
import { useAppStore } from '../store/appStore';
import { candidateRefusalOf, describeCandidateRefusal } from './describeSharingFileError';
import { type SharingState, updatePlanSettings, useSharingStore } from './sharingStore';

/** A candidate list is a few hundred rows; a file this large is not one (and would hold the page while it is read). */
const MAX_CANDIDATE_FILE_BYTES = 5_000_000;
/** The same empty list every time (a new [] per read would re-render the panel without end). */
const NO_SITES: readonly UserSite[] = [];
/** Problems listed under the file (the rest are counted). */
const LISTED_PROBLEMS = 20;

/**
 * The province's own candidate sites (land or buildings available for a shared mast), read from a CSV file with
 * columns id, lon, lat and optionally height_m (Vietnamese headers, ; and decimal commas too): offered to the plan
 * besides the existing masts and, unless turned off, the lattice. Each bad row is named with its reason, in the UI's
 * language; the good rows are kept. A refused file is named with its reason in the UI's language too.
 */
export function CandidateSitesSection({ disabled }: { disabled: boolean }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const { sites, lattice, summary } = useSharingStore(
    useShallow((state) => ({
      sites: state.planSettings.candidateSites ?? NO_SITES,
      lattice: state.planSettings.latticeCandidates !== false,
      summary: state.candidateFile,
    })),
  );
  const setSummary = (candidateFile: SharingState['candidateFile']) => useSharingStore.setState({ candidateFile });
  /** The refused file and why (null: too large), worded when shown so that it follows the language. */
  const [fileError, setFileError] = useState<{ name: string; refusal: WordedMessage | null } | null>(null);

  const readFile = async (file: File) => {
    setFileError(null);
    if (file.size > MAX_CANDIDATE_FILE_BYTES) {
      setFileError({ name: file.name, refusal: null });
      return;
    }
    try {
      const parsed = parseCandidatesCsv(decodeTextFile(new Uint8Array(await file.arrayBuffer())));
      if (parsed.sites.length === 0) {
        setSummary({ name: file.name, accepted: 0, rejected: parsed.rejected, warnings: parsed.warnings });
        return;
      }
      updatePlanSettings({ candidateSites: parsed.sites });
      setSummary({
        name: file.name,
        accepted: parsed.sites.length,
        rejected: parsed.rejected,
        warnings: parsed.warnings,
      });
    } catch (error) {
      setFileError({ name: file.name, refusal: candidateRefusalOf(error) });
    }
  };

  const problems = summary
    ? [
        ...summary.rejected.map((problem) => ({ problem, rejected: true })),
        ...summary.warnings.map((problem) => ({ problem, rejected: false })),
      ].sort((a, b) => a.problem.row - b.problem.row)
    : [];

  return (
    <fieldset className="zones" data-testid="candidate-sites">
      <legend>
        {t('candidateSites')} ({formatNumber(language, sites.length)})
      </legend>
      <p className="note">{t('candidateSitesHint')}</p>
      <div className="buttons">
        <label className="import-button">
          <input
            type="file"
            accept=".csv,.txt,text/csv"
            disabled={disabled}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void readFile(file);
            }}
            data-testid="candidate-file"
          />
          {t('candidateFile')}
        </label>
        {sites.length > 0 && (
          <button
            type="button"
            disabled={disabled}
            onClick={() => {
              updatePlanSettings({ candidateSites: undefined, latticeCandidates: true });
              setSummary(null);
            }}
            data-testid="clear-candidates"
          >
            {t('clearCandidates')}
          </button>
        )}
      </div>
      {sites.length > 0 && (
        <label className="check">
          <input
            type="checkbox"
            checked={lattice}
            disabled={disabled}
            onChange={(event) => updatePlanSettings({ latticeCandidates: event.target.checked })}
            data-testid="lattice-candidates"
          />
          {t('latticeCandidates')}
        </label>
      )}
      {fileError && (
        <p className="warning" role="alert" data-testid="candidate-file-error">
          {fileError.name}:{' '}
          {fileError.refusal
            ? `${t('candidateFileRefused')} (${describeCandidateRefusal(fileError.refusal, language)})`
            : t('candidateFileTooLarge')}
        </p>
      )}
      {summary && (
        <p className={summary.accepted > 0 ? 'note' : 'warning'} data-testid="candidate-file-summary">
          {summary.name}: {formatNumber(language, summary.accepted)} {t('candidatesRead')}
          {summary.rejected.length > 0 && ` · ${formatNumber(language, summary.rejected.length)} ${t('rejectedRows')}`}
          {summary.accepted === 0 && ` · ${t('candidateFileNoSites')}`}
        </p>
      )}
      {problems.length > 0 && <ProblemList problems={problems} limit={LISTED_PROBLEMS} testId="candidate-problems" />}
    </fieldset>
  );
}
