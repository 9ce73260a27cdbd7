import type { FastifyInstance } from 'fastify';
import { HttpError } from './httpError';

/** Deepest nesting of arrays and objects a JSON body may have (plan documents with GeoJSON need about 12). */
export const MAX_JSON_DEPTH = 64;

/**
 * Body budgets per route, bytes (addRoute's `bodyLimit`). A route takes the default unless it names another: the body
 * is read only up to its limit (a larger Content-Length is refused before reading), so a hostile body costs little.
 */
export const BODY_LIMITS = {
  /** Login, logout, CSRF: a user name and a password. */
  tiny: 4 * 1024,
  /** Every state-changing route that is not listed otherwise (requests, decisions, settings). */
  default: 64 * 1024,
  /** Plans: layers carry the app's own data (GeoJSON). */
  plan: 20 * 1024 * 1024,
} as const;

/**
 * Position of the first bracket nested deeper than `maxDepth` in a JSON text, or -1. One pass, linear time, no
 * allocation, so it can run before JSON.parse: deep nesting is what makes parsing (and validating) a small body slow.
 * Brackets inside strings do not count. The text need not be valid JSON (the parser judges that afterwards).
 */
export function findTooDeepJson(text: string, maxDepth = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > maxDepth) return index;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return -1;
}

/**
 * Replace fastify's JSON parser by one that refuses nesting deeper than MAX_JSON_DEPTH before parsing (400), then
 * parses with fastify's own parser (which refuses `__proto__` and `constructor` keys). Size limits stay fastify's:
 * the route's `bodyLimit`. A route whose config has `rawJsonBody` (addRoute's RAW_JSON_BODY) gets the body as a
 * Buffer, unparsed: it parses it itself, off the request thread.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const config = request.routeOptions.config as { rawJsonBody?: boolean } | undefined;
    if (config?.rawJsonBody) {
      done(null, body);
      return;
    }
    const text = (body as Buffer).toString('utf8');
    const tooDeep = findTooDeepJson(text);
    if (tooDeep >= 0) {
      done(
        new HttpError(
          400,
          'invalid_input',
          `the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels (at character ${tooDeep}): refused before parsing`,
        ),
        undefined,
      );
      return;
    }
    parseJson(request, text, done);
  });
}
