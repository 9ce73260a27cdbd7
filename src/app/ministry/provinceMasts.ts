import { operatorColorRgb, SHARED_MAST_COLOR_RGB } from '../../core/model/operators';
import { decodeReadinessMasts } from '../../core/readiness/decodeReadinessMasts';
import type { ReadinessMasts } from '../../core/readiness/nationalReadinessFiles';
import { nationalFileUrls } from './nationalFileUrls';

/** One province's masts of the national (SYNTHETIC) set, as the map draws them: binary attributes. */
export interface ProvinceMasts {
  code: string;
  count: number;
  /** lon, lat per mast. */
  positions: Float32Array;
  /** RGBA per mast: the owner's colour, or the shared-mast yellow for a mast with two or more tenants. */
  colors: Uint8Array;
  shared: number;
}

let masts: Promise<ReadinessMasts> | null = null;

/** The national masts file (3 MB of typed columns, no text to parse), fetched once for the page. */
function nationalMasts(): Promise<ReadinessMasts> {
  masts ??= fetch(nationalFileUrls().masts)
    .then((response) => {
      if (!response.ok) throw new Error(`masts.bin: HTTP ${response.status}`);
      return response.arrayBuffer();
    })
    .then((buffer) => decodeReadinessMasts(new Uint8Array(buffer), 'masts.bin'))
    .catch((error: unknown) => {
      masts = null;
      throw error;
    });
  return masts;
}

/** The masts of province `code` in the national set (the drill-down map of the ministry's view). */
export async function loadProvinceMasts(code: string): Promise<ProvinceMasts> {
  const { towers, towerProvince, provinceCodes } = await nationalMasts();
  const provinceIndex = provinceCodes.indexOf(code);
  let count = 0;
  for (let i = 0; i < towers.count; i++) if (towerProvince[i] === provinceIndex) count++;
  const positions = new Float32Array(2 * count);
  const colors = new Uint8Array(4 * count);
  const ownerColors = towers.operatorNames.map((name) => operatorColorRgb(name));
  let shared = 0;
  for (let i = 0, k = 0; i < towers.count; i++) {
    if (towerProvince[i] !== provinceIndex) continue;
    positions[2 * k] = towers.lon[i];
    positions[2 * k + 1] = towers.lat[i];
    let bits = towers.tenantBits[i];
    let tenants = 0;
    while (bits) {
      tenants += bits & 1;
      bits >>= 1;
    }
    const colour = tenants >= 2 ? SHARED_MAST_COLOR_RGB : (ownerColors[towers.ownerIndex[i]] ?? [128, 128, 128]);
    if (tenants >= 2) shared++;
    colors.set([...colour, 230], 4 * k);
    k++;
  }
  return { code, count, positions, colors, shared };
}
