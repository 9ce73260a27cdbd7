import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { haversineByDefinition as haversine } from '../oracles/haversineByDefinition';
import { runCliChild as runChild, runCliInProcess as runInProcess } from './cliHarness';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const at = (relative: string) => `${repository}${relative}`;
const DEMO_TOWERS = 'data/demo/towers.csv';

/** The contract computed apart from the code under test: plain CSV split, O(n²) pairs, owners sorted and joined. */
function independentCount(distanceM: number) {
  const lines = readFileSync(at(DEMO_TOWERS), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const [operatorAt, lonAt, latAt] = ['operator', 'lon', 'lat'].map((name) => header.indexOf(name));
  const rows = lines.slice(1).map((line) => line.split(','));
  const byPair: Record<string, number> = {};
  let pairs = 0;
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const [a, b] = [rows[i][operatorAt], rows[j][operatorAt]];
      if (a === b) continue;
      if (haversine(+rows[i][lonAt], +rows[i][latAt], +rows[j][lonAt], +rows[j][latAt]) > distanceM) continue;
      pairs++;
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      byPair[key] = (byPair[key] ?? 0) + 1;
    }
  }
  return { pairs, byPair };
}

describe('cosite colocate', () => {
  it('prints the pairs of different owners within D as one JSON line (child process, demo towers, 100 m)', async () => {
    const run = await runChild(['colocate', '--towers', DEMO_TOWERS, '--distance-m', '100', '--json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n')).toHaveLength(2);
    const report = JSON.parse(run.stdout);
    const expected = independentCount(100);
    expect(expected.pairs).toBe(35);
    expect(report.pairs).toBe(35);
    expect(report.pairs_by_operator_pair).toEqual(expected.byPair);
    expect(Object.keys(report.pairs_by_operator_pair)).toEqual(Object.keys(expected.byPair).sort());
    expect(report.masts_in_pairs).toBe(70);
  });

  it.each([0, 250, 500.5])(
    'agrees with the independent count at %s m, and lists the pairs with --list',
    async (distance) => {
      const run = await runInProcess([
        'colocate',
        '--towers',
        at(DEMO_TOWERS),
        `--distance-m=${distance}`,
        '--list',
        '--json',
      ]);
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout);
      const expected = independentCount(distance);
      expect(report.pairs).toBe(expected.pairs);
      expect(report.pairs_by_operator_pair).toEqual(expected.byPair);
      expect(report.pair_list).toHaveLength(expected.pairs);
      for (const pair of report.pair_list) {
        expect(pair.distance_m).toBeLessThanOrEqual(distance);
        const [first, second] = pair.operators.split('|');
        expect(first < second).toBe(true);
      }
    },
  );

  it('without --json prints pretty JSON and a one-line summary on stderr', async () => {
    const run = await runInProcess(['colocate', '--towers', at(DEMO_TOWERS), '--distance-m', '100']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).pairs).toBe(35);
    expect(run.stderr).toMatch(
      /^cosite colocate: .*: 35 pair\(s\) of different operators within 100 m, 35 cluster\(s\)/,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['colocate', '--towers', at(DEMO_TOWERS)], 'cosite colocate: missing --distance-m D'],
    [['colocate', '--distance-m', '100'], 'cosite colocate: missing --towers FILE'],
    [
      ['colocate', '--towers', at(DEMO_TOWERS), '--distance-m', '-5'],
      "cosite colocate: --distance-m must be a number of metres >= 0, got '-5'",
    ],
    [
      ['colocate', '--towers', at(DEMO_TOWERS), '--distance-m', '100m'],
      "cosite colocate: --distance-m must be a number of metres >= 0, got '100m'",
    ],
    [
      ['colocate', '--towers', at('no/such.csv'), '--distance-m', '100'],
      `cosite colocate: cannot read ${at('no/such.csv')}: no such file`,
    ],
  ])('exits 2 with one line on stderr for %j', async (args, message) => {
    const run = await runInProcess(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${message}\n`);
  });

  it('documents the key format in its help', async () => {
    const run = await runInProcess(['colocate', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: cosite colocate --towers FILE --distance-m D/);
    expect(run.stdout).toContain('"MobiFone|Viettel"');
    expect(run.stdout).toContain('sorted alphabetically by JavaScript string comparison');
  });
});
