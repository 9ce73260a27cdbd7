import { decodeColumnFile } from '../io/decodeColumnFile';
import { InputFileError } from '../io/inputFileError';
import { READINESS_MASTS_KIND, type ReadinessMasts } from './nationalReadinessFiles';

/** The masts of an encodeReadinessMasts file: typed-array views on its bytes (no parsing). */
export function decodeReadinessMasts(bytes: Uint8Array, fileName = 'masts file'): ReadinessMasts {
  const file = decodeColumnFile(bytes, fileName);
  if (file.kind !== READINESS_MASTS_KIND) throw new InputFileError(fileName, `holds ${file.kind}, not masts`);
  const count = Number(file.meta.count);
  const column = <T>(name: string): T => {
    const array = file.columns[name];
    if (!array || array.length !== count) throw new InputFileError(fileName, `column ${name} missing or short`);
    return array as T;
  };
  return {
    towers: {
      count,
      operatorNames: file.meta.operator_names as string[],
      lon: column<Float64Array>('lon'),
      lat: column<Float64Array>('lat'),
      radiusM: column<Float64Array>('radius_m'),
      radius5gM: column<Float64Array>('radius_5g_m'),
      ownerIndex: column<Uint8Array>('owner_index'),
      tenantBits: column<Uint8Array>('tenant_bits'),
      bits4g: column<Uint8Array>('bits_4g'),
      bits5g: column<Uint8Array>('bits_5g'),
    },
    towerProvince: Int32Array.from(column<Int16Array>('province_index')),
    provinceCodes: file.meta.province_codes as string[],
  };
}
