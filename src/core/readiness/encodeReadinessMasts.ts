import { encodeColumnFile } from '../io/encodeColumnFile';
import { READINESS_MASTS_KIND, type ReadinessMasts } from './nationalReadinessFiles';

/**
 * The masts of a readiness run as a column file (see columnFile), for the app to read without parsing the CSV:
 * meta { count, operator_names, province_codes, source }, columns lon, lat, radius_m, radius_5g_m (float64, NaN:
 * none), owner_index, tenant_bits, bits_4g, bits_5g (uint8, bit k = operator_names[k]) and province_index (int16,
 * -1 outside every province). `source` names the file the masts were read from.
 */
export function encodeReadinessMasts(masts: ReadinessMasts, source: string): Uint8Array {
  const { towers, towerProvince, provinceCodes } = masts;
  return encodeColumnFile(
    READINESS_MASTS_KIND,
    { count: towers.count, operator_names: towers.operatorNames, province_codes: provinceCodes, source },
    {
      lon: towers.lon,
      lat: towers.lat,
      radius_m: towers.radiusM,
      radius_5g_m: towers.radius5gM,
      owner_index: towers.ownerIndex,
      tenant_bits: towers.tenantBits,
      bits_4g: towers.bits4g,
      bits_5g: towers.bits5g,
      province_index: Int16Array.from(towerProvince),
    },
  );
}
