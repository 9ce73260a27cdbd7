import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliOutput } from '../../../src/cli/cliCommand';
import { runCli } from '../../../src/cli/runCli';

/** What one run of the command line gave: its exit status and everything written to stdout and stderr. */
export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** The repository's root folder (with a trailing slash). */
export const repository = fileURLToPath(new URL('../../../', import.meta.url));

/** Absolute path of a repository file: in-process runs do not depend on the test runner's working directory. */
export const repositoryPath = (relative: string) => `${repository}${relative}`;

/** The real command line in a child process: `node --import tsx src/cli/main.ts ...` from the repository root. */
export function runCliChild(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: repository, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

/** The same entry, in-process (a child costs about half a second each). */
export async function runCliInProcess(args: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const output: CliOutput = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const status = await runCli(args, output);
  return { status, stdout, stderr };
}
