import { describe, expect, it } from 'vitest';
import { runCliInProcess as run, runCliChild } from './cliHarness';

describe('cosite pathloss', () => {
  it.each([
    // [model, frequency MHz, distance m, extra flags, value by hand (see tests/unit/propagation for the arithmetic)]
    ['cost231', 1800, 1000, [], 136.197],
    ['cost231', 1800, 1000, ['--metropolitan'], 139.197],
    ['uma-nlos', 3500, 500, [], 129.916],
    ['rma-nlos', 3500, 2000, [], 142.047],
    ['uma-los', 3500, 1000, [], 109.412],
    ['umi-nlos', 3500, 200, [], 115.229],
    ['fspl', 2600, 100, [], 80.747], // 32.4478 + 68.2995 - 20
    ['cost231', 1800, 5000, ['--tx-height-m', '50', '--rx-height-m', '2'], 155.296],
  ] as const)('%s at %d MHz and %d m %j gives %d dB', async (model, frequency, distance, extra, expected) => {
    const result = await run([
      'pathloss',
      '--model',
      model,
      '--frequency-mhz',
      String(frequency),
      '--distance-m',
      String(distance),
      ...extra,
      '--json',
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(Math.abs(report.path_loss_db - expected)).toBeLessThan(0.01);
    expect(report.warnings).toEqual([]);
  });

  it("reports the model's default heights and the inputs used", async () => {
    const result = await run(['pathloss', '--model', 'rma-nlos', '--frequency-mhz', '3500', '--distance-m', '2000']);
    expect(JSON.parse(result.stdout)).toEqual({
      path_loss_db: 142.047,
      model: 'rma-nlos',
      frequency_mhz: 3500,
      distance_m: 2000,
      tx_height_m: 35,
      rx_height_m: 1.5,
      street_width_m: 20,
      building_height_m: 5,
      warnings: [],
    });
  });

  it('computes outside the validity range, with the warning on stderr and in the JSON', async () => {
    const result = await run([
      'pathloss',
      '--model',
      'uma-nlos',
      '--frequency-mhz',
      '3500',
      '--distance-m',
      '8000',
      '--json',
    ]);
    expect(result.status).toBe(0);
    const warning = "UMa NLOS: distance 8000 m is outside the model's range 10-5000 m (computed anyway)";
    expect(JSON.parse(result.stdout).warnings).toEqual([warning]);
    expect(result.stderr).toBe(`cosite pathloss: warning: ${warning}\n`);
  });

  it.each([
    [
      ['--model', 'hata', '--frequency-mhz', '1800', '--distance-m', '1000'],
      /^cosite pathloss: unknown model 'hata' \(models: fspl, cost231, /,
    ],
    [
      ['--model', 'fspl', '--frequency-mhz', '1800', '--distance-m', '-5'],
      "cosite pathloss: --distance-m must be a distance in m > 0, got '-5'",
    ],
    [
      ['--model', 'fspl', '--frequency-mhz', 'abc', '--distance-m', '5'],
      "cosite pathloss: --frequency-mhz must be a frequency in MHz > 0, got 'abc'",
    ],
    [['--model', 'fspl', '--distance-m', '5'], 'cosite pathloss: missing --frequency-mhz F'],
    [['--frequency-mhz', '1800', '--distance-m', '5'], /^cosite pathloss: missing --model MODEL/],
    [
      ['--model', 'uma-nlos', '--frequency-mhz', '1800', '--distance-m', '5', '--tx-height-m', '0'],
      /--tx-height-m must be a height in m > 0/,
    ],
  ])('exits 2 with one line for %j', async (args, expected) => {
    const result = await run(['pathloss', ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.endsWith('\n')).toBe(true);
    expect(result.stderr.slice(0, -1)).not.toContain('\n');
    if (typeof expected === 'string') expect(result.stderr).toBe(`${expected}\n`);
    else expect(result.stderr).toMatch(expected);
  });

  it('runs as a child process: JSON on stdout, warnings on stderr, exit 0', async () => {
    const { status, stdout, stderr } = await runCliChild([
      'pathloss',
      '--model',
      'cost231',
      '--frequency-mhz',
      '2600',
      '--distance-m',
      '1000',
      '--json',
    ]);
    expect(status).toBe(0);
    expect(stdout.split('\n')).toHaveLength(2);
    // 2600 MHz is outside COST-231's 1500-2000 MHz: 46.3 + 33.9 x 3.414973 - 20.4138 - a(1.5) with
    // a = (3.756470 - 0.7) x 1.5 - (5.327358 - 0.8) = 4.584705 - 4.527358 = 0.057347
    // 46.3 + 115.7676 - 20.4138 - 0.0573 = 141.596 dB
    expect(JSON.parse(stdout).path_loss_db).toBeCloseTo(141.596, 2);
    expect(stderr).toBe(
      "cosite pathloss: warning: COST-231 Hata: frequency 2600 MHz is outside the model's range 1500-2000 MHz (computed anyway)\n",
    );
  });
});
