import { listCrs } from '../../core/crs/crsDefinitions';
import { TOWER_FIELDS, type TowerField } from '../../core/io/towerFields';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store/appStore';
import { cancelImport, closeImport, confirmImport, updateMapping, useImportStore } from './importStore';

const CRS_CHOICES = listCrs();

/**
 * Import preview: the file's first rows, the proposed column for each field (with how sure it is), the coordinate
 * system and what looks wrong with the coordinates, confirmed by the user before anything is imported. Values from the
 * file are shown as text only.
 */
export function ImportDialog() {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const state = useImportStore();
  if (state.stage === 'closed') return null;
  const preview = state.preview?.preview;
  const proposal = state.preview?.proposal;
  const confidenceOf = (field: TowerField) => proposal?.proposals.find((entry) => entry.field === field);
  const required = new Set<TowerField>(['id', 'operator', 'lon', 'lat']);
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
            {state.error}
          </p>
        )}
        {preview && (
          <>
            <p className="note">
              {preview.format.toUpperCase()}
              {preview.encoding ? ` · ${preview.encoding}` : ''}
              {preview.delimiter
                ? ` · ${t('delimiter')} "${preview.delimiter === '\t' ? 'TAB' : preview.delimiter}"`
                : ''}
              {preview.decimalComma ? ` · ${t('decimalComma')}` : ''}
            </p>
            {preview.warnings.map((warning) => (
              <p key={warning} className="warning">
                {warning}
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
                          {field}
                          {required.has(field) ? ' *' : ''}
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
                        <td title={proposalEntry?.reason ?? ''}>
                          {proposalEntry ? `${Math.round(proposalEntry.confidence * 100)}%` : ''}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {proposal?.notes.map((note) => (
              <p key={note} className="note">
                {note}
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
                    {crs.code} — {crs.name}
                  </option>
                ))}
              </select>
            </label>
            {state.coordinates && state.coordinates.messages.length > 0 && (
              <div className="warning" data-testid="coordinate-problems">
                {state.coordinates.messages.map((line) => (
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
                        <td key={header}>{String(row[column] ?? '')}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {state.stage === 'importing' && (
          <div className="progress-row">
            <progress value={state.progress} max={1} data-testid="import-progress" />
            <button type="button" onClick={cancelImport}>
              {t('cancel')}
            </button>
          </div>
        )}
        {state.stage === 'done' && (
          <div data-testid="import-result">
            <p>
              <strong data-testid="import-accepted">{formatNumber(language, state.accepted)}</strong>{' '}
              {t('rowsAccepted')},{' '}
              <strong data-testid="import-rejected">{formatNumber(language, state.rejected.length)}</strong>{' '}
              {t('rejectedRows')}
            </p>
            <ul className="problems">
              {state.rejected.slice(0, 50).map((problem) => (
                <li key={`${problem.row}-${problem.field ?? ''}`}>
                  {t('row')} {problem.row}
                  {problem.field ? ` (${problem.field})` : ''}: {problem.reason}
                </li>
              ))}
              {state.warnings.slice(0, 20).map((problem) => (
                <li key={`w-${problem.row}-${problem.field ?? ''}`} className="note">
                  {t('row')} {problem.row}: {problem.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="buttons">
          {state.stage === 'mapping' && (
            <button
              type="button"
              onClick={() => void confirmImport()}
              disabled={missingRequired.length > 0}
              data-testid="confirm-import"
            >
              {t('importConfirm')}
            </button>
          )}
          <button type="button" onClick={closeImport} data-testid="close-import">
            {state.stage === 'done' ? t('close') : t('cancel')}
          </button>
        </div>
        {missingRequired.length > 0 && (
          <p className="warning">
            {t('missingColumns')}: {missingRequired.join(', ')}
          </p>
        )}
      </div>
    </div>
  );
}
