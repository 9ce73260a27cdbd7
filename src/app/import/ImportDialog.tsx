import { listCrs } from '../../core/crs/crsDefinitions';
import { MAST_TYPE_CHOICES, type MastTypeChoice, proposeMastType } from '../../core/io/classifyMastType';
import type { TablePreview } from '../../core/io/previewTableFile';
import { resolveOperatorName } from '../../core/io/resolveOperatorName';
import { TOWER_FIELDS, type TowerField } from '../../core/io/towerFields';
import { TOWER_MERGE_MODES, type TowerMergeMode } from '../../core/model/mergeTowers';
import { OPERATORS } from '../../core/model/operators';
import { MAST_IMPORT_MAX_TOWERS } from '../../core/model/tower';
import { formatNumber, type Language, type StringKey, translateWith } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { RefusalNote } from '../server/RefusalNote';
import { useServerStore } from '../server/serverStore';
import { useAppStore } from '../store/appStore';
import { buildProblemsCsv } from './buildProblemsCsv';
import { describeCoordinateReport } from './describeCoordinateReport';
import { crsNameIn, describeInputProblem, describeWorded, fieldLabel } from './describeInputProblem';
import {
  applyImport,
  cancelImport,
  closeImport,
  confirmMixedCrs,
  confirmRemovals,
  isMixedCrs,
  needsRemovalConfirmation,
  readWholeFile,
  setMergeMode,
  updateMapping,
  useImportStore,
} from './importStore';
import { ProblemList } from './ProblemList';

const MAST_TYPE_LABELS: Record<MastTypeChoice, StringKey> = {
  A1: 'mastTypeA1',
  A2a: 'mastTypeA2a',
  A2b: 'mastTypeA2b',
  A2c: 'mastTypeA2c',
  ground: 'mastTypeGround',
  unknown: 'mastTypeUnknown',
};

const MODE_LABELS: Record<TowerMergeMode, StringKey> = {
  replaceOperator: 'mergeReplaceOperator',
  add: 'mergeAdd',
  updateById: 'mergeUpdateById',
};

/** Problems listed in the dialog (all of them are in the downloadable CSV). */
const LISTED_PROBLEMS = 200;

const CRS_CHOICES = listCrs();

/**
 * Import preview: the file's first rows, the proposed column for each field (with how sure it is), the coordinate
 * system and what looks wrong with the coordinates, confirmed by the user before anything is imported. Values from the
 * file are shown as text only.
 */
export function ImportDialog() {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const provinceName = useAppStore((state) => state.dataset?.provinceName ?? '');
  const state = useImportStore();
  // An operator account's own list needs no operator column: its rows are the account's.
  const operatorAccount = useServerStore((server) => server.user?.role === 'operator');
  // Signed in, the masts go to the server's register, which takes so many per import: said before sending.
  const signedIn = useServerStore((server) => server.user !== null);
  const overServerLimit = signedIn && (state.read?.acceptedCount ?? 0) > MAST_IMPORT_MAX_TOWERS;
  if (state.stage === 'closed') return null;
  const preview = state.preview?.preview;
  const proposal = state.preview?.proposal;
  const confidenceOf = (field: TowerField) => proposal?.proposals.find((entry) => entry.field === field);
  const required = new Set<TowerField>(operatorAccount ? ['id', 'lon', 'lat'] : ['id', 'operator', 'lon', 'lat']);
  const missingRequired =
    preview && !preview.geometryFromFile
      ? [...required].filter((field) => state.mapping[field] === undefined || state.mapping[field] === null)
      : [];
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-title"
        data-testid="import-dialog"
      >
        <h2 id="import-title">
          {t('importTitle')}: {state.fileName}
        </h2>
        {state.stage === 'previewing' && <p className="note">{t('reading')}</p>}
        {state.error && (
          <p className="warning" role="alert" data-testid="import-error">
            {describeWorded(state.error, language, true)}
          </p>
        )}
        {preview && (
          <>
            <p className="note" data-testid="preview-format">
              {preview.format.toUpperCase()}
              {preview.encoding ? ` · ${preview.encoding}` : ''}
              {preview.delimiter
                ? ` · ${t('delimiter')} "${preview.delimiter === '\t' ? 'TAB' : preview.delimiter}"`
                : ''}
              {showsDecimalComma(preview) ? ` · ${t('decimalComma')}` : ''}
            </p>
            {preview.warnings.map((warning) => (
              <p key={warning.reason} className="warning">
                {describeWorded(warning, language)}
              </p>
            ))}
            {!preview.geometryFromFile && (
              <table className="results mapping" data-testid="column-mapping">
                <thead>
                  <tr>
                    <th>{t('field')}</th>
                    <th>{t('column')}</th>
                    <th>{t('confidence')}</th>
                  </tr>
                </thead>
                <tbody>
                  {TOWER_FIELDS.map((field) => {
                    const proposalEntry = confidenceOf(field);
                    const value = state.mapping[field];
                    return (
                      <tr key={field}>
                        <td>
                          {fieldLabel(field, language)}
                          {required.has(field) ? ' *' : ''} <span className="note">({field})</span>
                        </td>
                        <td>
                          <select
                            value={typeof value === 'string' ? value : ''}
                            onChange={(event) =>
                              void updateMapping({
                                mapping: {
                                  ...state.mapping,
                                  [field]: event.target.value === '' ? null : event.target.value,
                                },
                              })
                            }
                            data-testid={`map-${field}`}
                          >
                            <option value="">—</option>
                            {preview.headers.map((header) => (
                              <option key={header} value={header}>
                                {header}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td title={proposalEntry ? describeWorded(proposalEntry, language) : ''}>
                          {proposalEntry ? `${Math.round(proposalEntry.confidence * 100)}%` : ''}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {proposal?.notes
              // "Choose the CRS" is said of degrees (the proposal's CRS): once a projected CRS is chosen, it is done.
              .filter(
                (note) =>
                  !(note.code === 'chooseZone' || note.code === 'metresNotDegrees') ||
                  CRS_CHOICES.find((crs) => crs.code === state.crs)?.geographic !== false,
              )
              .map((note) => (
                <p key={note.reason} className="note">
                  {describeWorded(note, language)}
                </p>
              ))}
            <label className="field">
              {t('crs')}
              <select
                value={state.crs}
                onChange={(event) => void updateMapping({ crs: event.target.value })}
                data-testid="import-crs"
              >
                {CRS_CHOICES.map((crs) => (
                  <option key={crs.code} value={crs.code}>
                    {crs.code} — {crsNameIn(crs.name, language)}
                  </option>
                ))}
              </select>
            </label>
            {state.coordinates && state.coordinates.messages.length > 0 && (
              <div className="warning" data-testid="coordinate-problems">
                {describeCoordinateReport(state.coordinates, language, state.crs, provinceName).map((line) => (
                  <div key={line}>{line}</div>
                ))}
                {state.coordinates.suggestedCrs.length > 0 && (
                  <div>
                    {t('suggestedCrs')}: {state.coordinates.suggestedCrs.join(', ')}
                  </div>
                )}
              </div>
            )}
            <div className="preview-rows">
              <table className="results" data-testid="preview-rows">
                <thead>
                  <tr>
                    {preview.headers.map((header) => (
                      <th key={header}>{header}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.slice(0, 5).map((row, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity of their own
                    <tr key={index}>
                      {preview.headers.map((header, column) => (
                        <PreviewCell key={header} text={String(row[column] ?? '')} />
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {state.stage === 'reading' && (
          <div className="progress-row">
            <progress value={state.progress} max={1} data-testid="import-progress" />
            <button type="button" onClick={cancelImport}>
              {t('cancel')}
            </button>
          </div>
        )}
        {state.read && (state.stage === 'review' || state.stage === 'applying' || state.stage === 'done') && (
          <ImportReview />
        )}
        {state.stage === 'review' && overServerLimit && (
          <p className="warning" data-testid="import-over-server-limit">
            {translateWith(language, 'importOverServerLimit', {
              count: formatNumber(language, state.read?.acceptedCount ?? 0),
              limit: translateWith(language, 'issueTooManyMasts', {
                limit: formatNumber(language, MAST_IMPORT_MAX_TOWERS),
              }),
            })}
          </p>
        )}
        <div className="buttons">
          {state.stage === 'mapping' && (
            <button
              type="button"
              onClick={() => void readWholeFile()}
              disabled={missingRequired.length > 0}
              data-testid="confirm-import"
            >
              {t('readWholeFile')}
            </button>
          )}
          {state.stage === 'review' && (
            <button
              type="button"
              onClick={() => void applyImport()}
              disabled={
                (state.read?.acceptedCount ?? 0) === 0 ||
                overServerLimit ||
                (isMixedCrs(state.read) && !state.mixedCrsConfirmed) ||
                (needsRemovalConfirmation(state) && !state.removalsConfirmed)
              }
              data-testid="apply-import"
            >
              {t('applyImport')}
            </button>
          )}
          <button type="button" onClick={closeImport} data-testid="close-import">
            {state.stage === 'done' ? t('close') : t('cancel')}
          </button>
        </div>
        {missingRequired.length > 0 && (
          <p className="warning">
            {t('missingColumns')}: {missingRequired.map((field) => fieldLabel(field, language)).join(', ')}
          </p>
        )}
      </div>
    </div>
  );
}

/** The whole file read: counts, CRS per row, value mappings, every problem row, and what each merge mode changes. */
function ImportReview() {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const state = useImportStore();
  const read = state.read;
  if (!read) return null;
  const { result, diffs } = read;
  const fileNotes = result.warnings.filter((warning) => warning.row === 0);
  const rowWarnings = result.warnings.filter((warning) => warning.row !== 0);
  const outsideRejected = result.rejected.filter((problem) => problem.code === 'outsideVietnam').length;
  const stationRows = result.stationRowsMerged ?? 0;
  const problems = [
    ...result.rejected.map((problem) => ({ problem, rejected: true })),
    ...rowWarnings.map((problem) => ({ problem, rejected: false })),
  ].sort((a, b) => a.problem.row - b.problem.row);
  const download = () => {
    const blob = new Blob([buildProblemsCsv(result, language, state.preview?.preview.delimiter ?? ',')], {
      type: 'text/csv;charset=utf-8',
    });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${state.fileName.replace(/\.[^.]+$/, '')}-${language === 'vi' ? 'can-sua' : 'to-fix'}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const operatorValues = result.categoricalValues?.operator ?? [];
  const mastTypeValues = result.categoricalValues?.mast_type ?? [];
  const diff = diffs[state.mode];
  return (
    <div data-testid="import-result">
      <p>
        <strong data-testid="import-accepted">{formatNumber(language, read.acceptedCount)}</strong> {t('rowsAccepted')},{' '}
        <strong data-testid="import-rejected">{formatNumber(language, read.rejectedCount)}</strong> {t('rejectedRows')},{' '}
        <strong data-testid="import-warned">{formatNumber(language, read.warnedRowCount)}</strong> {t('warningsCount')}
      </p>
      {result.crsCounts && (result.crsCounts.projected > 0 || isMixedCrs(read)) && (
        <div className="note" data-testid="import-crs-counts">
          {t('crsPerRow')}: {formatNumber(language, result.crsCounts.wgs84)} {t('crsDegreeRows')} ·{' '}
          {formatNumber(language, result.crsCounts.projected)} {t('crsProjectedRows')} ({state.crs})
          {isMixedCrs(read) && (
            <label className="check">
              <input
                type="checkbox"
                checked={state.mixedCrsConfirmed}
                onChange={(event) => confirmMixedCrs(event.target.checked)}
                data-testid="confirm-mixed-crs"
              />{' '}
              {t('confirmMixedCrs')}
            </label>
          )}
        </div>
      )}
      {(outsideRejected > 0 || state.keepOutsideVietnam) && (
        <label className="check">
          <input
            type="checkbox"
            checked={state.keepOutsideVietnam}
            onChange={(event) => void updateMapping({ keepOutsideVietnam: event.target.checked })}
            data-testid="keep-outside-vietnam"
          />{' '}
          {t('keepOutsideVietnam')} ({formatNumber(language, outsideRejected)})
        </label>
      )}
      {(stationRows > 0 || state.keepStationRows) && (
        <label className="check">
          <input
            type="checkbox"
            checked={state.keepStationRows}
            onChange={(event) => void updateMapping({ keepStationRows: event.target.checked })}
            data-testid="keep-station-rows"
          />{' '}
          {t('keepStationRows')}
          {stationRows > 0 && ` (${formatNumber(language, stationRows)})`}
        </label>
      )}
      {(operatorValues.length > 0 || mastTypeValues.length > 0) && (
        <details open data-testid="value-mapping">
          <summary>{t('valuesInFile')}</summary>
          <table className="results mapping">
            <thead>
              <tr>
                <th>{t('field')}</th>
                <th>{t('value')}</th>
                <th>{t('rowsWord')}</th>
                <th>{t('means')}</th>
              </tr>
            </thead>
            <tbody>
              {operatorValues.slice(0, 50).map((entry) => {
                const chosen = state.valueMapping.operator?.[entry.key];
                const proposed = resolveOperatorName(entry.value);
                const value = chosen ?? (proposed.known ? proposed.name : '');
                return (
                  <tr key={`op-${entry.key}`}>
                    <td>{fieldLabel('operator', language)}</td>
                    <td>{entry.value}</td>
                    <td>{formatNumber(language, entry.count)}</td>
                    <td>
                      <select
                        value={value}
                        data-testid={`value-operator-${entry.key}`}
                        onChange={(event) =>
                          void updateMapping({
                            valueMapping: {
                              ...state.valueMapping,
                              operator: { ...state.valueMapping.operator, [entry.key]: event.target.value },
                            },
                          })
                        }
                      >
                        <option value="">{t('keptAsWritten')}</option>
                        {OPERATORS.map((operator) => (
                          <option key={operator.name} value={operator.name}>
                            {operator.fullName} ({operator.mccMnc})
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
              {mastTypeValues.slice(0, 50).map((entry) => {
                const chosen = state.valueMapping.mast_type?.[entry.key];
                const proposal = proposeMastType(entry.value);
                const value = chosen ?? proposal?.choice ?? 'unknown';
                return (
                  <tr key={`mt-${entry.key}`}>
                    <td>{fieldLabel('mast_type', language)}</td>
                    <td>{entry.value}</td>
                    <td>{formatNumber(language, entry.count)}</td>
                    <td>
                      <select
                        value={value}
                        data-testid={`value-mast_type-${entry.key}`}
                        onChange={(event) =>
                          void updateMapping({
                            valueMapping: {
                              ...state.valueMapping,
                              mast_type: {
                                ...state.valueMapping.mast_type,
                                [entry.key]: event.target.value as MastTypeChoice,
                              },
                            },
                          })
                        }
                      >
                        {MAST_TYPE_CHOICES.map((choice) => (
                          <option key={choice} value={choice}>
                            {t(MAST_TYPE_LABELS[choice])}
                          </option>
                        ))}
                      </select>
                      {!chosen && proposal && <span className="note"> {Math.round(proposal.confidence * 100)}%</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </details>
      )}
      {fileNotes.length > 0 && (
        <div className="note" data-testid="import-file-notes">
          {fileNotes.map((note) => (
            <div key={note.reason}>{describeInputProblem(note, language)}</div>
          ))}
        </div>
      )}
      {problems.length > 0 && (
        <>
          <ProblemList problems={problems} limit={LISTED_PROBLEMS} testId="import-problems" />
          {(read.rejectedCount > result.rejected.length || problems.length > LISTED_PROBLEMS) && (
            <p className="note">
              {t('problemsListed')}: {formatNumber(language, Math.min(problems.length, LISTED_PROBLEMS))} ·{' '}
              {t('problemsInCsv')}: {formatNumber(language, problems.length)} · {t('rejectedRows')}:{' '}
              {formatNumber(language, read.rejectedCount)}
            </p>
          )}
          <button type="button" onClick={download} data-testid="download-problems">
            {t('downloadProblems')}
          </button>
        </>
      )}
      {state.stage !== 'done' && (
        <fieldset className="merge-modes" data-testid="merge-modes">
          <legend>{t('mergeHow')}</legend>
          {TOWER_MERGE_MODES.map((mode) => (
            <label key={mode} className="check">
              <input
                type="radio"
                name="merge-mode"
                value={mode}
                checked={state.mode === mode}
                onChange={() => setMergeMode(mode)}
                data-testid={`merge-${mode}`}
              />{' '}
              {t(MODE_LABELS[mode])}
              {mode === 'replaceOperator' && diffs[mode].operators.length > 0
                ? ` (${diffs[mode].operators.join(', ')})`
                : ''}
            </label>
          ))}
          <p className="note" data-testid="merge-diff">
            {t('diffAdded')} {formatNumber(language, diff.added)} · {t('diffChanged')}{' '}
            {formatNumber(language, diff.changed)} · {t('diffRemoved')} {formatNumber(language, diff.removed)} ·{' '}
            {t('diffUnchanged')} {formatNumber(language, diff.unchanged)} · {t('diffSkipped')}{' '}
            {formatNumber(language, diff.skipped)}
          </p>
          {needsRemovalConfirmation(state) && (
            <label className="check warning" data-testid="removals-warning">
              <input
                type="checkbox"
                checked={state.removalsConfirmed}
                onChange={(event) => confirmRemovals(event.target.checked)}
                data-testid="confirm-removals"
              />{' '}
              {translateWith(language, 'confirmRemovals', {
                removed: formatNumber(language, diff.removed),
                operators: diff.operators.join(', '),
                rows: formatNumber(language, read.acceptedCount),
              })}
              {diff.removedShared > 0 &&
                ` ${translateWith(language, 'confirmRemovalsShared', { shared: formatNumber(language, diff.removedShared) })}`}
            </label>
          )}
        </fieldset>
      )}
      {state.server.status === 'saving' && <p className="note">{t('serverSaving')}</p>}
      {state.server.status === 'failed' && (
        // The server refused: nothing was applied (the map shows the server's masts as before); the review stays.
        <div data-testid="import-server-error">
          <RefusalNote error={state.server.error} action="importMasts" />
          <p className="note">{t('importNotApplied')}</p>
        </div>
      )}
      {state.stage === 'done' && state.applied && (
        <div data-testid="import-applied">
          <p>
            {t('importApplied')}: <strong>{formatNumber(language, state.applied.total)}</strong>.{' '}
            {state.server.status === 'none' && t('keptInBrowser')}
          </p>
          {state.server.status === 'saved' && (
            <p className="note" data-testid="import-server-saved">
              {t('serverSaved')}: {savedCounts(state.server.counts, language)}
            </p>
          )}
          {(state.server.foreignTenantsIgnored ?? 0) > 0 && (
            <p className="note" data-testid="import-foreign-tenants">
              {translateWith(language, 'foreignTenantsIgnored', {
                count: formatNumber(language, state.server.foreignTenantsIgnored ?? 0),
              })}
            </p>
          )}
          {(state.server.keptCommitted?.length ?? 0) > 0 && (
            <p className="note" data-testid="import-kept-committed">
              {translateWith(language, 'keptCommitted', {
                count: formatNumber(language, state.server.keptCommitted?.length ?? 0),
                ids: (state.server.keptCommitted ?? []).slice(0, 10).join(', '),
              })}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/** Preview cells longer than this are cut (a KML description's whole HTML would push the other columns away). */
const PREVIEW_CELL_CHARS = 60;

/** One preview cell: the text, cut with an ellipsis past PREVIEW_CELL_CHARS, in full on hover. */
function PreviewCell({ text }: { text: string }) {
  if (text.length <= PREVIEW_CELL_CHARS) return <td>{text}</td>;
  return <td title={text}>{`${text.slice(0, PREVIEW_CELL_CHARS)}…`}</td>;
}

/** The server's counts as "+100.000 / ~0 / =0 / -2.318 (kept ids)", in the UI's number format. */
function savedCounts(
  counts: { inserted: number; updated: number; unchanged: number; removed: number; kept: string[] } | undefined,
  language: Language,
): string {
  if (!counts) return '';
  const n = (value: number) => formatNumber(language, value);
  const kept = counts.kept.length > 0 ? ` (${counts.kept.join(', ')})` : '';
  return `+${n(counts.inserted)} / ~${n(counts.updated)} / =${n(counts.unchanged)} / -${n(counts.removed)}${kept}`;
}

/**
 * Whether the header line says "decimal comma": the file reads a comma in a number as a decimal one (not in
 * comma-separated files) and the first rows hold such a number as text ("16,05"). A workbook of numbers, or a
 * semicolon file written with points, has none to speak of.
 */
function showsDecimalComma(preview: TablePreview): boolean {
  if (!preview.decimalComma || preview.geometryFromFile) return false;
  return preview.rows.some((row) =>
    row.some((value) => typeof value === 'string' && /^\s*[+-]?\d+,\d+\s*$/.test(value)),
  );
}
