import { normalizeColumnName } from '../io/towerFields';

/**
 * Coordinate reference systems that Vietnamese tower lists, boundaries and rasters come in, as proj4 definitions.
 *
 * VN-2000 (EPSG:4756) uses the WGS 84 ellipsoid, offset from the WGS 84 datum by ~224 m. Its datum shift is EPSG
 * transformation 6960, "VN-2000 to WGS 84 (2)" (Department of Survey and Mapping), published with the *Coordinate Frame*
 * rotation convention: tX -191.90441429 m, tY -39.30318279 m, tZ -111.45032835 m, rX -0.00928836″, rY +0.01975479″,
 * rZ -0.00427372″, dS +0.252906278 ppm. proj4's `+towgs84` reads rotations in the *Position Vector* convention (checked
 * against EPSG Guidance Note 7-2's worked example in tests/unit/crs), so the rotations are written here with the
 * opposite signs. Much public code (and older notes) copies the Coordinate Frame values into `+towgs84` unchanged, which
 * rotates the wrong way and moves points by about 0.5 m: tests/unit/crs pins the difference.
 */
export const VN2000_TOWGS84 = '-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278';

export interface CrsDefinition {
  /** What users and the CLI write: `EPSG:4326`, `vn2000:107.75`, `vn2000-6:105`. */
  code: string;
  /** Readable name, e.g. "VN-2000 / TM-3 zone 107°45′ (k 0.9999)". */
  name: string;
  proj4: string;
  /** Coordinates in degrees (longitude, latitude) rather than metres (easting, northing). */
  geographic: boolean;
}

/** A CRS code that names no system known here; one-line message. */
export class CrsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CrsError';
  }
}

/**
 * Central meridians of the VN-2000 3-degree TM zones of the 63 provinces before the 2025 merger, as set by Circular
 * 973/2001/TT-TCĐC (annex) and its later amendments. A province merged in 2025 keeps using the zones of its old parts.
 */
export const VN2000_PROVINCE_CENTRAL_MERIDIANS: readonly { province: string; centralMeridianDeg: number }[] = [
  { province: 'Lai Châu', centralMeridianDeg: 103 },
  { province: 'Điện Biên', centralMeridianDeg: 103 },
  { province: 'Sơn La', centralMeridianDeg: 104 },
  { province: 'Kiên Giang', centralMeridianDeg: 104.5 },
  { province: 'Cà Mau', centralMeridianDeg: 104.5 },
  { province: 'Lào Cai', centralMeridianDeg: 104.75 },
  { province: 'Yên Bái', centralMeridianDeg: 104.75 },
  { province: 'Nghệ An', centralMeridianDeg: 104.75 },
  { province: 'Phú Thọ', centralMeridianDeg: 104.75 },
  { province: 'An Giang', centralMeridianDeg: 104.75 },
  { province: 'Thanh Hóa', centralMeridianDeg: 105 },
  { province: 'Vĩnh Phúc', centralMeridianDeg: 105 },
  { province: 'Hà Tây', centralMeridianDeg: 105 },
  { province: 'Hà Nội', centralMeridianDeg: 105 },
  { province: 'Hà Nam', centralMeridianDeg: 105 },
  { province: 'Ninh Bình', centralMeridianDeg: 105 },
  { province: 'Đồng Tháp', centralMeridianDeg: 105 },
  { province: 'Cần Thơ', centralMeridianDeg: 105 },
  { province: 'Hậu Giang', centralMeridianDeg: 105 },
  { province: 'Bạc Liêu', centralMeridianDeg: 105 },
  { province: 'Hà Giang', centralMeridianDeg: 105.5 },
  { province: 'Bắc Ninh', centralMeridianDeg: 105.5 },
  { province: 'Hải Dương', centralMeridianDeg: 105.5 },
  { province: 'Hưng Yên', centralMeridianDeg: 105.5 },
  { province: 'Nam Định', centralMeridianDeg: 105.5 },
  { province: 'Thái Bình', centralMeridianDeg: 105.5 },
  { province: 'Hà Tĩnh', centralMeridianDeg: 105.5 },
  { province: 'Tây Ninh', centralMeridianDeg: 105.5 },
  { province: 'Vĩnh Long', centralMeridianDeg: 105.5 },
  { province: 'Sóc Trăng', centralMeridianDeg: 105.5 },
  { province: 'Trà Vinh', centralMeridianDeg: 105.5 },
  { province: 'Cao Bằng', centralMeridianDeg: 105.75 },
  { province: 'Hải Phòng', centralMeridianDeg: 105.75 },
  { province: 'Long An', centralMeridianDeg: 105.75 },
  { province: 'Tiền Giang', centralMeridianDeg: 105.75 },
  { province: 'Bến Tre', centralMeridianDeg: 105.75 },
  { province: 'Bình Dương', centralMeridianDeg: 105.75 },
  { province: 'TP Hồ Chí Minh', centralMeridianDeg: 105.75 },
  { province: 'Tuyên Quang', centralMeridianDeg: 106 },
  { province: 'Hòa Bình', centralMeridianDeg: 106 },
  { province: 'Quảng Bình', centralMeridianDeg: 106 },
  { province: 'Quảng Trị', centralMeridianDeg: 106.25 },
  { province: 'Bình Phước', centralMeridianDeg: 106.25 },
  { province: 'Bắc Kạn', centralMeridianDeg: 106.5 },
  { province: 'Thái Nguyên', centralMeridianDeg: 106.5 },
  { province: 'Bắc Giang', centralMeridianDeg: 107 },
  { province: 'Thừa Thiên Huế', centralMeridianDeg: 107 },
  { province: 'Lạng Sơn', centralMeridianDeg: 107.25 },
  { province: 'Kon Tum', centralMeridianDeg: 107.5 },
  { province: 'Quảng Ninh', centralMeridianDeg: 107.75 },
  { province: 'Đồng Nai', centralMeridianDeg: 107.75 },
  { province: 'Bà Rịa - Vũng Tàu', centralMeridianDeg: 107.75 },
  { province: 'Quảng Nam', centralMeridianDeg: 107.75 },
  { province: 'Lâm Đồng', centralMeridianDeg: 107.75 },
  { province: 'Đà Nẵng', centralMeridianDeg: 107.75 },
  { province: 'Quảng Ngãi', centralMeridianDeg: 108 },
  { province: 'Ninh Thuận', centralMeridianDeg: 108.25 },
  { province: 'Khánh Hòa', centralMeridianDeg: 108.25 },
  { province: 'Bình Định', centralMeridianDeg: 108.25 },
  { province: 'Đắk Lắk', centralMeridianDeg: 108.5 },
  { province: 'Đắk Nông', centralMeridianDeg: 108.5 },
  { province: 'Phú Yên', centralMeridianDeg: 108.5 },
  { province: 'Gia Lai', centralMeridianDeg: 108.5 },
  { province: 'Bình Thuận', centralMeridianDeg: 108.5 },
];

const WGS84: CrsDefinition = {
  code: 'EPSG:4326',
  name: 'WGS 84 (longitude, latitude in degrees)',
  proj4: '+proj=longlat +datum=WGS84 +no_defs',
  geographic: true,
};

const FIXED: readonly CrsDefinition[] = [
  WGS84,
  {
    code: 'EPSG:4756',
    name: 'VN-2000 (longitude, latitude in degrees)',
    proj4: `+proj=longlat +ellps=WGS84 +towgs84=${VN2000_TOWGS84} +no_defs`,
    geographic: true,
  },
  {
    code: 'EPSG:3405',
    name: 'VN-2000 / UTM zone 48N (central meridian 105°, k 0.9996)',
    proj4: `+proj=utm +zone=48 +ellps=WGS84 +towgs84=${VN2000_TOWGS84} +units=m +no_defs`,
    geographic: false,
  },
  {
    code: 'EPSG:3406',
    name: 'VN-2000 / UTM zone 49N (central meridian 111°, k 0.9996)',
    proj4: `+proj=utm +zone=49 +ellps=WGS84 +towgs84=${VN2000_TOWGS84} +units=m +no_defs`,
    geographic: false,
  },
  {
    code: 'EPSG:32648',
    name: 'WGS 84 / UTM zone 48N',
    proj4: '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs',
    geographic: false,
  },
  {
    code: 'EPSG:32649',
    name: 'WGS 84 / UTM zone 49N',
    proj4: '+proj=utm +zone=49 +datum=WGS84 +units=m +no_defs',
    geographic: false,
  },
  {
    code: 'EPSG:3857',
    name: 'WGS 84 / Pseudo-Mercator (web maps)',
    proj4:
      '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
    geographic: false,
  },
];

/** VN-2000 3-degree TM zone (k 0.9999, false easting 500 km) on the given central meridian. */
export function vn2000Tm3(centralMeridianDeg: number): CrsDefinition {
  return {
    code: `vn2000:${centralMeridianDeg}`,
    name: `VN-2000 / TM-3 zone ${formatMeridian(centralMeridianDeg)} (k 0.9999)`,
    proj4:
      `+proj=tmerc +lat_0=0 +lon_0=${centralMeridianDeg} +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 ` +
      `+towgs84=${VN2000_TOWGS84} +units=m +no_defs`,
    geographic: false,
  };
}

/** VN-2000 6-degree TM zone (k 0.9996, false easting 500 km), e.g. 105 (= EPSG:3405) or 111 (= EPSG:3406). */
export function vn2000Tm6(centralMeridianDeg: number): CrsDefinition {
  return {
    code: `vn2000-6:${centralMeridianDeg}`,
    name: `VN-2000 / TM-6 zone ${formatMeridian(centralMeridianDeg)} (k 0.9996)`,
    proj4:
      `+proj=tmerc +lat_0=0 +lon_0=${centralMeridianDeg} +k=0.9996 +x_0=500000 +y_0=0 +ellps=WGS84 ` +
      `+towgs84=${VN2000_TOWGS84} +units=m +no_defs`,
    geographic: false,
  };
}

/**
 * The systems to offer in a picker: WGS 84, the EPSG codes above, then one VN-2000 TM-3 zone per distinct central
 * meridian with the provinces that use it.
 */
export function listCrs(): CrsDefinition[] {
  const byMeridian = new Map<number, string[]>();
  for (const { province, centralMeridianDeg } of VN2000_PROVINCE_CENTRAL_MERIDIANS) {
    byMeridian.set(centralMeridianDeg, [...(byMeridian.get(centralMeridianDeg) ?? []), province]);
  }
  const zones = [...byMeridian.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([meridian, provinces]) => {
      const zone = vn2000Tm3(meridian);
      return { ...zone, name: `${zone.name}: ${provinces.join(', ')}` };
    });
  return [...FIXED, ...zones];
}

/**
 * The CRS a code names: `EPSG:4326` (or `4326`), `EPSG:4756`, `EPSG:3405`, `EPSG:3406`, `EPSG:32648`, `EPSG:32649`,
 * `EPSG:3857`; `vn2000:<central meridian>` in decimal degrees (`107.75`) or degrees-minutes (`107-45`, `107°45'`);
 * `vn2000:<old province name>` (`vn2000:Đà Nẵng`, diacritics optional); `vn2000-6:<central meridian>`.
 * Throws CrsError otherwise.
 */
export function resolveCrs(code: string): CrsDefinition {
  const trimmed = code.trim();
  const epsg = /^(?:epsg:)?(\d{4,5})$/i.exec(trimmed);
  if (epsg) {
    const found = FIXED.find((crs) => crs.code === `EPSG:${epsg[1]}`);
    if (found) return found;
    throw new CrsError(`unsupported CRS EPSG:${epsg[1]} (known: ${knownCodes()})`);
  }
  const vn = /^vn-?2000(-6|-tm6)?:(.+)$/i.exec(trimmed);
  if (vn) {
    const sixDegree = vn[1] !== undefined;
    const meridian = parseMeridian(vn[2]) ?? (sixDegree ? null : meridianOfProvince(vn[2]));
    if (meridian === null || meridian < 100 || meridian > 120) {
      throw new CrsError(
        `'${trimmed}': give the zone's central meridian in degrees between 100 and 120 (e.g. vn2000:107.75 or ` +
          'vn2000:107-45) or an old province name (vn2000:Đà Nẵng)',
      );
    }
    return sixDegree ? vn2000Tm6(meridian) : vn2000Tm3(meridian);
  }
  throw new CrsError(`unknown CRS '${trimmed}' (known: ${knownCodes()}, vn2000:<central meridian>, vn2000-6:<cm>)`);
}

/** Central meridian of an old province's VN-2000 zone, or null; the name is matched without case or diacritics. */
export function meridianOfProvince(name: string): number | null {
  const key = provinceKey(name);
  const found = VN2000_PROVINCE_CENTRAL_MERIDIANS.find((entry) => provinceKey(entry.province) === key);
  return found?.centralMeridianDeg ?? null;
}

function provinceKey(name: string): string {
  return normalizeColumnName(name)
    .replace(/^(tinh|thanh_pho|tp)_/, '')
    .replace(/_/g, '');
}

/** "107.75", "107-45", "107°45'", "107 45" -> 107.75; null when not a meridian. */
function parseMeridian(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const dm = /^(\d+)\s*(?:°|-|\s)\s*(\d{1,2}(?:\.\d+)?)\s*['′]?$/.exec(trimmed);
  if (dm && Number(dm[2]) < 60) return Number(dm[1]) + Number(dm[2]) / 60;
  return null;
}

function formatMeridian(meridianDeg: number): string {
  const degrees = Math.floor(meridianDeg);
  const minutes = Math.round((meridianDeg - degrees) * 60);
  return minutes === 0 ? `${degrees}°` : `${degrees}°${String(minutes).padStart(2, '0')}′`;
}

function knownCodes(): string {
  return FIXED.map((crs) => crs.code).join(', ');
}

/** Whether a CRS is a projected VN-2000 grid, whose survey tables write X = northing, Y = easting. */
export function isVn2000Projected(crs: CrsDefinition): boolean {
  return !crs.geographic && crs.proj4.includes(VN2000_TOWGS84);
}
