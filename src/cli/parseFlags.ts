export interface FlagDefinition {
  type: 'string' | 'boolean';
  /** Placeholder shown in help for a string flag's value: FILE. */
  valueName?: string;
  description: string;
}

export type FlagSpec = Readonly<Record<string, FlagDefinition>>;
/** Flag name (without --) to its value; boolean flags given are true, absent flags are missing. */
export type ParsedFlags = Record<string, string | boolean>;
export type FlagParseResult = { ok: true; flags: ParsedFlags } | { ok: false; error: string };

/**
 * Parse `--name value`, `--name=value` and boolean `--name` (or `--name=true|false`); `-h` means `--help` when the
 * spec has `help`. Unknown flags, repeated flags, missing values and positional arguments are errors, returned
 * as one-line messages.
 */
export function parseFlags(args: readonly string[], spec: FlagSpec): FlagParseResult {
  const flags: ParsedFlags = {};
  const known = Object.keys(spec)
    .map((name) => `--${name}`)
    .join(', ');
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] === '-h' && spec.help ? '--help' : args[i];
    if (!arg.startsWith('--') || arg === '--') {
      const what = arg.startsWith('-') && arg !== '-' ? `unknown flag ${arg}` : `unexpected argument '${arg}'`;
      return { ok: false, error: `${what} (flags: ${known})` };
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals < 0 ? undefined : equals);
    const inlineValue = equals < 0 ? undefined : arg.slice(equals + 1);
    const definition = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!definition) return { ok: false, error: `unknown flag --${name} (flags: ${known})` };
    if (Object.hasOwn(flags, name)) return { ok: false, error: `flag --${name} given twice` };
    if (definition.type === 'boolean') {
      if (inlineValue === undefined || inlineValue === 'true' || inlineValue === '1') flags[name] = true;
      else if (inlineValue === 'false' || inlineValue === '0') flags[name] = false;
      else return { ok: false, error: `flag --${name} takes no value (or true/false), got '${inlineValue}'` };
      continue;
    }
    let value = inlineValue;
    if (value === undefined) {
      const nextArg = args[i + 1];
      if (nextArg === undefined || nextArg.startsWith('--')) {
        return { ok: false, error: `flag --${name} needs a value: --${name} ${definition.valueName ?? 'VALUE'}` };
      }
      value = nextArg;
      i++;
    }
    if (value === '') return { ok: false, error: `flag --${name} has an empty value` };
    flags[name] = value;
  }
  return { ok: true, flags };
}
