import pg from 'pg';
import {
  bindValues,
  compileStatement,
  type Sql,
  type SqlDatabase,
  type SqlParams,
  type SqlRunResult,
  type TransactionOptions,
} from './sqlDatabase';

/** PostgreSQL's codes for "try the transaction again": serialization failure and deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);
/**
 * Attempts of one transaction before its serialization failure goes to the caller (a 500). Under a burst of writes
 * on the same small tables, PostgreSQL's serializable checks also cancel transactions that did not really conflict
 * (page- and relation-level predicate locks), so the retries back off with jitter: 2 ms doubling up to 200 ms.
 */
const MAX_ATTEMPTS = 25;

/** bigint (COUNT(*), identity columns) as a number: CoSite's counts and ids stay far below 2^53. */
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format),
} as pg.CustomTypesConfig;

async function query<T>(client: pg.Pool | pg.PoolClient, sql: string, params?: SqlParams) {
  const statement = compileStatement(sql, 'postgres');
  return client.query<T & pg.QueryResultRow>({ text: statement.text, values: bindValues(statement, params) });
}

/**
 * SqlDatabase over a node-postgres pool. Every transaction is SERIALIZABLE: two transactions that would not have
 * given the same result one after the other (a check then a write, raced) make one of them fail with 40001, and it
 * runs again from the start, so the store's read-check-write steps mean on PostgreSQL what they mean on SQLite,
 * whose writers take turns.
 */
export class PostgresDatabase implements SqlDatabase {
  readonly engine = 'postgres' as const;
  readonly pool: pg.Pool;

  constructor(
    readonly location: string,
    options: { max?: number } = {},
  ) {
    this.pool = new pg.Pool({ connectionString: location, max: options.max ?? 10, types });
    // An idle client losing its connection (the server restarting) must not crash the process.
    this.pool.on('error', () => {});
  }

  async all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return (await query<T>(this.pool, sql, params)).rows;
  }

  async get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return (await query<T>(this.pool, sql, params)).rows[0];
  }

  async run(sql: string, params?: SqlParams): Promise<SqlRunResult> {
    return { changes: (await query(this.pool, sql, params)).rowCount ?? 0 };
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const begin =
      options.isolation === 'readCommitted'
        ? 'BEGIN ISOLATION LEVEL READ COMMITTED'
        : 'BEGIN ISOLATION LEVEL SERIALIZABLE';
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        await client.query(begin);
        try {
          const result = await work(new PostgresTransaction(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch((rollbackError: Error) => {
            broken = rollbackError;
          });
          const code = (error as { code?: string }).code;
          if (broken || !code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 2 ** attempt)));
        }
      }
    } finally {
      client.release(broken);
    }
  }

  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  /** End the pool (again: nothing). */
  async close(): Promise<void> {
    if (this.pool.ended || this.pool.ending) return;
    await this.pool.end();
  }
}

class PostgresTransaction implements Sql {
  readonly engine = 'postgres' as const;
  constructor(private readonly client: pg.PoolClient) {}
  async all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return (await query<T>(this.client, sql, params)).rows;
  }
  async get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return (await query<T>(this.client, sql, params)).rows[0];
  }
  async run(sql: string, params?: SqlParams): Promise<SqlRunResult> {
    return { changes: (await query(this.client, sql, params)).rowCount ?? 0 };
  }
  async exec(script: string): Promise<void> {
    await this.client.query(script);
  }
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return work(this);
  }
}
