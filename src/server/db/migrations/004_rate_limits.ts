/**
 * Rate-limit counters in the database, so that every API process behind a load balancer counts the same sign-in
 * attempts and changes (see http/databaseRateLimitStore.ts). One row per key: the count in the current window and
 * when the window ends (epoch milliseconds).
 */
export const up = `
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  window_ends_ms INTEGER NOT NULL
);
CREATE INDEX rate_limits_window ON rate_limits(window_ends_ms);
`;

/** Epoch milliseconds need 64 bits on PostgreSQL. */
export const postgres = `
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  window_ends_ms BIGINT NOT NULL
);
CREATE INDEX rate_limits_window ON rate_limits(window_ends_ms);
`;
