import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './httpError';

export interface WriteRateLimit {
  /** State-changing requests (POST, PUT, PATCH, DELETE) one account may send per window, all routes together. */
  perUser: number;
  /** The same per client address (an office behind one NAT shares it: keep it above perUser). */
  perAddress: number;
  timeWindowMs: number;
}

/** A person at the app sends a few changes a minute; an import or a plan save is one request. */
export const DEFAULT_WRITE_RATE_LIMIT: WriteRateLimit = { perUser: 120, perAddress: 300, timeWindowMs: 60_000 };

/**
 * The hook every state-changing route runs (addRoute), after the session is resolved: one bucket per account and one
 * per client address (the right-most untrusted hop behind --trust-proxy), each shared by all such routes. Login has
 * its own, stricter limit on top (sessionRoutes). Both buckets count every request (a refused one too), so the
 * per-address bucket cannot be dodged by spreading requests over accounts.
 * (The plugin's own route hooks run only one limiter per request, hence createRateLimit.)
 */
export function writeRateLimitHook(app: FastifyInstance, limit: WriteRateLimit) {
  const limiters = [
    {
      what: 'this account',
      check: app.createRateLimit({
        max: limit.perUser,
        timeWindow: limit.timeWindowMs,
        keyGenerator: (request) => `user:${request.user?.id ?? 'none'}`,
        allowList: (request) => request.user === null,
      }),
    },
    {
      what: 'this address',
      check: app.createRateLimit({
        max: limit.perAddress,
        timeWindow: limit.timeWindowMs,
        keyGenerator: (request) => `address:${request.ip}`,
      }),
    },
  ];
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const results = await Promise.all(limiters.map((limiter) => limiter.check(request)));
    for (const [index, result] of results.entries()) {
      if (result.isAllowed || !result.isExceeded) continue;
      const limiter = limiters[index];
      reply.header('retry-after', String(result.ttlInSeconds));
      throw new HttpError(
        429,
        'rate_limited',
        `too many changes from ${limiter.what}: try again in ${result.ttlInSeconds} s`,
      );
    }
  };
}
