import { computeFixedRadiusCoverage } from '../coverage/computeFixedRadiusCoverage';
import { createSegmentProximityIndex } from '../geo/segmentProximity';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import { mastHomeRow } from './mastHomeRow';
import { createEmptyPartial } from './readinessPartial';
import type { BandTowers, ReadinessBandRequest, ReadinessPartial } from './readinessTypes';

/** Share of a band's progress the 4G and 5G scans take (the rest: the sums). */
const STAGE_5G_END = 0.85;

/**
 * The partial sums of one band of rows (see ReadinessBandRequest): coverage is the fixed-radius definition of
 * computeFixedRadiusCoverage (a cell is covered when its centre is within the mast's reach, haversine), run once with
 * each mast's 4G operators and reach and once with its 5G operators and reach; then each cell's population goes to its
 * province's sums, and each mast the band counts goes to its province's mast figures.
 */
export async function computeReadinessBand(
  request: ReadinessBandRequest,
  options: LongCallOptions = {},
): Promise<ReadinessPartial> {
  const { grid, rowStart, rowEnd, values, labels, nodata, provinceCount, towers, settings } = request;
  const bandCells = (rowEnd - rowStart) * grid.width;
  if (values.length !== bandCells || labels.length !== bandCells) {
    throw new RangeError(`band rows ${rowStart}-${rowEnd} need ${bandCells} values and labels`);
  }
  const operatorCount = towers.operatorNames.length;
  const slotCount = provinceCount + 1;
  const partial = createEmptyPartial(slotCount, operatorCount);
  const { bits4g, bits5g } = await readinessCoverageBits(request, {
    signal: options.signal,
    onProgress: (fraction) => options.onProgress?.(STAGE_5G_END * fraction),
  });
  const checkpoint = createYieldClock(options);

  // Cells: population per province, covered by any operator and by each.
  const { cells, population, covered4g, covered5g, covered4gByOperator, covered5gByOperator } = partial;
  for (let i = 0; i < bandCells; i++) {
    if ((i & 0xffff) === 0) await checkpoint(STAGE_5G_END + ((1 - STAGE_5G_END) * i) / (2 * bandCells));
    const value = values[i];
    if (Number.isNaN(value) || (nodata !== null && value === nodata)) continue;
    const slot = labels[i] === 0 ? provinceCount : labels[i] - 1;
    cells[slot]++;
    population[slot] += value;
    const b4 = bits4g[i];
    if (b4 !== 0) {
      covered4g[slot] += value;
      for (let k = 0; k < operatorCount; k++) if (b4 & (1 << k)) covered4gByOperator[slot * operatorCount + k] += value;
    }
    const b5 = bits5g[i];
    if (b5 !== 0) {
      covered5g[slot] += value;
      for (let k = 0; k < operatorCount; k++) if (b5 & (1 << k)) covered5gByOperator[slot * operatorCount + k] += value;
    }
  }

  // Masts counted in this band: those whose latitude's row lies in it.
  const backbone =
    request.backboneSegments && request.backboneSegments.length > 0
      ? createSegmentProximityIndex(request.backboneSegments)
      : null;
  for (let t = 0; t < towers.count; t++) {
    if ((t & 1023) === 0) await checkpoint(STAGE_5G_END + ((1 - STAGE_5G_END) * (1 + t / towers.count)) / 2);
    const home = mastHomeRow(grid, towers.lat[t]);
    if (home < rowStart || home >= rowEnd) continue;
    const slot = towers.province[t] < 0 ? provinceCount : towers.province[t];
    const tenantBits = towers.tenantBits[t];
    let tenants = 0;
    for (let bits = tenantBits; bits !== 0; bits &= bits - 1) tenants++;
    partial.masts[slot]++;
    partial.tenancies[slot] += tenants;
    if (tenants >= 2) partial.sharedMasts[slot]++;
    if (towers.bits4g[t] !== 0) partial.mastsWith4g[slot]++;
    if (towers.bits5g[t] !== 0) partial.mastsWith5g[slot]++;
    if (backbone?.withinM(towers.lon[t], towers.lat[t], settings.backboneDistanceM)) partial.mastsNearBackbone[slot]++;
    partial.mastsOwnedByOperator[slot * operatorCount + towers.ownerIndex[t]]++;
    for (let k = 0; k < operatorCount; k++) {
      if (tenantBits & (1 << k)) partial.tenanciesByOperator[slot * operatorCount + k]++;
      if (towers.bits5g[t] & (1 << k)) partial.tenancies5gByOperator[slot * operatorCount + k]++;
    }
  }
  options.onProgress?.(1);
  return partial;
}

/**
 * Which operators cover each cell of the band's rows with 4G and with 5G (bit k: operator k), by the fixed-radius
 * definition of computeFixedRadiusCoverage, run once with each mast's 4G operators and reach and once with its 5G ones.
 */
export async function readinessCoverageBits(
  request: Pick<ReadinessBandRequest, 'grid' | 'rowStart' | 'rowEnd' | 'towers' | 'settings'>,
  options: LongCallOptions = {},
): Promise<{ bits4g: Uint8Array; bits5g: Uint8Array }> {
  const { grid, rowStart, rowEnd, towers, settings } = request;
  const half = (from: number): LongCallOptions => ({
    signal: options.signal,
    onProgress: (fraction) => options.onProgress?.(from + 0.5 * fraction),
  });
  const bits4g = await computeFixedRadiusCoverage(
    {
      grid,
      towers: generationTowers(towers, '4g', settings),
      defaultRadiusM: settings.defaultRadiusM,
      rowStart,
      rowEnd,
    },
    half(0),
  );
  const bits5g = await computeFixedRadiusCoverage(
    {
      grid,
      towers: generationTowers(towers, '5g', settings),
      defaultRadiusM: settings.defaultRadiusM,
      rowStart,
      rowEnd,
    },
    half(0.5),
  );
  options.onProgress?.(1);
  return { bits4g, bits5g };
}

/**
 * The masts running a generation, with that generation's operators as tenant bits and its reach: 4G uses radiusM
 * (NaN: the default, applied by the coverage scan); 5G uses radius5gM, else the 5G factor times the 4G reach.
 */
function generationTowers(towers: BandTowers, generation: '4g' | '5g', settings: ReadinessBandRequest['settings']) {
  const bits = generation === '4g' ? towers.bits4g : towers.bits5g;
  const keep: number[] = [];
  for (let t = 0; t < towers.count; t++) if (bits[t] !== 0) keep.push(t);
  const lon = new Float64Array(keep.length);
  const lat = new Float64Array(keep.length);
  const radiusM = new Float64Array(keep.length);
  const tenantBits = new Uint8Array(keep.length);
  keep.forEach((t, i) => {
    lon[i] = towers.lon[t];
    lat[i] = towers.lat[t];
    tenantBits[i] = bits[t];
    if (generation === '4g') radiusM[i] = towers.radiusM[t];
    else {
      const radius4gM = Number.isNaN(towers.radiusM[t]) ? settings.defaultRadiusM : towers.radiusM[t];
      radiusM[i] = Number.isNaN(towers.radius5gM[t]) ? settings.default5gRadiusFactor * radius4gM : towers.radius5gM[t];
    }
  });
  return { count: keep.length, lon, lat, radiusM, tenantBits };
}
