import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SessionUser } from '../auth/sessionUser';
import type { Sql } from '../db/sqlDatabase';
import { BODY_LIMITS } from './jsonBody';
import { checkOrigin } from './securityHeaders';
import { type ValidationIssue, validationError, validationIssues } from './validation';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const noParams = z.strictObject({});
const noQuery = z.strictObject({});
const noBody = z.strictObject({}).optional();

/**
 * A route's `body` that is the JSON body as received, a Buffer, not parsed (undefined without a body): for a route
 * that parses and validates a large body off the request thread (the mast import). The depth check, parsing and
 * validation are then the handler's.
 */
export const RAW_JSON_BODY = z.custom<Buffer>((value) => Buffer.isBuffer(value)).optional();

export interface RouteDefinition<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  url: string;
  /** Schemas of the path parameters, query string and body. A part left out must be empty (unknown keys are 400). */
  params?: P;
  querystring?: Q;
  body?: B;
  /** Fastify route config (e.g. `rateLimit`). */
  config?: Record<string, unknown>;
  /** Largest body this route takes, bytes (default BODY_LIMITS.default, 64 KiB). */
  bodyLimit?: number;
  handler: (input: {
    params: z.output<P>;
    query: z.output<Q>;
    body: z.output<B>;
    user: SessionUser | null;
    /** The database as the request's account (see FastifyRequest.db). */
    db: Sql;
    request: FastifyRequest;
    reply: FastifyReply;
  }) => unknown;
}

/**
 * Register an API route. Every route gets: zod validation of params, query and body (400 with every problem listed),
 * and for POST/PUT/PATCH/DELETE the Origin check, the rate limits per account and per address, then the CSRF check. Authentication and the role check run before (global onRequest hook),
 * the scope check after validation (global preHandler hook): see authorization/installAuthorization.ts. (On
 * SQLite, writes wait while a worker thread writes: SqliteDatabase's WriteGate.)
 */
export function addRoute<
  P extends z.ZodType = typeof noParams,
  Q extends z.ZodType = typeof noQuery,
  B extends z.ZodType = typeof noBody,
>(app: FastifyInstance, definition: RouteDefinition<P, Q, B>): void {
  const paramsSchema: z.ZodType = definition.params ?? noParams;
  const querySchema: z.ZodType = definition.querystring ?? noQuery;
  const bodySchema: z.ZodType = definition.body ?? noBody;
  const unsafe = UNSAFE_METHODS.has(definition.method);
  app.route({
    method: definition.method,
    url: definition.url,
    // `rawJsonBody`: the JSON parser hands the body over as a Buffer (see installJsonBodyParser).
    config: bodySchema === RAW_JSON_BODY ? { ...definition.config, rawJsonBody: true } : definition.config,
    bodyLimit: definition.bodyLimit ?? BODY_LIMITS.default,
    onRequest: unsafe ? [checkOrigin, app.writeRateLimit, app.csrfProtection] : undefined,
    preValidation: async (request) => {
      const issues: ValidationIssue[] = [];
      const parse = (location: string, schema: z.ZodType, value: unknown) => {
        const result = schema.safeParse(value);
        if (result.success) return result.data;
        issues.push(...validationIssues(location, result.error));
        return undefined;
      };
      const input = {
        params: parse('path', paramsSchema, { ...(request.params as object) }) as Record<string, unknown>,
        query: parse('query', querySchema, { ...(request.query as object) }) as Record<string, unknown>,
        body: parse('body', bodySchema, request.body),
      };
      if (issues.length > 0) throw validationError(issues);
      request.input = input;
    },
    handler: async (request, reply) => {
      try {
        return await definition.handler({
          params: request.input.params as z.output<P>,
          query: request.input.query as z.output<Q>,
          body: request.input.body as z.output<B>,
          user: request.user,
          db: request.db,
          request,
          reply,
        });
      } finally {
        // The handler is the last to use the request's database connection: hand it back now (also done when the
        // answer is out or the socket closes, for requests refused before their handler).
        void request.releaseDb();
      }
    },
  });
}
