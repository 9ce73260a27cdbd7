import type { CliOutput } from './cliCommand';
import { CliError } from './cliError';
import { COMMANDS, findCommand, loadAllCommands } from './commandRegistry';
import { formatCommandHelp, formatProgramHelp } from './formatHelp';
import { parseFlags } from './parseFlags';

/** Exit status when an input cannot be used at all (also bad usage). */
const EXIT_UNUSABLE_INPUT = 2;
/** Exit status of a bug: an error no command anticipated. */
const EXIT_INTERNAL_ERROR = 1;

/** Run one command line; resolves to the exit status. Writes only through `out`, so tests can run it in-process. */
export async function runCli(args: readonly string[], out: CliOutput): Promise<number> {
  const [commandName, ...rest] = args;
  if (commandName === undefined) {
    out.stderr(formatProgramHelp(await loadAllCommands()));
    return EXIT_UNUSABLE_INPUT;
  }
  if (commandName === '--help' || commandName === '-h' || commandName === 'help') {
    const command = rest[0] === undefined ? undefined : await findCommand(rest[0]);
    out.stdout(command ? formatCommandHelp(command) : formatProgramHelp(await loadAllCommands()));
    return 0;
  }
  const command = await findCommand(commandName);
  if (!command) {
    const names = COMMANDS.map((known) => known.name).join(', ');
    out.stderr(`cosite: unknown command '${commandName}' (commands: ${names}; see cosite --help)\n`);
    return EXIT_UNUSABLE_INPUT;
  }
  const prefix = `cosite ${command.name}:`;
  const parsed = parseFlags(rest, command.flags);
  if (!parsed.ok) {
    out.stderr(`${prefix} ${oneLine(parsed.error)}\n`);
    return EXIT_UNUSABLE_INPUT;
  }
  if (parsed.flags.help === true) {
    out.stdout(formatCommandHelp(command));
    return 0;
  }
  try {
    await command.run(parsed.flags, out);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      out.stderr(`${prefix} ${oneLine(error.message)}\n`);
      return EXIT_UNUSABLE_INPUT;
    }
    const detail = process.env.COSITE_DEBUG && error instanceof Error ? `\n${error.stack}` : '';
    out.stderr(
      `${prefix} internal error: ${oneLine(error instanceof Error ? error.message : String(error))}${detail}\n`,
    );
    return EXIT_INTERNAL_ERROR;
  }
}

function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
