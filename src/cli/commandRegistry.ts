import type { CliCommand } from './cliCommand';
import { validateCommand } from './commands/validate';

/** Every command of `cosite`, in the order help lists them. */
export const COMMANDS: readonly CliCommand[] = [validateCommand];

export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((command) => command.name === name);
}
