import { CliError } from './cliError';
import type { ParsedFlags } from './parseFlags';

/** A `LON,LAT` flag in WGS 84 degrees (`105.37,21.07`); a CliError (exit 2, one line) when missing or malformed. */
export function requireLonLatFlag(flags: ParsedFlags, name: string): { lonDeg: number; latDeg: number } {
  const raw = flags[name];
  if (raw === undefined) throw new CliError(`missing --${name} LON,LAT`);
  const parts = typeof raw === 'string' ? raw.split(',') : [];
  const [lonDeg, latDeg] = parts.map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
  if (
    parts.length !== 2 ||
    !(Number.isFinite(lonDeg) && lonDeg >= -180 && lonDeg <= 180) ||
    !(Number.isFinite(latDeg) && latDeg >= -90 && latDeg <= 90)
  ) {
    throw new CliError(`--${name} must be LON,LAT in degrees (e.g. 105.37,21.07), got '${String(raw)}'`);
  }
  return { lonDeg, latDeg };
}
