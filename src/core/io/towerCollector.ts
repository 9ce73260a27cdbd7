import { haversineDistanceM } from '../geo/haversineDistanceM';
import type { InputProblem, Tower } from '../model/tower';
import type { BuildTowerOutcome, FieldProblem, RawTowerValues } from './buildTower';
import { categoricalValueKey } from './classifyMastType';
import type { CategoricalValueCount, TowerParseResult } from './towerParseResult';

/** Rows of one site id within this distance of the site, with the same operator, are its further sectors (cells). */
export const SECTOR_ROW_MAX_DISTANCE_M = 30;
/**
 * Rows of one operator with other ids within this distance of a mast listed before are further stations of that mast
 * (an operator's station list: one row per 2G/3G/4G/5G station, or per cell, each with its own code, at one site).
 * Positions retyped or rounded stay within it; two masts of one operator so close are not built (spacing rules ask
 * 150-300 m).
 */
export const STATION_ROW_MAX_DISTANCE_M = 5;
/** Cell of the grid that finds a row's neighbours: 0.0001° (about 11 m), so a 3 x 3 block covers 5 m. */
const STATION_GRID_DEG = 1e-4;
/** Rows of one operator at one place, at most, that can be one site's stations (2G/3G/4G/5G, three sectors each). */
export const MAX_STATIONS_PER_SITE = 12;
/** Merged stations named in the note, at most. */
const STATION_EXAMPLES = 5;
/** Distinct words kept per categorical field for the value mapping. */
const MAX_DISTINCT_VALUES = 500;
/** Raw records of problem rows kept for the "fix and import again" file. */
const MAX_PROBLEM_RECORDS = 200_000;

/**
 * Collects the outcome of each record of a tower file: accepted towers, rejected rows with all their reasons, warnings;
 * a repeated id is either a further sector of the same site (a cell list: one row per sector with its azimuth, tilt
 * or band, same operator and position) merged into it, or a duplicate rejected. Also counts rows per CRS read and the distinct words of the
 * categorical fields (operator, mast type) over the whole file.
 */
export class TowerCollector {
  readonly towers: Tower[] = [];
  readonly rejected: InputProblem[] = [];
  readonly warnings: InputProblem[] = [];
  private readonly indexById = new Map<string, number>();
  private readonly rowById = new Map<string, number>();
  private readonly lineById = new Map<string, number>();
  private sectorRows = 0;
  private readonly crsRows = { wgs84: 0, projected: 0 };
  private readonly distinct = {
    operator: new Map<string, CategoricalValueCount>(),
    mast_type: new Map<string, CategoricalValueCount>(),
  };
  private readonly problemRecords: { row: number; values: string[] }[] = [];

  /** `ownOperator`: an operator account's import; the other operators' rows keep their cells (see TowerReadOptions). */
  /** `keepStationRows`: no row is merged into another id's mast (see TowerReadOptions). */
  constructor(
    private readonly ownOperator?: string,
    private readonly keepStationRows = false,
  ) {}

  /** Whether the id was accepted before (the reader then knows the row is a sector or a duplicate). */
  has(id: string): boolean {
    return this.indexById.has(id);
  }

  add(
    outcome: BuildTowerOutcome,
    values: RawTowerValues,
    row: number,
    line?: number,
    record?: readonly unknown[],
  ): void {
    this.countWord('operator', values.operator);
    this.countWord('mast_type', values.mast_type);
    const at = line === undefined ? {} : { line };
    const tower = outcome.tower;
    let problems = outcome.problems;
    if (tower) {
      const index = this.indexById.get(tower.id);
      if (index !== undefined) {
        const site = this.towers[index];
        if (
          isSectorRow(tower) &&
          site.operator === tower.operator &&
          haversineDistanceM(site.lon, site.lat, tower.lon, tower.lat) <= SECTOR_ROW_MAX_DISTANCE_M
        ) {
          this.towers[index] = mergeSector(site, tower);
          this.sectorRows++;
          this.crsRows[outcome.crs]++;
          for (const warning of outcome.warnings) this.warnings.push({ row, ...at, ...warning });
          if (outcome.warnings.length > 0) this.keepRecord(row, record);
          return;
        }
        const firstRow = this.rowById.get(tower.id);
        const firstLine = this.lineById.get(tower.id);
        problems = [
          {
            field: 'id',
            reason: `id '${tower.id}' duplicates the tower accepted at row ${firstRow}`,
            code: 'duplicateId',
            params: { id: tower.id, row: firstRow ?? 0, ...(firstLine === undefined ? {} : { line: firstLine }) },
          },
        ];
      } else {
        this.indexById.set(tower.id, this.towers.length);
        this.rowById.set(tower.id, row);
        if (line !== undefined) this.lineById.set(tower.id, line);
        this.towers.push(tower);
        this.crsRows[outcome.crs]++;
        for (const warning of outcome.warnings) this.warnings.push({ row, ...at, ...warning });
        const othersRow = this.ownOperator !== undefined && tower.operator !== this.ownOperator;
        if (outcome.warnings.length > 0 || othersRow) this.keepRecord(row, record);
        return;
      }
    }
    this.rejected.push(rejection(row, at, problems));
    this.keepRecord(row, record);
  }

  /** A record rejected before any field was read (quotes, field count, geometry). */
  reject(
    row: number,
    line: number | undefined,
    reason: string,
    field?: string,
    record?: readonly unknown[],
    code?: string,
    params?: Record<string, string | number>,
  ): void {
    const entry: InputProblem = { row, reason };
    if (line !== undefined) entry.line = line;
    if (field !== undefined) entry.field = field;
    if (code !== undefined) entry.code = code;
    if (params !== undefined) entry.params = params;
    this.rejected.push(entry);
    this.keepRecord(row, record);
  }

  /** The result so far, with the sector and CRS counts and the distinct words (the reader adds its coordinate report). */
  result(header?: readonly string[]): TowerParseResult {
    const stations = this.keepStationRows ? null : this.mergeStations();
    const result: TowerParseResult = {
      towers: this.towers,
      towerRows: this.towers.map((tower) => this.rowById.get(tower.id) ?? 0),
      ...(this.lineById.size === this.towers.length && this.towers.length > 0
        ? { towerLines: this.towers.map((tower) => this.lineById.get(tower.id) ?? 0) }
        : {}),
      rejected: this.rejected,
      warnings: this.warnings,
    };
    if (this.sectorRows > 0) {
      result.sectorRowsMerged = this.sectorRows;
      this.warnings.push({
        row: 0,
        reason:
          `${this.sectorRows} row(s) were further sectors of a site listed before (same id and operator, within ` +
          `${SECTOR_ROW_MAX_DISTANCE_M} m): merged into their site (azimuths, tilts and bands added)`,
        code: 'sectorRowsMerged',
        params: { count: this.sectorRows, distanceM: SECTOR_ROW_MAX_DISTANCE_M },
      });
    }
    if (stations && stations.merged.length > 0) {
      const merged = stations.merged;
      result.stationRowsMerged = merged.length;
      const shown = merged.slice(0, STATION_EXAMPLES);
      const examples = shown
        .map(({ id, line, siteId }) => `${id}${line === undefined ? '' : ` (line ${line})`} → ${siteId}`)
        .join(', ');
      const more = merged.length > STATION_EXAMPLES ? ', …' : '';
      this.warnings.push({
        row: 0,
        reason:
          `${merged.length} row(s) were further stations of a mast listed before (same operator, another ` +
          `code, within ${STATION_ROW_MAX_DISTANCE_M} m): merged into that mast as one site (technologies, sectors ` +
          `and bands added): ${examples}${more}`,
        code: 'stationRowsMerged',
        // The examples as lists (one entry per line of text), for the UI to word in its language.
        params: {
          count: merged.length,
          distanceM: STATION_ROW_MAX_DISTANCE_M,
          ids: shown.map((station) => station.id).join('\n'),
          lines: shown.map((station) => (station.line === undefined ? '' : String(station.line))).join('\n'),
          sites: shown.map((station) => station.siteId).join('\n'),
          more: merged.length > STATION_EXAMPLES ? 1 : 0,
        },
      });
    }
    if (stations && stations.crowded.rows > 0) {
      const { rows, places } = stations.crowded;
      this.warnings.push({
        row: 0,
        reason:
          `${rows} row(s) of one operator stand at ${places} place(s) with more than ${MAX_STATIONS_PER_SITE} of them ` +
          `within ${STATION_ROW_MAX_DISTANCE_M} m: too many for the stations of one site (approximate positions, ` +
          "such as a commune's centre?): kept as masts of their own",
        code: 'crowdedStationRows',
        params: { count: rows, places, max: MAX_STATIONS_PER_SITE, distanceM: STATION_ROW_MAX_DISTANCE_M },
      });
    }
    const counted = this.towers.filter((tower) => tower.tenantCount !== undefined).length;
    if (counted > 0) {
      this.warnings.push({
        row: 0,
        field: 'tenants',
        reason:
          `${counted} mast(s) give the number of tenants, not their names: they count as shared when the number is ` +
          '2 or more, and figures per operator (masts, coverage) count their owner only',
        code: 'tenantCounts',
        params: { count: counted },
      });
    }
    result.crsCounts = { ...this.crsRows };
    result.categoricalValues = {
      operator: [...this.distinct.operator.values()].sort((a, b) => b.count - a.count),
      mast_type: [...this.distinct.mast_type.values()].sort((a, b) => b.count - a.count),
    };
    if (header && this.problemRecords.length > 0) {
      result.problemRecords = { header: [...header], rows: this.problemRecords };
    }
    return result;
  }

  /**
   * Merges the further stations of one mast: each mast, in file order, joins the first mast listed before it of the
   * same operator within STATION_ROW_MAX_DISTANCE_M (found through a grid of STATION_GRID_DEG cells). A place that
   * gathers more than MAX_STATIONS_PER_SITE rows is not one site's stations: its rows stay masts of their own.
   * Returns the stations merged (in file order) and the rows kept apart for crowding.
   */
  private mergeStations(): {
    merged: { id: string; line: number | undefined; siteId: string }[];
    crowded: { rows: number; places: number };
  } {
    const grid = new Map<string, number[]>();
    const key = (operator: string, column: number, row: number) => `${operator}|${column}|${row}`;
    /** For each mast, the index of the site it joins (itself for a site). */
    const siteOf = new Int32Array(this.towers.length);
    const groupSize = new Map<number, number>();
    for (const [index, tower] of this.towers.entries()) {
      const column = Math.floor(tower.lon / STATION_GRID_DEG);
      const row = Math.floor(tower.lat / STATION_GRID_DEG);
      let site = -1;
      for (let dy = -1; dy <= 1 && site < 0; dy++) {
        for (let dx = -1; dx <= 1 && site < 0; dx++) {
          for (const other of grid.get(key(tower.operator, column + dx, row + dy)) ?? []) {
            const candidate = this.towers[other];
            if (haversineDistanceM(candidate.lon, candidate.lat, tower.lon, tower.lat) <= STATION_ROW_MAX_DISTANCE_M) {
              site = other;
              break;
            }
          }
        }
      }
      if (site >= 0) {
        siteOf[index] = site;
        groupSize.set(site, (groupSize.get(site) ?? 1) + 1);
        continue;
      }
      siteOf[index] = index;
      const cell = key(tower.operator, column, row);
      const list = grid.get(cell);
      if (list) list.push(index);
      else grid.set(cell, [index]);
    }
    const merged: { id: string; line: number | undefined; siteId: string }[] = [];
    const crowded = { rows: 0, places: 0 };
    for (const size of groupSize.values()) {
      if (size > MAX_STATIONS_PER_SITE) {
        crowded.rows += size;
        crowded.places++;
      }
    }
    if (groupSize.size === 0) return { merged, crowded };
    const kept: Tower[] = [];
    const keptIndex = new Int32Array(this.towers.length).fill(-1);
    for (const [index, tower] of this.towers.entries()) {
      const site = siteOf[index];
      if (site === index || (groupSize.get(site) ?? 0) > MAX_STATIONS_PER_SITE) {
        keptIndex[index] = kept.length;
        kept.push(tower);
        continue;
      }
      const at = keptIndex[site];
      const siteTower = kept[at];
      kept[at] = mergeSector(siteTower, tower);
      merged.push({ id: tower.id, line: this.lineById.get(tower.id), siteId: siteTower.id });
    }
    // The merged stations' ids now name their site's mast: rows and lines follow the site's.
    for (const station of merged) {
      this.rowById.delete(station.id);
      this.lineById.delete(station.id);
    }
    // In place (the readers hold this array); no spread of 100,000 arguments.
    this.towers.length = 0;
    for (const tower of kept) this.towers.push(tower);
    return { merged, crowded };
  }

  private countWord(field: 'operator' | 'mast_type', value: unknown): void {
    if (typeof value !== 'string' && typeof value !== 'number') return;
    const text = String(value).trim();
    if (text === '') return;
    const key = categoricalValueKey(text);
    const map = this.distinct[field];
    const known = map.get(key);
    if (known) known.count++;
    else if (map.size < MAX_DISTINCT_VALUES) map.set(key, { key, value: text, count: 1 });
  }

  private keepRecord(row: number, record: readonly unknown[] | undefined): void {
    if (!record || this.problemRecords.length >= MAX_PROBLEM_RECORDS) return;
    this.problemRecords.push({
      row,
      values: record.map((value) => (value === null || value === undefined ? '' : String(value))),
    });
  }
}

function rejection(row: number, at: { line?: number }, problems: readonly FieldProblem[]): InputProblem {
  const first = problems[0];
  const entry: InputProblem = { row, ...at, field: first.field, reason: problems.map((p) => p.reason).join('; ') };
  if (first.code) entry.code = first.code;
  if (first.params) entry.params = first.params;
  if (problems.length > 1)
    entry.more = problems.slice(1).map(({ field, reason, code, params }) => ({ field, reason, code, params }));
  return entry;
}

/** A row that describes a sector (cell) of a site: it carries an azimuth, a tilt or a band. */
const isSectorRow = (tower: Tower) =>
  tower.azimuthsDeg !== undefined || tower.tiltsDeg !== undefined || tower.bands !== undefined;

const union = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined): T[] | undefined =>
  a === undefined && b === undefined ? undefined : [...new Set([...(a ?? []), ...(b ?? [])])];

/** A site with one more sector row: its azimuths, tilts, bands, tenants and 5G tenants added; the taller height kept. */
function mergeSector(site: Tower, sector: Tower): Tower {
  const merged: Tower = { ...site, tenants: union(site.tenants, sector.tenants) ?? [] };
  const azimuths = union(site.azimuthsDeg, sector.azimuthsDeg);
  if (azimuths) merged.azimuthsDeg = azimuths;
  const tilts = union(site.tiltsDeg, sector.tiltsDeg);
  if (tilts) merged.tiltsDeg = tilts;
  const bands = union(site.bands, sector.bands);
  if (bands) merged.bands = bands;
  const tenants5g = union(site.tenants5g, sector.tenants5g);
  if (tenants5g) merged.tenants5g = tenants5g;
  if (sector.heightM !== null && (site.heightM === null || sector.heightM > site.heightM))
    merged.heightM = sector.heightM;
  if (sector.radiusM !== null && (site.radiusM === null || sector.radiusM > site.radiusM))
    merged.radiusM = sector.radiusM;
  if (site.mastType === null && sector.mastType !== null) merged.mastType = sector.mastType;
  if (sector.has4g === true || site.has4g === true) merged.has4g = true;
  if (sector.tenantCount !== undefined) merged.tenantCount = Math.max(site.tenantCount ?? 0, sector.tenantCount);
  return merged;
}
