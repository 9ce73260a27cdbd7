import { decodeColumnFile } from '../io/decodeColumnFile';
import { InputFileError } from '../io/inputFileError';
import { READINESS_MASTS_KIND, type ReadinessMasts } from './nationalReadinessFiles';

/** The masts of an encodeReadinessMasts file: typed-array views on its bytes (no parsing). */
export function decodeReadinessMasts(bytes: Uint8Array, fileName = 'masts file'): ReadinessMasts {
  const file = decodeColumnFile(bytes, fileName);
  if (file.kind !== READINESS_MASTS_KIND) throw new InputFileError(fileName, `holds ${file.kind}, not masts`);
  const count = Number(file.meta.count);
  if (!Number.isSafeInteger(count) || count < 0) throw new InputFileError(fileName, 'meta.count is not a count');
  for (const list of ['operator_names', 'province_codes']) {
    const value = file.meta[list];
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      throw new InputFileError(fileName, `meta.${list} is not a list of names`);
    }
  }
  const column = <T>(name: string, type: new (length: number) => T): T => {
    const array = file.columns[name];
    if (!array || array.length !== count) throw new InputFileError(fileName, `column ${name} missing or short`);
    if (!(array instanceof type)) throw new InputFileError(fileName, `column ${name} is not of type ${type.name}`);
    return array as T;
  };
  return {
    towers: {
      count,
      operatorNames: file.meta.operator_names as string[],
      lon: column('lon', Float64Array),
      lat: column('lat', Float64Array),
      radiusM: column('radius_m', Float64Array),
      radius5gM: column('radius_5g_m', Float64Array),
      ownerIndex: column('owner_index', Uint8Array),
      tenantBits: column('tenant_bits', Uint8Array),
      bits4g: column('bits_4g', Uint8Array),
      bits5g: column('bits_5g', Uint8Array),
    },
    towerProvince: Int32Array.from(column('province_index', Int16Array)),
    provinceCodes: file.meta.province_codes as string[],
  };
}
