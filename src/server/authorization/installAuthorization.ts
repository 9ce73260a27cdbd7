import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolveSession, SESSION_COOKIE } from '../auth/sessions';
import { dbActorOf, type Sql } from '../db/sqlDatabase';
import type { AppContext, ValidatedInput } from '../http/appContext';
import { HttpError } from '../http/httpError';
import { createRequestsInFlight } from '../http/requestsInFlight';
import { checkScope } from './checkScope';
import { ROUTE_RULES, type RouteRule, routeKey } from './routeRules';

export const API_PREFIX = '/api/';

const ROLE_LABEL = { ministry: 'the ministry', province: 'a province planner', operator: 'an operator' } as const;

function ruleOf(request: FastifyRequest): RouteRule | undefined {
  const url = request.routeOptions.url;
  return url === undefined ? undefined : ROUTE_RULES[routeKey(request.method, url)];
}

/**
 * Deny by default, on the server, for every route:
 * - at start-up, an /api route without an entry in ROUTE_RULES stops the server (onRoute throws);
 * - on each request, the session cookie is resolved, then a route without a rule is refused (403), a route that needs
 *   an account answers 401 without a valid session and 403 for a role the rule does not list;
 * - after the input is validated, the role's scope is checked (403 for another province in the path, 404 for a
 *   record of another province or operator, see checkScope).
 */
export function installAuthorization(app: FastifyInstance, context: AppContext): void {
  const inFlight = createRequestsInFlight();
  app.decorateRequest('user', null);
  app.decorateRequest('input', null as unknown as ValidatedInput);
  app.decorateRequest('db', null as unknown as Sql);
  app.decorateRequest('releaseDb', async () => {});
  // The request's connection goes back to the pool once the answer is out (or the client went away).
  const release = async (request: FastifyRequest) => {
    const releaseDb = request.releaseDb;
    request.releaseDb = async () => {};
    await releaseDb();
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(API_PREFIX)) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (!ROUTE_RULES[routeKey(method, route.url)]) {
        throw new Error(`route ${routeKey(method, route.url)} has no authorization rule in ROUTE_RULES`);
      }
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    request.user = await resolveSession(context.db, request.cookies[SESSION_COOKIE], context.now());
    const url = request.routeOptions.url;
    if (url === undefined) return; // no route matched: the not-found handler answers
    if (!url.startsWith(API_PREFIX)) return; // static files of the app
    // The API route's database connection, as the account (taken at its first statement).
    const connection = context.db.forRequest(dbActorOf(request.user));
    request.db = connection.sql;
    request.releaseDb = connection.release;
    // Whatever ends the exchange (the answer sent, the socket gone mid-handler), the response's 'close' comes.
    if (reply.raw.closed) void release(request);
    else reply.raw.once('close', () => void release(request));
    const rule = ruleOf(request);
    if (!rule) throw new HttpError(403, 'forbidden', 'this route has no authorization rule');
    if (rule.public) return;
    // One account's burst waits its turn instead of holding everyone's event loop (the health check stays public).
    inFlight.enter(request, reply);
    if (!request.user) throw new HttpError(401, 'unauthenticated', 'log in first (POST /api/session)');
    if (!rule.roles[request.user.role]) {
      throw new HttpError(403, 'forbidden', `${ROLE_LABEL[request.user.role]} may not do this`);
    }
  });

  app.addHook('preHandler', async (request) => {
    const rule = ruleOf(request);
    if (!rule || rule.public || !request.user) return;
    const scope = rule.roles[request.user.role];
    if (!scope) throw new HttpError(403, 'forbidden', `${ROLE_LABEL[request.user.role]} may not do this`);
    const decision = await checkScope(request.db, scope, request.user, request.input);
    if (decision === 'forbidden') {
      throw new HttpError(403, 'forbidden', 'your account may not act for another province or operator');
    }
    if (decision === 'notFound') throw new HttpError(404, 'not_found', 'not found');
  });
}
