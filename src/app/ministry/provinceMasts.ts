import { operatorColorRgb, SHARED_MAST_COLOR_RGB } from '../../core/model/operators';
import { decodeReadinessMasts } from '../../core/readiness/decodeReadinessMasts';
import type { ReadinessMasts } from '../../core/readiness/nationalReadinessFiles';
import type { ReadinessTowers } from '../../core/readiness/packReadinessTowers';
import type { ProvinceRegisterTowers } from '../../core/readiness/withProvinceRegisters';
import { nationalFileUrls } from './nationalFileUrls';

/** One province's masts (its register's, or the national SYNTHETIC set's), as the map draws them: binary attributes. */
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

/**
 * The masts of province `code` as its figures count them (the ministry's drill-down map): those of the national set
 * inside it, but for the operators its register speaks for (when the figures counted it), whose masts are the
 * register's.
 */
export async function loadProvinceMasts(
  code: string,
  register: Pick<ProvinceRegisterTowers, 'towers' | 'operators'> | null = null,
): Promise<ProvinceMasts> {
  const { towers, towerProvince, provinceCodes } = await nationalMasts();
  const provinceIndex = provinceCodes.indexOf(code);
  const spoken = new Set(register?.operators ?? []);
  const national = provinceMastsOf(
    code,
    towers,
    (i) => towerProvince[i] === provinceIndex && !spoken.has(towers.operatorNames[towers.ownerIndex[i]]),
  );
  if (!register) return national;
  const own = register.towers;
  const registered = provinceMastsOf(code, own, (i) => spoken.has(own.operatorNames[own.ownerIndex[i]]));
  const positions = new Float32Array(national.positions.length + registered.positions.length);
  positions.set(national.positions);
  positions.set(registered.positions, national.positions.length);
  const colors = new Uint8Array(national.colors.length + registered.colors.length);
  colors.set(national.colors);
  colors.set(registered.colors, national.colors.length);
  return {
    code,
    count: national.count + registered.count,
    positions,
    colors,
    shared: national.shared + registered.shared,
  };
}

function provinceMastsOf(code: string, towers: ReadinessTowers, include: (i: number) => boolean): ProvinceMasts {
  let count = 0;
  for (let i = 0; i < towers.count; i++) if (include(i)) count++;
  const positions = new Float32Array(2 * count);
  const colors = new Uint8Array(4 * count);
  const ownerColors = towers.operatorNames.map((name) => operatorColorRgb(name));
  let shared = 0;
  for (let i = 0, k = 0; i < towers.count; i++) {
    if (!include(i)) continue;
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
