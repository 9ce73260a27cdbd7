import { CrsError, resolveCrs } from '../core/crs/crsDefinitions';
import { CliError } from './cliError';
import type { ParsedFlags } from './parseFlags';

/** --crs as a coordinate reference system (EPSG code, UTM zone, VN-2000 zone...), undefined when absent. */
export function readCrsFlag(flags: ParsedFlags): ReturnType<typeof resolveCrs> | undefined {
  const value = flags.crs;
  if (typeof value !== 'string') return undefined;
  try {
    return resolveCrs(value);
  } catch (error) {
    if (error instanceof CrsError) throw new CliError(`--crs: ${error.message}`);
    throw error;
  }
}
