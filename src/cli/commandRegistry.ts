import type { CliCommand } from './cliCommand';

/**
 * Every command of `cosite`, in the order help lists them, each loaded when it runs: a command pulls in only its own
 * readers and packages, so a small command starts fast (the built command line splits one chunk per command).
 */
export const COMMANDS: ReadonlyArray<{ name: string; load: () => Promise<CliCommand> }> = [
  { name: 'validate', load: async () => (await import('./commands/validate')).validateCommand },
  { name: 'convert', load: async () => (await import('./commands/convert')).convertCommand },
  { name: 'colocate', load: async () => (await import('./commands/colocate')).colocateCommand },
  { name: 'propose', load: async () => (await import('./commands/propose')).proposeCommand },
  { name: 'readiness', load: async () => (await import('./commands/readiness')).readinessCommand },
  { name: 'pathloss', load: async () => (await import('./commands/pathloss')).pathlossCommand },
  { name: 'coverage', load: async () => (await import('./commands/coverage')).coverageCommand },
  { name: 'viewshed', load: async () => (await import('./commands/viewshed')).viewshedCommand },
];

export async function findCommand(name: string): Promise<CliCommand | undefined> {
  return COMMANDS.find((command) => command.name === name)?.load();
}

/** Every command, loaded (for the program's help). */
export function loadAllCommands(): Promise<CliCommand[]> {
  return Promise.all(COMMANDS.map((command) => command.load()));
}
