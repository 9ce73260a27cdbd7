import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrfProtection from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type onRequestHookHandler,
} from 'fastify';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from './auth/password';
import { deleteExpiredSessions } from './auth/sessions';
import { API_PREFIX, installAuthorization } from './authorization/installAuthorization';
import { openServerDatabase } from './db/openDatabase';
import { serverSecret } from './db/serverSecret';
import { type SqlDatabase, SYSTEM_DB_ACTOR } from './db/sqlDatabase';
import { SqliteDatabase } from './db/sqliteDatabase';
import { WriteGate } from './db/writeGate';
import type { AppContext } from './http/appContext';
import { databaseRateLimitStore, deleteEndedRateLimits } from './http/databaseRateLimitStore';
import { type ErrorBody, HttpError } from './http/httpError';
import { BODY_LIMITS, installJsonBodyParser } from './http/jsonBody';
import { CONTENT_SECURITY_POLICY } from './http/securityHeaders';
import { DEFAULT_WRITE_RATE_LIMIT, type WriteRateLimit, writeRateLimitHook } from './http/writeRateLimits';
import { MastImportThread } from './jobs/mastImportThread';
import { auditRoutes } from './routes/auditRoutes';
import { healthRoutes } from './routes/healthRoutes';
import { infrastructureRoutes } from './routes/infrastructureRoutes';
import { planRoutes } from './routes/planRoutes';
import { provinceRoutes } from './routes/provinceRoutes';
import { readinessRoutes } from './routes/readinessRoutes';
import { requestRoutes } from './routes/requestRoutes';
import { csrfUserInfo, type LoginRateLimit, sessionRoutes } from './routes/sessionRoutes';
import { lapseDueApprovals } from './store/requests';

export interface ServerOptions {
  /** Folder of the SQLite database (created and migrated on start), or ':memory:'. Ignored when `db` is given. */
  dataDir?: string;
  /** A postgres:// URL: the database is PostgreSQL (migrated on start) instead of SQLite in `dataDir`. */
  databaseUrl?: string | null;
  /** An opened, migrated database (the caller closes it). */
  db?: SqlDatabase;
  /** Folder of the built app (vite build's dist) to serve at /, or null for the API only. */
  staticDir?: string | null;
  /**
   * Mark cookies `Secure` (sent over HTTPS only). Turn on whenever the server is reached over HTTPS (directly or
   * behind a TLS proxy); it must stay off for plain http://127.0.0.1, where browsers would drop Secure cookies.
   */
  secureCookies?: boolean;
  /**
   * Reverse proxies whose X-Forwarded-For the server believes: addresses, CIDR ranges or proxy-addr's names
   * (`loopback`, `linklocal`, `uniquelocal`); `true` is `['loopback']`. The client address (for the rate limits) is
   * then the right-most hop that is not one of them, so a client cannot choose it by sending X-Forwarded-For itself.
   * Off (the socket's address) by default.
   */
  trustProxy?: boolean | readonly string[];
  loginRateLimit?: LoginRateLimit;
  /** scrypt cost of password hashes (DEFAULT_SCRYPT_COST, OWASP's; tests use a cheap one). */
  passwordCost?: ScryptCost;
  /** Limits on state-changing requests per account and per address (DEFAULT_WRITE_RATE_LIMIT). */
  writeRateLimit?: WriteRateLimit;
  /** The clock (tests move it to make approvals lapse). */
  now?: () => Date;
  /** How often approvals are lapsed and expired sessions removed in the background, ms; 0 turns it off. */
  sweepIntervalMs?: number;
  logger?: boolean;
}

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimit = { max: 10, timeWindowMs: 60_000 };

/** The CoSite API server (and the app's static files), ready to `listen` or to `inject` in tests. */
export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const ownsDb = !options.db;
  const db =
    options.db ??
    (await openServerDatabase({ dataDir: options.dataDir ?? ':memory:', databaseUrl: options.databaseUrl }));
  const context: AppContext = {
    db,
    now: options.now ?? (() => new Date()),
    secureCookies: options.secureCookies ?? false,
    passwordCost: options.passwordCost ?? DEFAULT_SCRYPT_COST,
    // On SQLite, the connection's own gate (its writes wait while the import's worker writes); PostgreSQL's is never held.
    writes: db instanceof SqliteDatabase ? db.writes : new WriteGate(),
    // A worker cannot open an in-memory database: imports into one run on the request thread.
    mastImports: db.location === null ? null : new MastImportThread(db.location),
  };
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    // Routes set their own budget (addRoute: BODY_LIMITS.default unless the route says otherwise).
    bodyLimit: BODY_LIMITS.default,
    exposeHeadRoutes: false,
    trustProxy: trustedProxies(options.trustProxy),
    // A malformed address (a bad percent-encoding) or content type refused before routing: the API's error shape.
    frameworkErrors: (error, _request, frameworkReply) => {
      const reply = frameworkReply as FastifyReply;
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      const code = error.code === 'FST_ERR_BAD_URL' ? 'invalid_input' : (CLIENT_ERROR_CODES[status] ?? 'bad_request');
      const message = error.code === 'FST_ERR_BAD_URL' ? 'the address is not valid (a bad %-encoding)' : error.message;
      // Hooks do not run on these answers: the headers every answer carries are set here.
      setSecurityHeaders(reply).header('cache-control', 'no-store');
      return reply.code(status).send({ error: code, message });
    },
  });
  app.decorate('cosite', context);
  installJsonBodyParser(app);

  await app.register(fastifyCookie);
  await app.register(fastifyCsrfProtection, {
    cookieKey: 'cosite_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure: context.secureCookies },
    getToken: (request) => request.headers['x-csrf-token'] as string | undefined,
    getUserInfo: (request) => csrfUserInfo(request),
    csrfOpts: { hmacKey: await serverSecret(db, 'csrf-hmac-key') },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    // Counters in the database: every API process on it counts the same attempts.
    store: databaseRateLimitStore(db),
    errorResponseBuilder: (_request, limit) =>
      new HttpError(429, 'rate_limited', `too many login attempts: try again in ${limit.after}`),
  });
  app.decorate('writeRateLimit', writeRateLimitHook(app, options.writeRateLimit ?? DEFAULT_WRITE_RATE_LIMIT));
  installAuthorization(app, context);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = errorBody(error, request.routeOptions.bodyLimit);
    const status = error instanceof HttpError ? error.statusCode : (error.statusCode ?? 500);
    if (status >= 500) request.log.error(error);
    // A body over the limit is not read on: close the connection rather than drain the rest of it.
    if (status === 413) reply.header('connection', 'close');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith(API_PREFIX) || !staticDir || request.method !== 'GET') {
      return reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url}` });
    }
    return reply.sendFile('index.html'); // the single-page app handles its own paths
  });
  app.addHook('onSend', async (request, reply) => {
    setSecurityHeaders(reply);
    if (request.url.startsWith(API_PREFIX)) reply.header('cache-control', 'no-store');
  });

  healthRoutes(app, context);
  sessionRoutes(app, context, options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT);
  provinceRoutes(app, context);
  infrastructureRoutes(app, context);
  planRoutes(app, context);
  requestRoutes(app, context);
  readinessRoutes(app, context);
  auditRoutes(app, context);

  const staticDir = options.staticDir ? path.resolve(options.staticDir) : null;
  if (staticDir) {
    if (!existsSync(path.join(staticDir, 'index.html'))) {
      throw new Error(`no built app in ${staticDir} (index.html missing): run "vite build" first`);
    }
    await app.register(fastifyStatic, { root: staticDir, wildcard: true });
  }

  const sweepIntervalMs = options.sweepIntervalMs ?? 10 * 60_000;
  const sweep =
    sweepIntervalMs > 0
      ? setInterval(() => {
          if (!context.writes.open) return; // a worker writes: next round
          lapseDueApprovals(db.as(SYSTEM_DB_ACTOR), context.now())
            .then(() => deleteExpiredSessions(db, context.now()))
            .then(() => deleteEndedRateLimits(db, Date.now()))
            .catch((error: unknown) => app.log.error(error, 'background sweep failed'));
        }, sweepIntervalMs)
      : null;
  sweep?.unref();
  app.addHook('onClose', async () => {
    if (sweep) clearInterval(sweep);
    await context.mastImports?.close();
    if (ownsDb) await db.close();
  });
  return app;
}

/** Fastify's trustProxy: a list (never `true`, which would take the left-most, client-chosen address). */
export function trustedProxies(trust: boolean | readonly string[] | undefined): false | string[] {
  if (trust === true) return ['loopback'];
  if (!trust || trust.length === 0) return false;
  return [...trust];
}

/** `bodyLimitBytes`: the route's body budget, told in a 413 so that the app can say how large a body may be. */
function errorBody(error: FastifyError | HttpError, bodyLimitBytes: number | undefined): ErrorBody {
  if (error instanceof HttpError) {
    return {
      error: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    };
  }
  switch (error.code) {
    case 'FST_CSRF_MISSING_SECRET':
    case 'FST_CSRF_INVALID_TOKEN':
      return {
        error: 'csrf',
        message:
          'missing or invalid CSRF token: get one from GET /api/csrf (or the login answer) and send it in the x-csrf-token header',
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        error: 'too_large',
        message: `the request body is too large${bodyLimitBytes ? ` (at most ${bodyLimitBytes} bytes here)` : ''}`,
        ...(bodyLimitBytes ? { details: { limitBytes: bodyLimitBytes } } : {}),
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { error: 'unsupported_media_type', message: 'send JSON (content-type: application/json)' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { error: 'invalid_input', message: 'the JSON body is empty: send {} at least' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { error: 'invalid_input', message: 'the body is not valid JSON' };
  }
  if (error.statusCode === 400 && error instanceof SyntaxError) {
    return { error: 'invalid_input', message: 'the body is not valid JSON' };
  }
  if (error.statusCode && error.statusCode < 500) {
    return { error: CLIENT_ERROR_CODES[error.statusCode] ?? 'bad_request', message: error.message };
  }
  return { error: 'internal', message: 'internal server error' };
}

function setSecurityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', CONTENT_SECURITY_POLICY);
}

/** The API's error codes for the client errors plugins raise (a file server's 403 on a dot file, 404, 416). */
const CLIENT_ERROR_CODES: Readonly<Record<number, string>> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'too_large',
  415: 'unsupported_media_type',
  416: 'range_not_satisfiable',
  429: 'rate_limited',
};

declare module 'fastify' {
  interface FastifyInstance {
    cosite: AppContext;
    /** The rate limits every state-changing route runs (see writeRateLimits.ts). */
    writeRateLimit: onRequestHookHandler;
  }
}
