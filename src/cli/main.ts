import type { CliOutput } from './cliCommand';
import { runCli } from './runCli';

/** Entry point of `npm run cli -- COMMAND [flags]` (tsx src/cli/main.ts). */
const output: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

// Set the status rather than calling process.exit, which could cut off a large report still being written to a pipe.
runCli(process.argv.slice(2), output).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`cosite: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
