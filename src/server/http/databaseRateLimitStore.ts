import type { Sql } from '../db/sqlDatabase';

/** What @fastify/rate-limit asks of a store (the subset CoSite uses: fixed windows, no ban, no backoff). */
type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * Count one hit on `key` in a fixed window of `timeWindowMs` that starts at the key's first hit: one atomic upsert,
 * so that concurrent API processes on the same database count together. Returns the count in the window and the
 * milliseconds left in it.
 */
export async function countRateLimitHit(
  db: Sql,
  key: string,
  timeWindowMs: number,
  nowMs: number,
): Promise<{ current: number; ttl: number }> {
  const row = await db.get<{ count: number; window_ends_ms: number }>(
    `INSERT INTO rate_limits (key, count, window_ends_ms) VALUES (@key, 1, @windowEnds)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_limits.window_ends_ms <= @now THEN 1 ELSE rate_limits.count + 1 END,
       window_ends_ms = CASE WHEN rate_limits.window_ends_ms <= @now THEN @windowEnds ELSE rate_limits.window_ends_ms END
     RETURNING count, window_ends_ms`,
    { key, now: nowMs, windowEnds: nowMs + timeWindowMs },
  );
  if (!row) throw new Error(`the rate-limit counter of ${key} was not stored`);
  return { current: Number(row.count), ttl: Math.max(0, Number(row.window_ends_ms) - nowMs) };
}

/** Drop counters whose window ended (the background sweep). */
export async function deleteEndedRateLimits(db: Sql, nowMs: number): Promise<number> {
  return (await db.run('DELETE FROM rate_limits WHERE window_ends_ms <= ?', [nowMs])).changes;
}

/**
 * A @fastify/rate-limit store class over the database (the plugin constructs it). Each limiter (`child`) gets its
 * own key space from its limits, the same in every process, so that the login limit and the write limits never
 * share a counter.
 */
export function databaseRateLimitStore(db: Sql) {
  return class DatabaseRateLimitStore {
    private readonly prefix: string;

    /** The plugin passes its options; a child passes its key prefix. */
    constructor(options: unknown) {
      this.prefix = typeof options === 'string' ? options : '';
    }

    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      countRateLimitHit(db, `${this.prefix}${key}`, timeWindow, Date.now()).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: object) {
      const { max, timeWindow } = routeOptions as { max?: unknown; timeWindow?: unknown };
      return new DatabaseRateLimitStore(`${String(max)}/${String(timeWindow)}:`);
    }
  };
}
