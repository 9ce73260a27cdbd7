import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

/** Rounds a coordinate to 6 decimals (~0.1 m), the precision of every derived file. */
export function round6(value: number): number {
  const rounded = Math.round(value * 1e6) / 1e6;
  return Object.is(rounded, -0) ? 0 : rounded;
}

export function roundPosition(position: Position): Position {
  return [round6(position[0]), round6(position[1])];
}

/** Rounds a ring or line to 6 decimals and drops consecutive positions that became equal. */
export function roundPath(path: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const position of path) {
    const rounded = roundPosition(position);
    const last = out[out.length - 1];
    if (!last || last[0] !== rounded[0] || last[1] !== rounded[1]) out.push(rounded);
  }
  return out;
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function readFeatureCollection<G extends Geometry = Geometry>(path: string): FeatureCollection<G> {
  const collection = readJson<FeatureCollection<G>>(path);
  if (collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new Error(`${path} is not a GeoJSON FeatureCollection`);
  }
  return collection;
}

/**
 * Writes a FeatureCollection with one feature per line (compact, yet diffs line by line), UTF-8, LF, trailing newline.
 * Property order is the order of the objects given, so callers build properties in a fixed order.
 */
export function writeFeatureCollection(path: string, features: readonly Feature[]): void {
  const lines = features.map((feature) => JSON.stringify(feature));
  const body = lines.length === 0 ? '' : `\n${lines.join(',\n')}\n`;
  writeFileSync(path, `{"type":"FeatureCollection","features":[${body}]}\n`);
}

export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
