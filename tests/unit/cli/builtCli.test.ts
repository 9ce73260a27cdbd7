import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type CliRun, repository, repositoryPath, runCliInProcess } from './cliHarness';

/** The built command (`cosite`, bin/cosite.mjs) in a child process, as a user runs it. */
function runBuilt(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/cosite.mjs', ...args], { cwd: repository }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('the built command line (bin/cosite.mjs)', () => {
  it.each([
    [['pathloss', '--model', 'cost231', '--frequency-mhz', '1800', '--distance-m', '2500', '--json']],
    [['validate', '--towers', repositoryPath('tests/fixtures/coverage/towers.csv'), '--json']],
    [['colocate', '--towers', repositoryPath('data/demo/towers.csv'), '--distance-m', '100', '--json']],
    [['pathloss', '--model', 'fspl', '--frequency-mhz', 'abc', '--distance-m', '5']],
    [['nosuch']],
    [['coverage', '--help']],
  ])(
    'gives what the TypeScript entry gives, output and exit status: %j',
    async (args) => {
      const [built, source] = await Promise.all([runBuilt(args), runCliInProcess(args)]);
      expect(built).toEqual(source);
    },
    60_000,
  );
});
