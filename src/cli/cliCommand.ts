import type { FlagSpec, ParsedFlags } from './parseFlags';

/** Where a command writes: stdout gets only the command's result (JSON), stderr everything meant for a person. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage line(s) without the flag list, which help prints from `flags`. */
  usage: string;
  flags: FlagSpec;
  /** Resolves when done; throws CliError for inputs it cannot use. Bad rows are results, not errors. */
  run(flags: ParsedFlags, output: CliOutput): Promise<void>;
}
