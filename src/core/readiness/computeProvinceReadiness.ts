import type { LongCallOptions } from '../util/cooperativeLoop';
import { computeReadinessBand } from './computeReadinessBand';
import { finishReadiness } from './finishReadiness';
import { prepareReadiness } from './prepareReadiness';
import { readinessBandRequests } from './readinessBandRequests';
import type { ProvinceReadiness, ReadinessInput } from './readinessTypes';

/**
 * Readiness of one province (the drill-down), with the definitions of computeNationalReadiness: only its own rows of
 * the grid are scanned, so it costs a fraction of the national run. Throws RangeError for an unknown code.
 */
export async function computeProvinceReadiness(
  input: ReadinessInput,
  code: string,
  options: LongCallOptions = {},
): Promise<ProvinceReadiness> {
  const province = input.provinces.find((candidate) => candidate.code === code);
  if (!province) throw new RangeError(`no province with code ${code}`);
  const prepared = await prepareReadiness({ ...input, provinces: [province] }, { signal: options.signal });
  const { grid } = prepared;
  let north = Number.NEGATIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  for (const polygon of province.polygons) {
    for (const [, lat] of polygon[0] ?? []) {
      north = Math.max(north, lat);
      south = Math.min(south, lat);
    }
  }
  if (!(north >= south)) {
    north = grid.originLat;
    south = grid.originLat;
  }
  // The rows of the province's latitudes, clamped to the grid: every cell and mast inside it counts in them.
  const rowStart = Math.max(0, Math.min(grid.height - 1, Math.floor((grid.originLat - north) / grid.cellSizeLatDeg)));
  const rowEnd = Math.max(
    rowStart + 1,
    Math.min(grid.height, Math.floor((grid.originLat - south) / grid.cellSizeLatDeg) + 1),
  );
  const [request] = readinessBandRequests(prepared, 1, { rowStart, rowEnd });
  const partial = await computeReadinessBand(request, options);
  return finishReadiness(prepared.context, partial).provinces[0];
}
