import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './httpError';

/**
 * How many requests one account (or, signed out, one address) may have in progress at once. A page fires a handful
 * together (the lists after signing in, a province's masts page by page); hundreds at once are a script hammering the
 * server, and every answer of a large read is built on the one event loop every other user shares: 300 parallel
 * reads of 10,000 masts held the health check for 17 s.
 */
export const MAX_REQUESTS_IN_FLIGHT = 16;

/**
 * A counter of the requests in progress per account (or address): `enter` refuses with 429 `rate_limited` (and
 * Retry-After: 1) past `max`, and counts the request until its response closes (sent, failed or abandoned).
 */
export function createRequestsInFlight(max = MAX_REQUESTS_IN_FLIGHT) {
  const inFlight = new Map<string, number>();
  return {
    enter(request: FastifyRequest, reply: FastifyReply): void {
      const key = request.user ? `user:${request.user.id}` : `address:${request.ip}`;
      const count = inFlight.get(key) ?? 0;
      if (count >= max) {
        reply.header('retry-after', '1');
        throw new HttpError(
          429,
          'rate_limited',
          `too many requests at once from ${request.user ? 'this account' : 'this address'} (at most ${max}): try again in 1 s`,
        );
      }
      inFlight.set(key, count + 1);
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        const now = (inFlight.get(key) ?? 1) - 1;
        if (now <= 0) inFlight.delete(key);
        else inFlight.set(key, now);
      };
      if (reply.raw.closed) leave();
      else reply.raw.once('close', leave);
    },
    /** Requests in progress for a key (tests). */
    count(key: string): number {
      return inFlight.get(key) ?? 0;
    },
  };
}
