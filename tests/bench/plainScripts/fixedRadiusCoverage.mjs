// The plain single-file Node script the national fixed-radius coverage is measured against (tests/bench/
// nationalCommands.bench.ts): what a developer would write for the job with the project's dependencies, without
// CoSite. Reads the population GeoTIFF with geotiff.js and the mast CSV with split(','), marks per mast the cells whose
// centre is within its radius_m (haversine, R = 6,371,008.8 m, the bounding rows and columns only), and prints the
// population and area covered, in total and per operator, as JSON.
// Usage: node fixedRadiusCoverage.mjs TOWERS.csv POPULATION.tif
import { readFileSync } from 'node:fs';
import { fromArrayBuffer } from 'geotiff';

const [towersPath, populationPath] = process.argv.slice(2);
const R = 6371008.8;
const DEG = Math.PI / 180;

const file = readFileSync(populationPath);
const tiff = await fromArrayBuffer(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
const image = await tiff.getImage();
const [values] = await image.readRasters();
const width = image.getWidth();
const height = image.getHeight();
const [originLon, originLat] = image.getOrigin();
const [cellLon, cellLatNegative] = image.getResolution();
const cellLat = -cellLatNegative;
const nodata = image.getGDALNoData();

const lines = readFileSync(towersPath, 'utf8').split('\n');
const header = lines[0].trim().split(',');
const column = (name) => header.indexOf(name);
const [iLon, iLat, iRadius, iOperator, iTenants] = ['lon', 'lat', 'radius_m', 'operator', 'tenants'].map(column);
const operators = [];
const operatorBit = (name) => {
  let k = operators.indexOf(name);
  if (k < 0) k = operators.push(name) - 1;
  return 1 << k;
};
const covered = new Uint8Array(width * height);
for (let l = 1; l < lines.length; l++) {
  if (lines[l].trim() === '') continue;
  const f = lines[l].trim().split(',');
  const lon = Number(f[iLon]);
  const lat = Number(f[iLat]);
  const radius = Number(f[iRadius]);
  if (f[iRadius] === '' || !(radius >= 0)) continue;
  let bits = operatorBit(f[iOperator]);
  for (const tenant of f[iTenants].split(';')) if (tenant !== '') bits |= operatorBit(tenant);
  const latRad = lat * DEG;
  const cosLat = Math.cos(latRad);
  const angle = radius / R;
  const havMax = Math.sin(angle / 2) ** 2;
  const reachLat = angle / DEG;
  const reachLon = reachLat / Math.max(1e-9, Math.cos(Math.min(89, Math.abs(lat) + reachLat) * DEG));
  const firstRow = Math.max(0, Math.floor((originLat - lat - reachLat) / cellLat) - 1);
  const lastRow = Math.min(height - 1, Math.ceil((originLat - lat + reachLat) / cellLat) + 1);
  const firstCol = Math.max(0, Math.floor((lon - reachLon - originLon) / cellLon) - 1);
  const lastCol = Math.min(width - 1, Math.ceil((lon + reachLon - originLon) / cellLon) + 1);
  for (let row = firstRow; row <= lastRow; row++) {
    const cellLatRad = (originLat - (row + 0.5) * cellLat) * DEG;
    const sinDLat = Math.sin((cellLatRad - latRad) / 2);
    const cosProduct = cosLat * Math.cos(cellLatRad);
    for (let col = firstCol; col <= lastCol; col++) {
      const sinDLon = Math.sin(((originLon + (col + 0.5) * cellLon - lon) * DEG) / 2);
      if (sinDLat * sinDLat + cosProduct * sinDLon * sinDLon <= havMax) covered[row * width + col] |= bits;
    }
  }
}

const byOperator = new Float64Array(operators.length);
let total = 0;
let populationCovered = 0;
let areaCovered = 0;
let areaTotal = 0;
for (let row = 0; row < height; row++) {
  const north = originLat - row * cellLat;
  const area = (R / 1000) ** 2 * cellLon * DEG * Math.abs(Math.sin(north * DEG) - Math.sin((north - cellLat) * DEG));
  for (let col = 0; col < width; col++) {
    const i = row * width + col;
    const value = values[i];
    if (value === nodata || Number.isNaN(value)) continue;
    total += value;
    areaTotal += area;
    if (covered[i] === 0) continue;
    populationCovered += value;
    areaCovered += area;
    for (let k = 0; k < operators.length; k++) if (covered[i] & (1 << k)) byOperator[k] += value;
  }
}
const perOperator = Object.fromEntries(operators.map((name, k) => [name, byOperator[k]]));
console.log(
  JSON.stringify({
    population_total: total,
    population_covered: populationCovered,
    population_covered_by_operator: perOperator,
    area_covered_km2: areaCovered,
    area_total_km2: areaTotal,
  }),
);
