import { type CrsDefinition, resolveCrs } from '../crs/crsDefinitions';
import { detectCoordinateProblemsInColumns } from '../crs/detectCoordinateProblems';
import { createToWgs84, type PointTransform } from '../crs/transformToWgs84';
import type { WordedMessage } from '../model/wordedMessage';
import { type AppliedColumns, applyColumnMapping } from './applyColumnMapping';
import { buildTower, ListInterner, type RawTowerValues } from './buildTower';
import { parseDecimal } from './parseDecimal';
import { parseDegreesMinutesSeconds } from './parseDegreesMinutesSeconds';
import { shortColumnList } from './shortColumnList';
import { TowerCollector } from './towerCollector';
import type { TowerField } from './towerFields';
import { TowerFileError } from './towerFileError';
import type { TowerParseResult } from './towerParseResult';
import type { TowerReadOptions } from './towerReadOptions';

/**
 * The tower reader shared by tables (CSV chunks, spreadsheet rows): the header resolves the columns once, then each
 * record is accepted or rejected with its number and line. Also collects the raw coordinate pairs, in flat arrays, for
 * the file-level coordinate report.
 */
export class TowerTableReader {
  private readonly collector: TowerCollector;
  private readonly lists = new ListInterner();
  private readonly columns: AppliedColumns;
  private readonly fieldEntries: [TowerField, number][];
  private readonly crs: CrsDefinition;
  private readonly toLonLat: PointTransform | undefined;
  private coordinateCount = 0;
  private coordinateRows = new Int32Array(1024);
  private coordinateX = new Float64Array(1024);
  private coordinateY = new Float64Array(1024);
  /** Lines of the sheet's totals rows ("Tổng cộng", "Số trạm: 15"), left out and named in a note. */
  private readonly summaryLines: number[] = [];

  /** Throws TowerFileError when required columns are missing (or the mapping names a column that is not there). */
  constructor(
    private readonly names: readonly string[],
    headerLine: number | undefined,
    private readonly options: TowerReadOptions & { decimalComma: boolean },
  ) {
    this.collector = new TowerCollector(options.ownOperator, options.keepStationRows);
    this.crs =
      options.crs === undefined
        ? resolveCrs('EPSG:4326')
        : typeof options.crs === 'string'
          ? resolveCrs(options.crs)
          : options.crs;
    this.toLonLat = this.crs.code === 'EPSG:4326' ? undefined : createToWgs84(this.crs);
    this.columns = applyColumnMapping(names, options.columns, this.crs);
    // An operator account's list needs no operator column: every row is the account's own.
    const ownList = options.ownOperator !== undefined && this.columns.indexByField.operator === undefined;
    const missing = this.columns.missing.filter((field) => !(ownList && field === 'operator'));
    if (missing.length > 0) throw missingColumnsError(missing, names);
    const at = headerLine === undefined ? {} : { line: headerLine };
    const warnings = this.collector.warnings;
    if (ownList) {
      warnings.push({
        row: 0,
        ...at,
        reason: `no operator column: every row is taken as ${options.ownOperator}'s own (the account's operator)`,
        code: 'operatorFromAccount',
        params: { operator: options.ownOperator ?? '' },
      });
    }
    for (const note of this.columns.notes) warnings.push({ row: 0, ...at, ...note });
    const unused = unusedColumnsNote(names, this.columns.unusedIndices);
    if (unused) warnings.push({ row: 0, ...at, ...unused });
    this.fieldEntries = Object.entries(this.columns.indexByField) as [TowerField, number][];
  }

  get fieldCount(): number {
    return this.names.length;
  }

  /** A record that cannot be split into fields (quotes, field count): rejected with that reason. */
  rejectRecord(
    row: number,
    line: number | undefined,
    reason: string,
    record?: readonly unknown[],
    code?: string,
    params?: Record<string, string | number>,
  ): void {
    this.collector.reject(row, line, reason, undefined, record, code, params);
  }

  addRecord(record: readonly unknown[], row: number, line?: number): void {
    const values: RawTowerValues = {};
    for (const [field, index] of this.fieldEntries) values[field] = record[index];
    if (isSummaryRow(values, record)) {
      this.summaryLines.push(line ?? row);
      return;
    }
    const crossChecks = (this.columns.alternateIndicesByField.operator ?? []).map((index) => ({
      column: this.names[index].trim(),
      value: record[index],
    }));
    const outcome = buildTower(
      values,
      {
        decimalComma: this.options.decimalComma,
        toLonLat: this.toLonLat,
        crsName: this.crs.code,
        lists: this.lists,
        keepOutsideVietnam: this.options.keepOutsideVietnam,
        mastTypeValues: this.options.valueMapping?.mast_type,
        operatorValues: this.options.valueMapping?.operator,
        defaultOperator: this.options.ownOperator,
      },
      crossChecks,
    );
    // The coordinate report looks at raw values: an accepted WGS 84 tower already has them parsed. Its examples name
    // the file's line where the reader knows it, as the problems do.
    const place = line ?? row;
    if (outcome.tower && outcome.crs === 'wgs84') this.pushCoordinate(outcome.tower.lon, outcome.tower.lat, place);
    else if (this.toLonLat !== undefined || !outcome.tower) this.collectCoordinates(values.lon, values.lat, place);
    this.collector.add(outcome, values, row, line, record);
  }

  result(): TowerParseResult {
    const report = detectCoordinateProblemsInColumns(
      this.coordinateCount,
      this.coordinateRows,
      this.coordinateX,
      this.coordinateY,
      { crs: this.crs, areaPolygons: this.options.areaPolygons, areaName: this.options.areaName },
    );
    const result = this.collector.result(this.names);
    if (report.messages.length > 0) result.coordinateReport = report;
    if (this.summaryLines.length > 0) {
      const lines = this.summaryLines.join(', ');
      result.warnings.push({
        row: 0,
        reason: `${this.summaryLines.length} totals row(s) without a position left out (line(s) ${lines})`,
        code: 'summaryRows',
        params: { count: this.summaryLines.length, lines },
      });
    }
    return result;
  }

  private collectCoordinates(xValue: unknown, yValue: unknown, row: number): void {
    const read = (value: unknown) =>
      typeof value === 'number'
        ? value
        : (parseDecimal(String(value ?? ''), this.options.decimalComma) ??
          parseDegreesMinutesSeconds(String(value ?? '')));
    const x = read(xValue);
    const y = read(yValue);
    if (x === null || y === null) return;
    this.pushCoordinate(x, y, row);
  }

  private pushCoordinate(x: number, y: number, row: number): void {
    if (this.coordinateCount === this.coordinateRows.length) {
      const grow = <T extends Int32Array | Float64Array>(array: T, make: (n: number) => T) => {
        const bigger = make(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      this.coordinateRows = grow(this.coordinateRows, (n) => new Int32Array(n));
      this.coordinateX = grow(this.coordinateX, (n) => new Float64Array(n));
      this.coordinateY = grow(this.coordinateY, (n) => new Float64Array(n));
    }
    this.coordinateRows[this.coordinateCount] = row;
    this.coordinateX[this.coordinateCount] = x;
    this.coordinateY[this.coordinateCount] = y;
    this.coordinateCount++;
  }
}

/** What a sheet's totals row starts with, diacritics and case aside. */
const SUMMARY_WORDS = /^(tong|tong cong|cong|total|totals|sum|so tram|so luong|so cot)\b/;

/**
 * A totals row under a table ("Tổng cộng", "Số trạm: 15"): no position at all, and its first filled cell starts with
 * a totals word. A station row always has a position, so nothing else is taken for one.
 */
function isSummaryRow(values: RawTowerValues, record: readonly unknown[]): boolean {
  const blank = (value: unknown) => value === undefined || value === null || String(value).trim() === '';
  if (!blank(values.lon) || !blank(values.lat)) return false;
  const first = record.find((value) => !blank(value));
  if (first === undefined || typeof first !== 'string') return false;
  const key = first
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .trim();
  return SUMMARY_WORDS.test(key);
}

export function missingColumnsError(missing: readonly string[], found: readonly string[]): TowerFileError {
  const foundList = found.map((name) => name.trim()).filter((name) => name !== '');
  const numeric = foundList.filter((name) => /^[+-]?\d+([.,]\d+)?$/.test(name)).length;
  const noHeader = numeric >= 2 ? ' — the first line holds data, not a header row' : '';
  const foundText = shortColumnList(foundList);
  return new TowerFileError(`missing column(s) ${missing.join(', ')} (found: ${foundText || 'nothing'})${noHeader}`, {
    code: 'missingColumns',
    params: { missing: missing.join(', '), found: foundText, noHeader: noHeader ? 1 : 0 },
  });
}

/** The note naming the columns no field uses (code `unusedColumns`; unnamed ones by number), or null. */
export function unusedColumnsNote(names: readonly string[], unusedIndices: readonly number[]): WordedMessage | null {
  if (unusedIndices.length === 0) return null;
  const named = unusedIndices.map((i) => names[i].trim() || `column ${i + 1} (no name)`);
  return {
    reason: `column(s) not used: ${shortColumnList(named)}`,
    code: 'unusedColumns',
    params: { names: shortColumnList(unusedIndices.map((i) => names[i].trim() || `#${i + 1}`)) },
  };
}
