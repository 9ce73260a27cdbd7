import { neutralizeFormula } from '../../core/export/neutralizeFormula';
import type { TowerParseResult } from '../../core/io/towerParseResult';
import type { InputProblem } from '../../core/model/tower';
import type { Language } from '../i18n/strings';
import { describeInputProblem } from './describeInputProblem';

const LABELS = {
  vi: { status: 'Tình trạng', row: 'Dòng', problem: 'Vấn đề', rejected: 'bị loại', warning: 'cảnh báo' },
  en: { status: 'Status', row: 'Row', problem: 'Problem', rejected: 'rejected', warning: 'warning' },
};

/**
 * The rows a person has to look at, as a CSV to fix and import again: each rejected or warned row with its original
 * cells (tables) and, in three more columns, whether it was rejected, its record number and every problem in the UI's
 * language. UTF-8 with a BOM for Excel; cells that a spreadsheet would run as a formula are quoted with an apostrophe.
 */
export function buildProblemsCsv(result: TowerParseResult, language: Language, delimiter = ','): string {
  const words = LABELS[language];
  const byRow = new Map<number, { rejected: boolean; problems: InputProblem[] }>();
  const add = (problem: InputProblem, rejected: boolean) => {
    if (problem.row === 0) return;
    const entry = byRow.get(problem.row) ?? { rejected: false, problems: [] };
    entry.rejected ||= rejected;
    entry.problems.push(problem);
    byRow.set(problem.row, entry);
  };
  for (const problem of result.rejected) add(problem, true);
  for (const problem of result.warnings) add(problem, false);
  const records = new Map((result.problemRecords?.rows ?? []).map((record) => [record.row, record.values]));
  // Every row as wide as the widest (a spreadsheet row ends at its last filled cell; a row may also run past the
  // header): the three added columns then stand under their names on every row, and the file reads back as a table.
  const recordHeader = result.problemRecords?.header ?? [];
  const width = Math.max(recordHeader.length, ...[...records.values()].map((values) => values.length));
  const header = Array.from({ length: width }, (_, i) => recordHeader[i] ?? '');
  const lines = [[...header, words.status, words.row, words.problem]];
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const entry = byRow.get(row);
    if (!entry) continue;
    const record = records.get(row) ?? [];
    const values = header.map((_, i) => record[i] ?? '');
    const text = entry.problems.map((problem) => describeInputProblem(problem, language)).join('; ');
    // The line of the file (as a spreadsheet numbers it) where the reader knows it, else the record's number.
    const line = entry.problems.find((problem) => problem.line !== undefined)?.line ?? row;
    lines.push([...values, entry.rejected ? words.rejected : words.warning, String(line), text]);
  }
  return `\uFEFF${lines.map((cells) => cells.map((cell) => csvCell(cell, delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}

function csvCell(value: string, delimiter: string): string {
  // A cell a spreadsheet would run as a formula gets an apostrophe (the exports' one rule).
  const safe = neutralizeFormula(value);
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
