import { z } from 'zod';
import { HttpError } from './httpError';

/**
 * Cursors of the list routes: the sort key of the last row answered, opaque to clients (base64url of a JSON array).
 * A cursor only says where to continue; the route applies its filters and the caller's scope again, so an edited
 * cursor can skip rows but never show one the caller may not see.
 */
export type CursorKey = readonly (string | number)[];

export const cursorSchema = z.string().min(1).max(400).optional();

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key of a cursor, checked against the kinds of its parts (400 for anything else). */
export function decodeCursor(cursor: string, kinds: readonly ('string' | 'number')[]): (string | number)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  if (
    !Array.isArray(key) ||
    key.length !== kinds.length ||
    !key.every((part, index) => typeof part === kinds[index] && (typeof part !== 'number' || Number.isFinite(part)))
  ) {
    throw new HttpError(400, 'invalid_input', 'invalid input: query.after: not a cursor this list gave out');
  }
  return key as (string | number)[];
}

/**
 * A page of `limit` rows from `rows` fetched with LIMIT limit + 1: the extra row only says whether there is more, so
 * `nextCursor` is null exactly at the end.
 */
export function page<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => CursorKey,
): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const shown = rows.slice(0, limit);
  return { rows: shown, nextCursor: encodeCursor(keyOf(shown[shown.length - 1])) };
}
