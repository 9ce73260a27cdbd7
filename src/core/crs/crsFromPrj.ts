import proj4 from 'proj4';
import { type CrsDefinition, resolveCrs, VN2000_TOWGS84 } from './crsDefinitions';

/**
 * The CRS an ESRI .prj (WKT 1) names. WGS 84 degrees become EPSG:4326. A VN-2000 system gets this project's datum shift
 * (EPSG transformation 6960), since .prj files carry none and proj4 would otherwise drop the ~224 m shift. Other
 * systems are handed to proj4 as WKT. Returns null when proj4 cannot read it.
 */
export function crsFromPrj(wkt: string): CrsDefinition | null {
  const text = wkt.trim();
  if (text === '') return null;
  const name = /^(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\s*\[\s*"([^"]*)"/i.exec(text)?.[1] ?? 'CRS of the .prj';
  const projected = /^(PROJCS|PROJCRS)/i.test(text);
  if (/VN[-_ ]?2000|Vietnam[_ ]2000/i.test(text)) {
    if (!projected) return resolveCrs('EPSG:4756');
    const parameter = (key: string, fallback: number) => {
      const match = new RegExp(`PARAMETER\\s*\\[\\s*"${key}"\\s*,\\s*([-+\\d.eE]+)`, 'i').exec(text);
      return match ? Number(match[1]) : fallback;
    };
    const centralMeridian = parameter('central_meridian', Number.NaN);
    if (!Number.isFinite(centralMeridian)) return null;
    return {
      code: `prj:${name}`,
      name: `${name} (from .prj, VN-2000 datum shift of EPSG:6960)`,
      proj4:
        `+proj=tmerc +lat_0=${parameter('latitude_of_origin', 0)} +lon_0=${centralMeridian} ` +
        `+k=${parameter('scale_factor', 0.9999)} +x_0=${parameter('false_easting', 500000)} ` +
        `+y_0=${parameter('false_northing', 0)} +ellps=WGS84 +towgs84=${VN2000_TOWGS84} +units=m +no_defs`,
      geographic: false,
    };
  }
  if (!projected && /WGS[_ ]?(19)?84/i.test(text) && /GEOGCS|GEOGCRS/i.test(text)) return resolveCrs('EPSG:4326');
  try {
    proj4(text, 'WGS84');
  } catch {
    return null;
  }
  return { code: `prj:${name}`, name: `${name} (from .prj)`, proj4: text, geographic: !projected };
}
