import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './httpError';

/**
 * The Content-Security-Policy of every answer (the app's files and the API). The built app has no inline script;
 * what each source allows and why:
 * - script-src 'wasm-unsafe-eval': HiGHS (the site-selection solver) compiles WebAssembly; no JavaScript eval.
 * - worker-src blob:: MapLibre may start its workers from blob URLs; the app's own workers are files of 'self'.
 * - style-src 'unsafe-inline': the printable report renders a <style> element (src/app/report/ReportPage.tsx);
 *   React's style props are set through the CSSOM and would not need it.
 * - img-src data: blob:, connect-src blob: data:: map sprites, canvases turned into images, downloads made in the
 *   browser. No other origin is ever contacted (no remote tiles or fonts).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The origin the request was addressed to (scheme and host, behind a trusted proxy the forwarded ones). */
export function ownOrigin(request: FastifyRequest): string | null {
  try {
    return new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return null;
  }
}

/**
 * Refuse a state-changing request whose Origin header names another site (403). Browsers send Origin on every
 * cross-site POST, PUT, PATCH and DELETE, so this stops cross-site requests even where SameSite cookies and the CSRF
 * token would not; clients that send no Origin (curl, scripts) are left to the CSRF check.
 */
export async function checkOrigin(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let sent: string | null = null;
  try {
    sent = new URL(origin).origin;
  } catch {
    sent = null;
  }
  const own = ownOrigin(request);
  if (sent === null || sent === 'null' || sent !== own) {
    throw new HttpError(
      403,
      'forbidden_origin',
      `requests that change data must come from this site (${own ?? 'unknown'}), not from ${origin}`,
    );
  }
}
