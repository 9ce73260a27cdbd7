// The plain single-file Node script the shared-site proposal (`cosite propose`) is measured against (tests/bench/
// sitingProcesses.bench.ts): what a developer would write for the job with the project's dependencies, without
// CoSite. Reads the population GeoTIFF with geotiff.js and the mast and candidate CSVs with split(','); demand is the
// populated cells no mast covers (haversine, R = 6,371,008.8 m, the mast's radius_m else RADIUS_M); each candidate's
// cover list is the demand cells within RADIUS_M of it (its bounding rows and columns only, no merging); then
// Minoux's lazy greedy with a binary heap picks at most SITES candidates. Prints the ids chosen and the people newly
// covered as JSON.
// Usage: node lazyGreedySites.mjs TOWERS.csv POPULATION.tif CANDIDATES.csv RADIUS_M SITES
import { readFileSync } from 'node:fs';
import { fromArrayBuffer } from 'geotiff';

const [towersPath, populationPath, candidatesPath, radiusText, sitesText] = process.argv.slice(2);
const radiusM = Number(radiusText);
const sites = Number(sitesText);
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

/** Calls visit(cell) for every cell whose centre is within radius of (lon, lat). */
function forEachCellWithin(lon, lat, radius, visit) {
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
      if (sinDLat * sinDLat + cosProduct * sinDLon * sinDLon <= havMax) visit(row * width + col);
    }
  }
}

/** Rows of a CSV file as arrays of fields, with a lookup of the header's columns. */
function readCsv(path) {
  const lines = readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n');
  const header = lines[0].trim().split(',');
  const rows = [];
  for (let l = 1; l < lines.length; l++) if (lines[l].trim() !== '') rows.push(lines[l].trim().split(','));
  return { rows, column: (name) => header.indexOf(name) };
}

// Existing masts: the cells they cover are not demand.
const towers = readCsv(towersPath);
const [tLon, tLat, tRadius] = ['lon', 'lat', 'radius_m'].map(towers.column);
const covered = new Uint8Array(width * height);
for (const f of towers.rows) {
  const radius = tRadius >= 0 && f[tRadius] !== '' ? Number(f[tRadius]) : radiusM;
  forEachCellWithin(Number(f[tLon]), Number(f[tLat]), radius, (cell) => {
    covered[cell] = 1;
  });
}
const demandOfCell = new Int32Array(width * height).fill(-1);
const weight = [];
for (let i = 0; i < width * height; i++) {
  const value = values[i];
  if (value === nodata || !(value > 0) || covered[i]) continue;
  demandOfCell[i] = weight.length;
  weight.push(value);
}

// Candidates and their cover lists.
const candidates = readCsv(candidatesPath);
const [cId, cLon, cLat] = ['id', 'lon', 'lat'].map(candidates.column);
const ids = candidates.rows.map((f) => f[cId]);
const lists = candidates.rows.map((f) => {
  const found = [];
  forEachCellWithin(Number(f[cLon]), Number(f[cLat]), radiusM, (cell) => {
    if (demandOfCell[cell] >= 0) found.push(demandOfCell[cell]);
  });
  return Int32Array.from(found);
});

// Lazy greedy: a max-heap of (gain, candidate); a popped gain is recomputed, taken only when still current.
const taken = new Uint8Array(weight.length);
const gainOf = (j) => {
  let gain = 0;
  for (const d of lists[j]) if (!taken[d]) gain += weight[d];
  return gain;
};
const heapGain = [];
const heapId = [];
const swap = (a, b) => {
  [heapGain[a], heapGain[b]] = [heapGain[b], heapGain[a]];
  [heapId[a], heapId[b]] = [heapId[b], heapId[a]];
};
const push = (gain, id) => {
  heapGain.push(gain);
  heapId.push(id);
  let at = heapGain.length - 1;
  while (at > 0 && heapGain[(at - 1) >> 1] < heapGain[at]) {
    swap(at, (at - 1) >> 1);
    at = (at - 1) >> 1;
  }
};
const pop = () => {
  const top = [heapGain[0], heapId[0]];
  const lastGain = heapGain.pop();
  const lastId = heapId.pop();
  if (heapGain.length > 0) {
    heapGain[0] = lastGain;
    heapId[0] = lastId;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      let largest = at;
      if (left < heapGain.length && heapGain[left] > heapGain[largest]) largest = left;
      if (left + 1 < heapGain.length && heapGain[left + 1] > heapGain[largest]) largest = left + 1;
      if (largest === at) break;
      swap(at, largest);
      at = largest;
    }
  }
  return top;
};
for (let j = 0; j < lists.length; j++) push(gainOf(j), j);
const selected = [];
let newlyCovered = 0;
while (selected.length < sites && heapGain.length > 0) {
  const [stale, j] = pop();
  const gain = gainOf(j);
  if (gain <= 0) continue;
  if (heapGain.length > 0 && gain < heapGain[0] && gain < stale) {
    push(gain, j);
    continue;
  }
  selected.push(j);
  newlyCovered += gain;
  for (const d of lists[j]) taken[d] = 1;
}
console.log(JSON.stringify({ selected: selected.map((j) => ids[j]), population_newly_covered: newlyCovered }));
