import type Database from 'better-sqlite3';
import type { ScryptCost } from '../auth/password';
import type { SessionUser } from '../auth/sessionUser';

/** What every route needs: the database and the clock (injectable so tests can move time). */
export interface AppContext {
  db: Database.Database;
  now: () => Date;
  secureCookies: boolean;
  /** scrypt cost of new password hashes; a login matching a weaker hash stores one of this cost. */
  passwordCost: ScryptCost;
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
    input: ValidatedInput;
  }
}
