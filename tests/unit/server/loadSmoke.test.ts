/**
 * A small, bounded run of the server load test (2 s per scenario, 10 connections, loopback) so that CI reports the
 * figures. It asserts only that the run completed without errors, never a speed.
 */
import { expect, it } from 'vitest';
import { formatLoadFigures, runServerLoad } from '../../bench/serverLoad';

it('load test runs: reads a plan and files requests with no errors', async () => {
  const rows = await runServerLoad({ durationSeconds: 2, connections: 10 });
  console.log(`server load (2 s, 10 connections):\n${formatLoadFigures(rows)}`);
  for (const row of rows) {
    expect(row.total, row.scenario).toBeGreaterThan(0);
    expect(row.errors, row.scenario).toBe(0);
    expect(row.non2xx, row.scenario).toBe(0);
  }
}, 120_000);
