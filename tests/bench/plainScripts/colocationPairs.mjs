// The plain single-file Node script the national co-location pairs are measured against (tests/bench/
// nationalFigures.bench.ts): what a developer would write for the job without CoSite. Reads the mast CSV with
// split(','), puts the masts in a hash grid of cells at least the distance wide (a Map keyed by cell), and checks each
// mast against the masts of its 9 neighbouring cells: pairs of different owners whose haversine distance
// (R = 6,371,008.8 m) is at most the distance. Prints the pair count, per operator pair, as JSON.
// Usage: node colocationPairs.mjs TOWERS.csv DISTANCE_M
import { readFileSync } from 'node:fs';

const [towersPath, distanceText] = process.argv.slice(2);
const distance = Number(distanceText);
const R = 6371008.8;
const DEG = Math.PI / 180;

const lines = readFileSync(towersPath, 'utf8').split('\n');
const header = lines[0].trim().split(',');
const [iLon, iLat, iOperator] = ['lon', 'lat', 'operator'].map((name) => header.indexOf(name));
const lon = [];
const lat = [];
const owner = [];
for (let l = 1; l < lines.length; l++) {
  if (lines[l].trim() === '') continue;
  const f = lines[l].trim().split(',');
  lon.push(Number(f[iLon]));
  lat.push(Number(f[iLat]));
  owner.push(f[iOperator]);
}
const n = lon.length;
const maxAbsLat = Math.max(...lat.map(Math.abs));
const cellLat = (distance / R / DEG) * 1.001;
const cellLon = cellLat / Math.cos(Math.min(89.9, maxAbsLat + cellLat) * DEG);
const grid = new Map();
const cellX = new Int32Array(n);
const cellY = new Int32Array(n);
for (let i = 0; i < n; i++) {
  cellX[i] = Math.floor(lon[i] / cellLon);
  cellY[i] = Math.floor(lat[i] / cellLat);
  const key = cellX[i] * 1e6 + cellY[i];
  const cell = grid.get(key);
  if (cell) cell.push(i);
  else grid.set(key, [i]);
}
const haversine = (i, j) => {
  const sinDLat = Math.sin(((lat[j] - lat[i]) * DEG) / 2);
  const sinDLon = Math.sin(((lon[j] - lon[i]) * DEG) / 2);
  const a = sinDLat * sinDLat + Math.cos(lat[i] * DEG) * Math.cos(lat[j] * DEG) * sinDLon * sinDLon;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
};
let pairs = 0;
const byOperatorPair = {};
for (let i = 0; i < n; i++) {
  for (let dx = -1; dx <= 1; dx++) {
    for (let dy = -1; dy <= 1; dy++) {
      const cell = grid.get((cellX[i] + dx) * 1e6 + cellY[i] + dy);
      if (!cell) continue;
      for (const j of cell) {
        if (j <= i || owner[j] === owner[i] || haversine(i, j) > distance) continue;
        pairs++;
        const key = owner[i] < owner[j] ? `${owner[i]}|${owner[j]}` : `${owner[j]}|${owner[i]}`;
        byOperatorPair[key] = (byOperatorPair[key] ?? 0) + 1;
      }
    }
  }
}
const sorted = Object.fromEntries(
  Object.keys(byOperatorPair)
    .sort()
    .map((key) => [key, byOperatorPair[key]]),
);
console.log(JSON.stringify({ pairs, pairs_by_operator_pair: sorted }));
