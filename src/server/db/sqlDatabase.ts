/**
 * The one interface the server's store speaks, over two engines: SQLite (better-sqlite3, the embedded default) and
 * PostgreSQL (node-postgres). Statements are written once, in the SQL both engines share, with `?` for positional or
 * `@name` for named parameters; each engine rewrites them for its driver (PostgreSQL's `$1`). Where the engines
 * differ (schema, spatial questions), the store asks `engine`.
 */
export type SqlEngine = 'sqlite' | 'postgres';
export type SqlValue = string | number | null;
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

export interface SqlRunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export interface TransactionOptions {
  isolation?: 'serializable' | 'readCommitted';
}

/**
 * Who the database is acting for: on PostgreSQL, every statement of a scoped connection (SqlDatabase.as) runs in a
 * transaction that sets these (SET LOCAL through set_config) and switches to the API role, and the row-level
 * security policies of migration 5 decide what it may read and change. `system` is the server itself (the demo
 * seed, the sweep that lapses approvals).
 */
export interface DbActor {
  userId: number | null;
  /** `anonymous`: no account (public routes); the policies give it nothing. */
  role: 'ministry' | 'province' | 'operator' | 'system' | 'anonymous';
  provinceId: string | null;
  operator: string | null;
}

export const SYSTEM_DB_ACTOR: DbActor = { userId: null, role: 'system', provinceId: null, operator: null };
export const ANONYMOUS_DB_ACTOR: DbActor = { userId: null, role: 'anonymous', provinceId: null, operator: null };

/** The database actor of a signed-in account (or anonymous). */
export function dbActorOf(
  user: {
    id: number;
    role: 'ministry' | 'province' | 'operator';
    provinceId: string | null;
    operator: string | null;
  } | null,
): DbActor {
  if (!user) return ANONYMOUS_DB_ACTOR;
  return { userId: user.id, role: user.role, provinceId: user.provinceId, operator: user.operator };
}

/** Queries on a database or inside one of its transactions. */
export interface Sql {
  readonly engine: SqlEngine;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  run(sql: string, params?: SqlParams): Promise<SqlRunResult>;
  /** Run a script of several statements, without parameters (migrations), as it is written. */
  exec(script: string): Promise<void>;
  /**
   * Run `work` in one transaction: committed when it resolves, rolled back when it throws. Inside a transaction it
   * simply runs `work` in the one already open. On PostgreSQL the transaction is SERIALIZABLE and retried when the
   * database reports a serialization failure or a deadlock, so `work` must have no effect outside the database
   * before it resolves. `readCommitted` (PostgreSQL only; SQLite's are serial anyway) lets each statement see what
   * others committed before it: for work that serialises itself with a lock (migrations).
   */
  transaction<T>(work: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export interface SqlDatabase extends Sql {
  /**
   * Where another connection (a worker thread's) reaches the same database: a SQLite file or a postgres:// URL; null
   * for an in-memory SQLite database, which no other connection can reach.
   */
  readonly location: string | null;
  /**
   * The database as `actor`: on PostgreSQL, row-level security limits every statement to what the actor may see and
   * change, whatever the caller's own checks; on SQLite (one machine, one process's checks) the database itself.
   */
  as(actor: DbActor): Sql;
  /**
   * The database as `actor` for the length of one HTTP request: on PostgreSQL one pooled connection, set up for the
   * actor once (role and settings at session level, so each statement costs one round trip, not three), handed back
   * reset (DISCARD ALL) by `release`; used again after release, it takes a new connection. On SQLite: `as`.
   */
  forRequest(actor: DbActor): { sql: Sql; release: () => Promise<void> };
  close(): Promise<void>;
}

interface CompiledStatement {
  text: string;
  /** Names of `@name` parameters in order, or null for positional `?` parameters. */
  names: string[] | null;
}

const compiled = new Map<string, CompiledStatement>();

/**
 * Rewrite a statement's parameters: `@name` to positions (each occurrence its own), and, for PostgreSQL, every `?`
 * to `$n`. Quoted strings and identifiers are left alone. Cached per statement text and engine.
 */
export function compileStatement(sql: string, engine: SqlEngine): CompiledStatement {
  const key = `${engine}\u0000${sql}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  let text = '';
  let names: string[] | null = null;
  let position = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const char = sql[i];
    if (quote) {
      text += char;
      if (char === quote) quote = null;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      text += char;
      continue;
    }
    if (char === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      let end = i + 1;
      while (end < sql.length && /\w/.test(sql[end])) end++;
      names ??= [];
      names.push(sql.slice(i + 1, end));
      position++;
      text += engine === 'postgres' ? `$${position}` : '?';
      i = end - 1;
      continue;
    }
    if (char === '?') {
      position++;
      text += engine === 'postgres' ? `$${position}` : '?';
      continue;
    }
    text += char;
  }
  const statement = { text, names };
  compiled.set(key, statement);
  return statement;
}

/** The values of a compiled statement's parameters, in order. */
export function bindValues(statement: CompiledStatement, params: SqlParams | undefined): SqlValue[] {
  if (params === undefined) return [];
  if (statement.names === null) {
    if (!Array.isArray(params)) throw new Error('this statement takes positional (?) parameters: pass an array');
    return params as SqlValue[];
  }
  if (Array.isArray(params)) throw new Error('this statement takes named (@name) parameters: pass an object');
  const named = params as Readonly<Record<string, SqlValue>>;
  return statement.names.map((name) => {
    if (!(name in named)) throw new Error(`no value for the parameter @${name}`);
    return named[name];
  });
}
