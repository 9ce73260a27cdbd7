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

/**
 * The statements that make a connection act for `actor`: the API role, and who acts, for the policies. `local`:
 * until the transaction ends (SET LOCAL, set_config(.., true)); else until DISCARD ALL (a request's connection).
 */
function actorSettings(actor: DbActor, local = true): string {
  const literal = (value: string | number | null) => pg.escapeLiteral(value === null ? '' : String(value));
  const set = (name: string, value: string | number | null) =>
    `set_config('cosite.${name}', ${literal(value)}, ${local ? 'true' : 'false'})`;
  return [
    `${local ? 'SET LOCAL ROLE' : 'SET ROLE'} ${API_ROLE}`,
    `SELECT ${set('role', actor.role)}, ${set('user_id', actor.userId)}, ${set('province_id', actor.provinceId)}, ${set('operator', actor.operator)}`,
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
    const client = await this.pool.connect();
    const outcome = { broken: undefined as Error | undefined };
    try {
      return await runTransaction(client, actor ? actorSettings(actor) : null, work, options, outcome);
    } finally {
      client.release(outcome.broken);
    }
  }

  forRequest(actor: DbActor): { sql: Sql; release: () => Promise<void> } {
    const connection = new PostgresRequestConnection(this, actor);
    return { sql: connection, release: () => connection.release() };
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

/**
 * BEGIN (with `settings` for the transaction when given), `work`, COMMIT; ROLLBACK and again from the start on a
 * serialization failure or deadlock, backing off with jitter. `outcome.broken` is set when the connection cannot be
 * used again (a failed ROLLBACK): the caller releases it with that error, which closes it.
 */
async function runTransaction<T>(
  client: pg.PoolClient,
  settings: string | null,
  work: (tx: Sql) => Promise<T>,
  options: TransactionOptions,
  outcome: { broken: Error | undefined },
): Promise<T> {
  const begin =
    options.isolation === 'readCommitted'
      ? 'BEGIN ISOLATION LEVEL READ COMMITTED'
      : 'BEGIN ISOLATION LEVEL SERIALIZABLE';
  const opening = settings ? `${begin}; ${settings}` : begin;
  for (let attempt = 1; ; attempt++) {
    await client.query(opening);
    try {
      const result = await work(new PostgresTransaction(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        outcome.broken = rollbackError;
      });
      const code = (error as { code?: string }).code;
      if (outcome.broken || !code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 2 ** attempt)));
    }
  }
}

/**
 * One HTTP request's connection (see SqlDatabase.forRequest): taken from the pool at the first statement and set up
 * for the actor at session level (the API role, the settings); statements run on it as they come (node-postgres
 * queues them), transactions too; `release` resets it with DISCARD ALL before it goes back to the pool, or closes
 * it when the reset fails, so no other request can ever run with this actor's settings.
 */
class PostgresRequestConnection implements Sql {
  readonly engine = 'postgres' as const;
  private client: pg.PoolClient | null = null;
  private acquiring: Promise<pg.PoolClient> | null = null;
  /** Statements (or transactions) running on the connection now: release waits for them. */
  private inFlight = 0;
  private idle: (() => void) | null = null;
  /**
   * Released (the answer went out, or the client went away while the handler still runs): what comes after runs in
   * short transactions of its own, so that nothing holds a connection the release hook will never hand back.
   */
  private released = false;
  private readonly afterRelease: Sql;

  constructor(
    private readonly db: PostgresDatabase,
    private readonly actor: DbActor,
  ) {
    this.afterRelease = db.as(actor);
  }

  private connection(): Promise<pg.PoolClient> {
    if (this.client) return Promise.resolve(this.client);
    this.acquiring ??= (async () => {
      const client = await this.db.pool.connect();
      try {
        await client.query(actorSettings(this.actor, false));
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      this.client = client;
      return client;
    })().finally(() => {
      this.acquiring = null;
    });
    return this.acquiring;
  }

  /** Run `work` on the request's connection, or, once released, `afterwards` on a short transaction. */
  private async use<T>(work: (client: pg.PoolClient) => Promise<T>, afterwards: () => Promise<T>): Promise<T> {
    if (this.released) return afterwards();
    this.inFlight++;
    try {
      return await work(await this.connection());
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.idle?.();
    }
  }

  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.use(
      async (client) => (await query<T>(client, sql, params)).rows,
      () => this.afterRelease.all<T>(sql, params),
    );
  }
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return this.use(
      async (client) => (await query<T>(client, sql, params)).rows[0],
      () => this.afterRelease.get<T>(sql, params),
    );
  }
  run(sql: string, params?: SqlParams): Promise<SqlRunResult> {
    return this.use(
      async (client) => ({ changes: (await query(client, sql, params)).rowCount ?? 0 }),
      () => this.afterRelease.run(sql, params),
    );
  }
  exec(script: string): Promise<void> {
    return this.use(
      async (client) => void (await client.query(script)),
      () => this.afterRelease.exec(script),
    );
  }
  transaction<T>(work: (tx: Sql) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.use(
      async (client) => {
        const outcome = { broken: undefined as Error | undefined };
        try {
          return await runTransaction(client, null, work, options, outcome);
        } finally {
          // A connection whose ROLLBACK failed is closed, not reset.
          if (outcome.broken && this.client === client) {
            this.client = null;
            client.release(outcome.broken);
          }
        }
      },
      () => this.afterRelease.transaction(work, options),
    );
  }

  /** Wait for what runs on the connection, then reset it (DISCARD ALL) and hand it back; close it if that fails. */
  async release(): Promise<void> {
    this.released = true;
    while (this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        this.idle = resolve;
      });
    }
    this.idle = null;
    const client = this.client;
    if (!client) return;
    this.client = null;
    try {
      await client.query('DISCARD ALL');
      client.release();
    } catch (error) {
      client.release(error as Error);
    }
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
