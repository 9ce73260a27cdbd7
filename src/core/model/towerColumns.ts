import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import { mastTypeFromCode, mastTypeToCode } from './mastAttributes';
import type { Tower, TowerSource } from './tower';

/**
 * Towers as columns of typed arrays and a few string tables: what crosses a worker boundary instead of one object per
 * tower. Structured cloning 100,000 Tower objects costs the sender about a second of main thread; these buffers are
 * transferred (or copied with one memcpy each), and the receiver rebuilds the objects (decodeTowerColumns) off the page.
 * Lists (tenants, azimuths, tilts, bands, 5G tenants) are offsets + values; NaN marks a number the tower does not have.
 * Fields this encoder does not know (a newer Tower) travel as they are in `extras`, so nothing is lost.
 */
export interface TowerColumns {
  count: number;
  /** Ids concatenated (one string clones in one copy); id i is ids.slice(idOffsets[i], idOffsets[i + 1]). */
  ids: string;
  idOffsets: Uint32Array;
  /** Operator names: owners, tenants and 5G tenants refer to this table. */
  names: string[];
  ownerCode: Uint16Array;
  lon: Float64Array;
  lat: Float64Array;
  /** NaN: null. */
  heightM: Float64Array;
  /** NaN: null. */
  radiusM: Float64Array;
  /** NaN: absent. */
  radius5gM: Float64Array;
  /** NaN: absent. */
  tenantCount: Float64Array;
  /** 0: null, else 1 + index in MAST_TYPES. */
  mastTypeCode: Uint8Array;
  /** Bits: which optional fields the tower has (FLAG_*); bit HAS_4G_VALUE is has4g's value. */
  flags: Uint8Array;
  tenantOffsets: Uint32Array;
  tenantCodes: Uint16Array;
  tenant5gOffsets: Uint32Array;
  tenant5gCodes: Uint16Array;
  azimuthOffsets: Uint32Array;
  azimuthsDeg: Float64Array;
  tiltOffsets: Uint32Array;
  tiltsDeg: Float64Array;
  bandNames: string[];
  bandOffsets: Uint32Array;
  bandCodes: Uint16Array;
  sources: TowerSource[];
  /** 0: no source, else 1 + index in `sources` (towers of one import share one source object). */
  sourceCode: Uint16Array;
  /** Tower index and the fields of it this encoder does not know. */
  extras: Array<[number, Record<string, unknown>]>;
}

const FLAG_AZIMUTHS = 1;
const FLAG_TILTS = 2;
const FLAG_BANDS = 4;
const FLAG_HAS_4G = 8;
const FLAG_HAS_4G_VALUE = 16;
const FLAG_TENANTS_5G = 32;

const KNOWN_FIELDS = new Set([
  'id',
  'operator',
  'lon',
  'lat',
  'heightM',
  'radiusM',
  'mastType',
  'tenants',
  'azimuthsDeg',
  'tiltsDeg',
  'bands',
  'has4g',
  'tenants5g',
  'radius5gM',
  'tenantCount',
  'source',
]);

/** Every ArrayBuffer of the columns, for Comlink.transfer. */
export function towerColumnBuffers(columns: TowerColumns): ArrayBuffer[] {
  return Object.values(columns)
    .filter((value): value is ArrayBufferView => ArrayBuffer.isView(value))
    .map((view) => view.buffer as ArrayBuffer);
}

/** A copy with its own buffers (a transfer detaches them, so each worker gets its own copy). */
export function copyTowerColumns(columns: TowerColumns): TowerColumns {
  const copy = { ...columns } as Record<string, unknown>;
  for (const [key, value] of Object.entries(columns)) {
    if (ArrayBuffer.isView(value)) copy[key] = (value as Uint8Array).slice();
  }
  return copy as unknown as TowerColumns;
}

class CodeTable {
  readonly names: string[] = [];
  private readonly codes = new Map<string, number>();
  code(name: string): number {
    let code = this.codes.get(name);
    if (code === undefined) {
      code = this.names.length;
      if (code > 0xffff) throw new RangeError('more than 65,536 distinct names in one tower column');
      this.names.push(name);
      this.codes.set(name, code);
    }
    return code;
  }
}

/**
 * Encodes towers as columns, yielding to the event loop every few milliseconds (the page calls it: no task of its own
 * should pass 50 ms). `sliceMs` is the longest stretch of work between yields.
 */
export async function encodeTowerColumns(
  towers: readonly Tower[],
  options: LongCallOptions & { sliceMs?: number } = {},
): Promise<TowerColumns> {
  const checkpoint = createYieldClock(options, options.sliceMs ?? 10);
  const count = towers.length;
  // First pass: the lengths of the lists.
  let tenantTotal = 0;
  let tenant5gTotal = 0;
  let azimuthTotal = 0;
  let tiltTotal = 0;
  let bandTotal = 0;
  for (let i = 0; i < count; i++) {
    if ((i & 1023) === 0) await checkpoint(0.3 * (i / Math.max(1, count)));
    const tower = towers[i];
    tenantTotal += tower.tenants.length;
    tenant5gTotal += tower.tenants5g?.length ?? 0;
    azimuthTotal += tower.azimuthsDeg?.length ?? 0;
    tiltTotal += tower.tiltsDeg?.length ?? 0;
    bandTotal += tower.bands?.length ?? 0;
  }
  const names = new CodeTable();
  const bandNames = new CodeTable();
  const sources: TowerSource[] = [];
  const sourceCodes = new Map<TowerSource, number>();
  const ids: string[] = new Array(count);
  const columns: TowerColumns = {
    count,
    ids: '',
    idOffsets: new Uint32Array(count + 1),
    names: names.names,
    ownerCode: new Uint16Array(count),
    lon: new Float64Array(count),
    lat: new Float64Array(count),
    heightM: new Float64Array(count),
    radiusM: new Float64Array(count),
    radius5gM: new Float64Array(count),
    tenantCount: new Float64Array(count),
    mastTypeCode: new Uint8Array(count),
    flags: new Uint8Array(count),
    tenantOffsets: new Uint32Array(count + 1),
    tenantCodes: new Uint16Array(tenantTotal),
    tenant5gOffsets: new Uint32Array(count + 1),
    tenant5gCodes: new Uint16Array(tenant5gTotal),
    azimuthOffsets: new Uint32Array(count + 1),
    azimuthsDeg: new Float64Array(azimuthTotal),
    tiltOffsets: new Uint32Array(count + 1),
    tiltsDeg: new Float64Array(tiltTotal),
    bandNames: bandNames.names,
    bandOffsets: new Uint32Array(count + 1),
    bandCodes: new Uint16Array(bandTotal),
    sources,
    sourceCode: new Uint16Array(count),
    extras: [],
  };
  let tenantAt = 0;
  let tenant5gAt = 0;
  let azimuthAt = 0;
  let tiltAt = 0;
  let bandAt = 0;
  for (let i = 0; i < count; i++) {
    if ((i & 511) === 0) await checkpoint(0.3 + 0.7 * (i / Math.max(1, count)));
    const tower = towers[i];
    ids[i] = tower.id;
    columns.idOffsets[i + 1] = columns.idOffsets[i] + tower.id.length;
    columns.ownerCode[i] = names.code(tower.operator);
    columns.lon[i] = tower.lon;
    columns.lat[i] = tower.lat;
    columns.heightM[i] = tower.heightM ?? Number.NaN;
    columns.radiusM[i] = tower.radiusM ?? Number.NaN;
    columns.radius5gM[i] = tower.radius5gM ?? Number.NaN;
    columns.tenantCount[i] = tower.tenantCount ?? Number.NaN;
    columns.mastTypeCode[i] = mastTypeToCode(tower.mastType);
    let flags = 0;
    for (const tenant of tower.tenants) columns.tenantCodes[tenantAt++] = names.code(tenant);
    columns.tenantOffsets[i + 1] = tenantAt;
    if (tower.tenants5g) {
      flags |= FLAG_TENANTS_5G;
      for (const tenant of tower.tenants5g) columns.tenant5gCodes[tenant5gAt++] = names.code(tenant);
    }
    columns.tenant5gOffsets[i + 1] = tenant5gAt;
    if (tower.azimuthsDeg) {
      flags |= FLAG_AZIMUTHS;
      for (const value of tower.azimuthsDeg) columns.azimuthsDeg[azimuthAt++] = value;
    }
    columns.azimuthOffsets[i + 1] = azimuthAt;
    if (tower.tiltsDeg) {
      flags |= FLAG_TILTS;
      for (const value of tower.tiltsDeg) columns.tiltsDeg[tiltAt++] = value;
    }
    columns.tiltOffsets[i + 1] = tiltAt;
    if (tower.bands) {
      flags |= FLAG_BANDS;
      for (const band of tower.bands) columns.bandCodes[bandAt++] = bandNames.code(band);
    }
    columns.bandOffsets[i + 1] = bandAt;
    if (tower.has4g !== undefined) flags |= FLAG_HAS_4G | (tower.has4g ? FLAG_HAS_4G_VALUE : 0);
    columns.flags[i] = flags;
    if (tower.source) {
      let code = sourceCodes.get(tower.source);
      if (code === undefined) {
        sources.push(tower.source);
        code = sources.length;
        sourceCodes.set(tower.source, code);
      }
      columns.sourceCode[i] = code;
    }
    let extra: Record<string, unknown> | null = null;
    for (const key in tower) {
      if (KNOWN_FIELDS.has(key)) continue;
      extra ??= {};
      extra[key] = (tower as unknown as Record<string, unknown>)[key];
    }
    if (extra) columns.extras.push([i, extra]);
  }
  columns.ids = ids.join('');
  return columns;
}

/** The towers again, equal to those encoded (optional fields present exactly where they were). */
export function decodeTowerColumns(columns: TowerColumns): Tower[] {
  const towers: Tower[] = new Array(columns.count);
  decodeTowerRange(columns, towers, 0, columns.count);
  for (const [i, extra] of columns.extras) Object.assign(towers[i], extra);
  return towers;
}

/**
 * decodeTowerColumns in slices of `sliceMs` (default 10 ms) between yields to the event loop: for a page that receives
 * columns from a worker and needs the Tower objects without a long task.
 */
export async function decodeTowerColumnsInSlices(
  columns: TowerColumns,
  options: LongCallOptions & { sliceMs?: number } = {},
): Promise<Tower[]> {
  const checkpoint = createYieldClock(options, options.sliceMs ?? 10);
  const towers: Tower[] = new Array(columns.count);
  for (let start = 0; start < columns.count; start += 512) {
    await checkpoint(start / columns.count);
    decodeTowerRange(columns, towers, start, Math.min(columns.count, start + 512));
  }
  for (const [i, extra] of columns.extras) Object.assign(towers[i], extra);
  return towers;
}

function decodeTowerRange(columns: TowerColumns, towers: Tower[], start: number, end: number): void {
  const { names, bandNames } = columns;
  const { ids, idOffsets } = columns;
  const list = <T>(offsets: Uint32Array, values: ArrayLike<number>, i: number, map: (value: number) => T): T[] => {
    const out: T[] = [];
    for (let k = offsets[i]; k < offsets[i + 1]; k++) out.push(map(values[k]));
    return out;
  };
  const name = (code: number) => names[code];
  const same = (value: number) => value;
  for (let i = start; i < end; i++) {
    const flags = columns.flags[i];
    const tower: Tower = {
      id: ids.slice(idOffsets[i], idOffsets[i + 1]),
      operator: names[columns.ownerCode[i]],
      lon: columns.lon[i],
      lat: columns.lat[i],
      heightM: Number.isNaN(columns.heightM[i]) ? null : columns.heightM[i],
      radiusM: Number.isNaN(columns.radiusM[i]) ? null : columns.radiusM[i],
      mastType: mastTypeFromCode(columns.mastTypeCode[i]),
      tenants: list(columns.tenantOffsets, columns.tenantCodes, i, name),
    };
    if (flags & FLAG_AZIMUTHS) tower.azimuthsDeg = list(columns.azimuthOffsets, columns.azimuthsDeg, i, same);
    if (flags & FLAG_TILTS) tower.tiltsDeg = list(columns.tiltOffsets, columns.tiltsDeg, i, same);
    if (flags & FLAG_BANDS) tower.bands = list(columns.bandOffsets, columns.bandCodes, i, (code) => bandNames[code]);
    if (flags & FLAG_HAS_4G) tower.has4g = (flags & FLAG_HAS_4G_VALUE) !== 0;
    if (flags & FLAG_TENANTS_5G) tower.tenants5g = list(columns.tenant5gOffsets, columns.tenant5gCodes, i, name);
    if (!Number.isNaN(columns.radius5gM[i])) tower.radius5gM = columns.radius5gM[i];
    if (!Number.isNaN(columns.tenantCount[i])) tower.tenantCount = columns.tenantCount[i];
    if (columns.sourceCode[i] > 0) tower.source = columns.sources[columns.sourceCode[i] - 1];
    towers[i] = tower;
  }
}
