import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import {
  CrsError,
  listCrs,
  meridianOfProvince,
  resolveCrs,
  VN2000_PROVINCE_CENTRAL_MERIDIANS,
} from '../../../src/core/crs/crsDefinitions';
import { createFromWgs84, createToWgs84 } from '../../../src/core/crs/transformToWgs84';

/**
 * The VN-2000 conversion is checked step by step against published material, not against itself:
 * 1. proj4's `+towgs84` convention, against EPSG Guidance Note 7-2's worked example of a 7-parameter Position Vector
 *    transformation (WGS 72 -> WGS 84: tZ +4.5 m, rZ +0.554", dS +0.219 ppm; X 3657660.66, Y 255768.55,
 *    Z 5201382.11 m -> X 3657660.78, Y 255778.43, Z 5201387.75 m).
 * 2. proj4's Transverse Mercator, against the Guidance Note's worked example (OSGB 1936 / British National Grid:
 *    50°30'N 0°30'E -> E 577274.99 m, N 69740.50 m).
 * 3. The datum shift, against EPSG transformation 6960 "VN-2000 to WGS 84 (2)" as published (Coordinate Frame
 *    rotation, geog2D domain; tX -191.90441429, tY -39.30318279, tZ -111.45032835 m, rX -0.00928836",
 *    rY +0.01975479", rZ -0.00427372", dS +0.252906278 ppm), applied here with the Guidance Note's Coordinate Frame
 *    formula written out independently of proj4.
 */
const WGS84_A = 6378137;
const WGS84_F = 1 / 298.257223563;
const E2 = WGS84_F * (2 - WGS84_F);
const ARC_SECOND = Math.PI / (180 * 3600);

function geographicToGeocentric(lonDeg: number, latDeg: number, height = 0): [number, number, number] {
  const lon = (lonDeg * Math.PI) / 180;
  const lat = (latDeg * Math.PI) / 180;
  const n = WGS84_A / Math.sqrt(1 - E2 * Math.sin(lat) ** 2);
  return [
    (n + height) * Math.cos(lat) * Math.cos(lon),
    (n + height) * Math.cos(lat) * Math.sin(lon),
    (n * (1 - E2) + height) * Math.sin(lat),
  ];
}

function geocentricToGeographic(x: number, y: number, z: number): [number, number] {
  const lon = Math.atan2(y, x);
  const p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - E2));
  for (let i = 0; i < 10; i++) {
    const n = WGS84_A / Math.sqrt(1 - E2 * Math.sin(lat) ** 2);
    const height = p / Math.cos(lat) - n;
    lat = Math.atan2(z, p * (1 - (E2 * n) / (n + height)));
  }
  return [(lon * 180) / Math.PI, (lat * 180) / Math.PI];
}

/** EPSG 6960 by the Coordinate Frame formula of Guidance Note 7-2 (section 4.4.3.3), small-angle form. */
function epsg6960(lonDeg: number, latDeg: number): [number, number] {
  const [x, y, z] = geographicToGeocentric(lonDeg, latDeg);
  const [tx, ty, tz] = [-191.90441429, -39.30318279, -111.45032835];
  const [rx, ry, rz] = [-0.00928836, 0.01975479, -0.00427372].map((r) => r * ARC_SECOND);
  const m = 1 + 0.252906278e-6;
  const xt = m * (x + rz * y - ry * z) + tx;
  const yt = m * (-rz * x + y + rx * z) + ty;
  const zt = m * (ry * x - rx * y + z) + tz;
  return geocentricToGeographic(xt, yt, zt);
}

/** Metres between two lon/lat points (small distances). */
function distanceM([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
  const metresPerDegree = 111_320;
  return Math.hypot((lon1 - lon2) * metresPerDegree * Math.cos((lat1 * Math.PI) / 180), (lat1 - lat2) * 110_574);
}

describe('proj4 conventions, against EPSG Guidance Note 7-2 worked examples', () => {
  it("reads +towgs84 rotations as Position Vector (the Note's WGS 72 -> WGS 84 example)", () => {
    const wgs72 = '+proj=geocent +ellps=WGS72 +towgs84=0,0,4.5,0,0,0.554,0.219 +units=m';
    const wgs84 = '+proj=geocent +datum=WGS84 +units=m';
    const [x, y, z] = proj4(wgs72, wgs84, [3657660.66, 255768.55, 5201382.11]);
    expect(x).toBeCloseTo(3657660.78, 1);
    expect(y).toBeCloseTo(255778.43, 1);
    expect(z).toBeCloseTo(5201387.75, 1);
  });

  it("projects Transverse Mercator as the Note's British National Grid example", () => {
    const airy = '+a=6377563.396 +rf=299.3249646';
    const grid = `+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 ${airy} +units=m`;
    const [easting, northing] = proj4(`+proj=longlat ${airy}`, grid, [0.5, 50.5]);
    expect(Math.abs(easting - 577274.99)).toBeLessThan(0.02);
    expect(Math.abs(northing - 69740.5)).toBeLessThan(0.02);
  });
});

describe('VN-2000 to WGS 84, against EPSG transformation 6960 as published', () => {
  const places: [string, number, number][] = [
    ['Hà Nội', 105.8542, 21.0285],
    ['Đà Nẵng', 108.2208, 16.0678],
    ['TP Hồ Chí Minh', 106.6297, 10.8231],
    ['Lào Cai', 103.9707, 22.4856],
    ['Cà Mau', 105.1524, 9.1769],
  ];

  it.each(places)('EPSG:4756 geographic coordinates of %s shift as EPSG 6960 does (< 1 mm)', (_name, lon, lat) => {
    const ours = createToWgs84('EPSG:4756')(lon, lat) as [number, number];
    expect(distanceM(ours, epsg6960(lon, lat))).toBeLessThan(0.001);
    // The datum shift itself is a few hundred metres, as DOMAIN.md says (~224 m).
    expect(distanceM(ours, [lon, lat])).toBeGreaterThan(150);
    expect(distanceM(ours, [lon, lat])).toBeLessThan(400);
  });

  it.each(places)(
    'a VN-2000 TM-3 grid position in %s converts as TM inverse + EPSG 6960 (< 1 mm)',
    (name, lon, lat) => {
      const meridian =
        VN2000_PROVINCE_CENTRAL_MERIDIANS.find((entry) => entry.province === name)?.centralMeridianDeg ?? 105;
      // The grid position of a VN-2000 geographic point, projected with the TM-3 zone alone (no datum change).
      const tm = `+proj=tmerc +lat_0=0 +lon_0=${meridian} +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +units=m`;
      const [easting, northing] = proj4('+proj=longlat +ellps=WGS84', tm, [lon, lat]);
      const ours = createToWgs84(`vn2000:${meridian}`)(easting, northing) as [number, number];
      expect(distanceM(ours, epsg6960(lon, lat))).toBeLessThan(0.001);
    },
  );

  it('differs by about half a metre from the common copy that puts the Coordinate Frame signs into +towgs84', () => {
    // The string in DOMAIN.md and in much public code (e.g. a vn2000-converter test expecting 105.53115606,
    // 10.32843706 for E 557975.802, N 1142228.861 in Đồng Tháp's zone) rotates the wrong way.
    const flipped =
      '+proj=tmerc +lat_0=0 +lon_0=105 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 ' +
      '+towgs84=-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278 +units=m';
    const theirs = proj4(flipped, 'WGS84', [557975.802, 1142228.861]);
    expect(theirs[0]).toBeCloseTo(105.53115606, 7);
    const ours = createToWgs84('vn2000:105')(557975.802, 1142228.861) as [number, number];
    const difference = distanceM(ours, theirs);
    expect(difference).toBeGreaterThan(0.3);
    expect(difference).toBeLessThan(1);
  });

  it('goes to the grid and back within a millimetre', () => {
    for (const code of ['vn2000:107.75', 'vn2000-6:105', 'EPSG:3405', 'EPSG:3406', 'EPSG:32648', 'EPSG:32649']) {
      const [easting, northing] = createFromWgs84(code)(108.2208, 16.0678) as [number, number];
      const back = createToWgs84(code)(easting, northing) as [number, number];
      expect(distanceM(back, [108.2208, 16.0678])).toBeLessThan(0.001);
    }
  });

  it('puts EPSG:3405 and the 6-degree zone on 105° on the same grid', () => {
    const a = createFromWgs84('EPSG:3405')(105.85, 21.03) as number[];
    const b = createFromWgs84('vn2000-6:105')(105.85, 21.03) as number[];
    expect(Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1])).toBeLessThan(0.001);
  });
});

describe('resolveCrs and the list of systems', () => {
  it('reads EPSG codes, central meridians in decimal or degree-minutes, and old province names', () => {
    expect(resolveCrs('EPSG:4326').geographic).toBe(true);
    expect(resolveCrs('3405').code).toBe('EPSG:3405');
    expect(resolveCrs('vn2000:107.75').proj4).toContain('+lon_0=107.75 +k=0.9999');
    expect(resolveCrs('vn2000:107-45').code).toBe('vn2000:107.75');
    expect(resolveCrs("vn2000:107°45'").code).toBe('vn2000:107.75');
    expect(resolveCrs('vn2000:Đà Nẵng').code).toBe('vn2000:107.75');
    expect(resolveCrs('VN2000:tp ho chi minh').code).toBe('vn2000:105.75');
    expect(resolveCrs('vn2000-6:111').proj4).toContain('+k=0.9996');
  });

  it('refuses unknown systems with one line naming the known ones', () => {
    expect(() => resolveCrs('EPSG:2154')).toThrow(CrsError);
    expect(() => resolveCrs('EPSG:2154')).toThrow(/unsupported CRS EPSG:2154 \(known: EPSG:4326/);
    expect(() => resolveCrs('vn2000:Paris')).toThrow(/central meridian/);
    expect(() => resolveCrs('lambert')).toThrow(/unknown CRS/);
  });

  it('lists the central meridians of the 63 old provinces from DOMAIN.md', () => {
    expect(VN2000_PROVINCE_CENTRAL_MERIDIANS).toHaveLength(64); // 63 provinces and Hà Tây (merged into Hà Nội, 2008)
    expect(meridianOfProvince('Lai Châu')).toBe(103);
    expect(meridianOfProvince('Sơn La')).toBe(104);
    expect(meridianOfProvince('Lào Cai')).toBe(104.75);
    expect(meridianOfProvince('Hà Nội')).toBe(105);
    expect(meridianOfProvince('TP Hồ Chí Minh')).toBe(105.75);
    expect(meridianOfProvince('Quảng Ninh')).toBe(107.75);
    expect(meridianOfProvince('Đồng Nai')).toBe(107.75);
    expect(meridianOfProvince('Khánh Hòa')).toBe(108.25);
    expect(meridianOfProvince('Đắk Lắk')).toBe(108.5);
    expect(meridianOfProvince('Quảng Nam')).toBe(107.75);
    const codes = listCrs().map((crs) => crs.code);
    expect(codes.slice(0, 4)).toEqual(['EPSG:4326', 'EPSG:4756', 'EPSG:3405', 'EPSG:3406']);
    expect(codes).toContain('vn2000:107.75');
    expect(listCrs().find((crs) => crs.code === 'vn2000:107.75')?.name).toContain('Đà Nẵng');
  });
});
