import type { InputProblem } from '../../core/model/tower';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store/appStore';
import { describeInputProblem, fieldLabel } from './describeInputProblem';

/**
 * Rows of a file that were rejected or kept with a warning, each with its line in the file (as a spreadsheet numbers
 * it; the record's number where the file has no lines, a GeoJSON feature), field and reason in the UI's language: the first `limit` of them (the caller says how many there are in all).
 */
export function ProblemList({
  problems,
  limit,
  testId,
}: {
  problems: ReadonlyArray<{ problem: InputProblem; rejected: boolean }>;
  limit: number;
  testId: string;
}) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  return (
    <ul className="problems" data-testid={testId}>
      {problems.slice(0, limit).map(({ problem, rejected }) => (
        <li
          // The reason too: a row may hold two warnings of one kind (two unknown tenants), which row, field and code
          // alone do not tell apart.
          key={`${rejected ? 'r' : 'w'}-${problem.row}-${problem.field ?? ''}-${problem.code ?? ''}-${problem.reason}`}
          className={rejected ? 'rejected' : 'note'}
          data-kind={rejected ? 'rejected' : 'warning'}
        >
          {/* A table's line; a GeoJSON, KML or shapefile has features (placemarks), numbered in file order. */}
          {problem.line !== undefined ? t('row') : t('featureNumber')} {problem.line ?? problem.row}
          {problem.field ? ` (${fieldLabel(problem.field, language)})` : ''}: {describeInputProblem(problem, language)}
        </li>
      ))}
    </ul>
  );
}
