import type { CliCommand } from './cliCommand';
import { colocateCommand } from './commands/colocate';
import { convertCommand } from './commands/convert';
import { coverageCommand } from './commands/coverage';
import { pathlossCommand } from './commands/pathloss';
import { proposeCommand } from './commands/propose';
import { readinessCommand } from './commands/readiness';
import { validateCommand } from './commands/validate';
import { viewshedCommand } from './commands/viewshed';

/** Every command of `cosite`, in the order help lists them. */
export const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  convertCommand,
  colocateCommand,
  proposeCommand,
  readinessCommand,
  pathlossCommand,
  coverageCommand,
  viewshedCommand,
];

export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((command) => command.name === name);
}
