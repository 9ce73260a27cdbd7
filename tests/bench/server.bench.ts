/** The CoSite server under load on loopback (see serverLoad.ts): 10 s per scenario, 10 connections. */
import { formatLoadFigures, runServerLoad } from './serverLoad';

export async function run(): Promise<void> {
  const rows = await runServerLoad({ durationSeconds: 10, connections: 10 });
  console.log(formatLoadFigures(rows));
}
