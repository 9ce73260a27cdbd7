import type Database from 'better-sqlite3';
import {
  bindValues,
  compileStatement,
  type DbActor,
  type Sql,
  type SqlDatabase,
  type SqlParams,
  type SqlRunResult,
} from './sqlDatabase';
import { WriteGate } from './writeGate';

const STATEMENT_CACHE = 500;

/**
 * SqlDatabase over one better-sqlite3 connection. The driver is synchronous, so every call is done when its promise
 * is created; the promises only give both engines one shape. A transaction is BEGIN IMMEDIATE .. COMMIT on the one
 * connection, so transactions take turns (a queue), and a statement outside any transaction waits while one is open
 * rather than slipping into it (a handler resumed between two awaits of another's transaction).
 */
export class SqliteDatabase implements SqlDatabase {
  readonly engine = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();
  /** Resolves when the open transaction (and those queued before it) ended. */
  private queue: Promise<void> = Promise.resolve();
  private open = 0;
  /** Held while a worker thread writes to the same file: this connection's writes wait (see WriteGate). */
  readonly writes = new WriteGate();

  constructor(
    /** The connection (the caller no longer closes it: close() does). */
    readonly connection: Database.Database,
  ) {}

  /** SQLite has no row-level security: the routes' own checks are the isolation. */
  as(_actor: DbActor): Sql {
    return this;
  }

  forRequest(actor: DbActor): { sql: Sql; release: () => Promise<void> } {
    return { sql: this.as(actor), release: async () => {} };
  }

  get location(): string | null {
    return this.connection.memory ? null : this.connection.name;
  }

  /** Prepared statements by text, at most STATEMENT_CACHE (statements built with a varying IN list come and go). */
  private prepared(sql: string): { statement: Database.Statement; names: string[] | null } {
    const compiledStatement = compileStatement(sql, 'sqlite');
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(compiledStatement.text);
      if (this.statements.size >= STATEMENT_CACHE) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return { statement, names: compiledStatement.names };
  }

  allNow<T>(sql: string, params?: SqlParams): T[] {
    const { statement, names } = this.prepared(sql);
    return statement.all(...bindValues({ text: sql, names }, params)) as T[];
  }

  getNow<T>(sql: string, params?: SqlParams): T | undefined {
    const { statement, names } = this.prepared(sql);
    return statement.get(...bindValues({ text: sql, names }, params)) as T | undefined;
  }

  runNow(sql: string, params?: SqlParams): SqlRunResult {
    const { statement, names } = this.prepared(sql);
    if (!statement.reader) return { changes: statement.run(...bindValues({ text: sql, names }, params)).changes };
    // A statement with RETURNING reads rows: run it through all() so that it completes.
    return { changes: statement.all(...bindValues({ text: sql, names }, params)).length };
  }

  /**
   * Outside a transaction: wait while one is open, and, for a statement that writes (an INSERT .. RETURNING read
   * through get() too), while a worker thread writes; then run at once.
   */
  private async outside<T>(sql: string | null, call: () => T): Promise<T> {
    const writes = sql === null || !this.prepared(sql).statement.readonly;
    while (this.open > 0 || (writes && !this.writes.open)) {
      await this.writes.opened();
      await this.queue;
    }
    return call();
  }

  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.outside(sql, () => this.allNow<T>(sql, params));
  }

  get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return this.outside(sql, () => this.getNow<T>(sql, params));
  }

  run(sql: string, params?: SqlParams): Promise<SqlRunResult> {
    return this.outside(sql, () => this.runNow(sql, params));
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    // Wait for a worker's write before queuing, so that reads outside transactions go on meanwhile.
    while (!this.writes.open) await this.writes.opened();
    const before = this.queue;
    let done = () => {};
    this.queue = new Promise<void>((resolve) => {
      done = resolve;
    });
    this.open++;
    try {
      await before;
      while (!this.writes.open) await this.writes.opened();
      this.connection.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(new SqliteTransaction(this));
        this.connection.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.open--;
      done();
    }
  }

  async exec(script: string): Promise<void> {
    await this.outside(null, () => this.connection.exec(script));
  }

  async close(): Promise<void> {
    while (this.open > 0) await this.queue;
    if (this.connection.open) this.connection.close();
  }
}

/** The statements of one open transaction: run at once, on the transaction's connection. */
class SqliteTransaction implements Sql {
  readonly engine = 'sqlite' as const;
  constructor(private readonly db: SqliteDatabase) {}
  async all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.db.allNow<T>(sql, params);
  }
  async get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return this.db.getNow<T>(sql, params);
  }
  async run(sql: string, params?: SqlParams): Promise<SqlRunResult> {
    return this.db.runNow(sql, params);
  }
  async exec(script: string): Promise<void> {
    this.db.connection.exec(script);
  }
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return work(this);
  }
}
