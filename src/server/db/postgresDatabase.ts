import pg from 'pg';
import {
  bindValues,
  compileStatement,
  type DbActor,
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

/**
 * The role the API's statements run as (migration 5): not the tables' owner, no BYPASSRLS, so row-level security
 * applies to it; no UPDATE or DELETE on the audit trail.
 */
export const API_ROLE = 'cosite_api';

/** bigint (COUNT(*), identity columns) as a number: CoSite's counts and ids stay far below 2^53. */
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format),
} as pg.CustomTypesConfig;

async function query<T>(client: pg.Pool | pg.PoolClient, sql: string, params?: SqlParams) {
  const statement = compileStatement(sql, 'postgres');
  return client.query<T & pg.QueryResultRow>({ text: statement.text, values: bindValues(statement, params) });
}

/** The statements that open a transaction for `actor`: the API role, and who acts, for the policies. */
function actorSettings(actor: DbActor): string {
  const literal = (value: string | number | null) => pg.escapeLiteral(value === null ? '' : String(value));
  return [
    `SET LOCAL ROLE ${API_ROLE}`,
    `SELECT set_config('cosite.role', ${literal(actor.role)}, true), set_config('cosite.user_id', ${literal(actor.userId)}, true), set_config('cosite.province_id', ${literal(actor.provinceId)}, true), set_config('cosite.operator', ${literal(actor.operator)}, true)`,
  ].join('; ');
}

/**
 * SqlDatabase over a node-postgres pool. Every transaction is SERIALIZABLE unless asked otherwise: two transactions
 * that would not have given the same result one after the other (a check then a write, raced) make one of them fail
 * with 40001, and it runs again from the start, so the store's read-check-write steps mean on PostgreSQL what they
 * mean on SQLite, whose writers take turns.
 *
 * The pool's own statements run as the connecting role (migrations, sessions, rate limits: tables without row-level
 * security). `as(actor)` gives the connection the routes use: each statement or transaction switches to API_ROLE
 * and says who acts, so the policies of migration 5 apply.
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

  as(actor: DbActor): Sql {
    return new PostgresActorConnection(this, actor);
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

  transaction<T>(work: (tx: Sql) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.transactionAs(null, work, options);
  }

  /** A transaction, as `actor` when given (see actorSettings), retried on serialization failures. */
  async transactionAs<T>(
    actor: DbActor | null,
    work: (tx: Sql) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    const begin =
      options.isolation === 'readCommitted'
        ? 'BEGIN ISOLATION LEVEL READ COMMITTED'
        : 'BEGIN ISOLATION LEVEL SERIALIZABLE';
    const opening = actor ? `${begin}; ${actorSettings(actor)}` : begin;
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        await client.query(opening);
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

/** The database as one actor: each statement in its own short transaction with the actor's settings. */
class PostgresActorConnection implements Sql {
  readonly engine = 'postgres' as const;
  constructor(
    private readonly db: PostgresDatabase,
    private readonly actor: DbActor,
  ) {}
  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.db.transactionAs(this.actor, (tx) => tx.all<T>(sql, params), { isolation: 'readCommitted' });
  }
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return this.db.transactionAs(this.actor, (tx) => tx.get<T>(sql, params), { isolation: 'readCommitted' });
  }
  run(sql: string, params?: SqlParams): Promise<SqlRunResult> {
    return this.db.transactionAs(this.actor, (tx) => tx.run(sql, params), { isolation: 'readCommitted' });
  }
  exec(script: string): Promise<void> {
    return this.db.transactionAs(this.actor, (tx) => tx.exec(script), { isolation: 'readCommitted' });
  }
  transaction<T>(work: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return this.db.transactionAs(this.actor, work, options);
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
