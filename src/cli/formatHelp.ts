import type { CliCommand } from './cliCommand';

export function formatProgramHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const list = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n');
  return [
    'CoSite command line: the same analysis as the browser app, printing JSON on stdout.',
    '',
    'Usage: cosite COMMAND [flags]     (from the repository: npm run cli -- COMMAND [flags])',
    '',
    'Commands:',
    list,
    '',
    "Run 'cosite COMMAND --help' for a command's flags.",
    'Exit status: 0 done (rejected rows are part of the result), 2 an input could not be used at all.',
    '',
  ].join('\n');
}

export function formatCommandHelp(command: CliCommand): string {
  const entries = Object.entries(command.flags).map(([name, flag]) => ({
    label: `--${name}${flag.type === 'string' ? ` ${flag.valueName ?? 'VALUE'}` : ''}`,
    description: flag.description,
  }));
  const width = Math.max(...entries.map((entry) => entry.label.length));
  const list = entries.map((entry) => `  ${entry.label.padEnd(width)}  ${entry.description}`).join('\n');
  return [
    `Usage: ${command.usage}`,
    '',
    `${command.summary[0].toUpperCase()}${command.summary.slice(1)}.`,
    '',
    'Flags:',
    list,
    '',
  ].join('\n');
}
