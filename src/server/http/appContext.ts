import type { ScryptCost } from '../auth/password';
import type { SessionUser } from '../auth/sessionUser';
import type { Sql, SqlDatabase } from '../db/sqlDatabase';
import type { WriteGate } from '../db/writeGate';
import type { MastImportThread } from '../jobs/mastImportThread';

/** What every route needs: the database and the clock (injectable so tests can move time). */
export interface AppContext {
  db: SqlDatabase;
  now: () => Date;
  secureCookies: boolean;
  /** scrypt cost of new password hashes; a login matching a weaker hash stores one of this cost. */
  passwordCost: ScryptCost;
  /** Held while a worker thread writes: the request thread's writes wait (see WriteGate). */
  writes: WriteGate;
  /** The mast import's worker thread, or null for an in-memory database (imports then run on the request thread). */
  mastImports: MastImportThread | null;
}

/** The validated input of a request (see addRoute). */
export interface ValidatedInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in account, or null. Set by the authorization hook before anything else runs. */
    user: SessionUser | null;
    /** The database as this request's account (row-level security on PostgreSQL): what routes query. */
    db: Sql;
    /** Hands the request's database connection back (after the answer is sent). */
    releaseDb: () => Promise<void>;
    input: ValidatedInput;
  }
}
