import type { FastifyInstance } from 'fastify';
import { schemaVersion } from '../db/migrate';
import { addRoute } from '../http/addRoute';
import type { AppContext } from '../http/appContext';

/** Lets the app find out whether a CoSite server is there (it works without one, on local projects). */
export function healthRoutes(app: FastifyInstance, context: AppContext): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/health',
    handler: async () => ({ ok: true, service: 'cosite', schemaVersion: await schemaVersion(context.db) }),
  });
}
