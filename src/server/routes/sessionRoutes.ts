import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../auth/password';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_LIFETIME_MS } from '../auth/sessions';
import { publicUser } from '../auth/sessionUser';
import { findUserByName } from '../auth/users';
import { dbActorOf } from '../db/sqlDatabase';
import { addRoute } from '../http/addRoute';
import type { AppContext } from '../http/appContext';
import { HttpError } from '../http/httpError';
import { BODY_LIMITS } from '../http/jsonBody';
import { writeAudit } from '../store/audit';

/** What a CSRF token is bound to: the session (so a token from one login is useless in another), or "anonymous". */
export function csrfUserInfo(request: FastifyRequest): string {
  return request.user?.sessionHash ?? 'anonymous';
}

export interface LoginRateLimit {
  /** Login attempts allowed per client address in each window. */
  max: number;
  timeWindowMs: number;
}

export function sessionRoutes(app: FastifyInstance, context: AppContext, loginRateLimit: LoginRateLimit): void {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: context.secureCookies,
  };

  addRoute(app, {
    method: 'GET',
    url: '/api/csrf',
    bodyLimit: BODY_LIMITS.tiny,
    handler: ({ request, reply }) => ({ csrfToken: reply.generateCsrf({ userInfo: csrfUserInfo(request) }) }),
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/session',
    // A user name and a password: a hostile body is refused after 4 KiB, unparsed.
    bodyLimit: BODY_LIMITS.tiny,
    body: z.strictObject({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) }),
    config: {
      rateLimit: {
        max: loginRateLimit.max,
        timeWindow: loginRateLimit.timeWindowMs,
      },
    },
    handler: async ({ body, request, reply }) => {
      const user = await findUserByName(context.db, body.username);
      const storedHash = user?.password_hash ?? (await dummyPasswordHash(context.passwordCost));
      const passwordOk = await verifyPassword(body.password, storedHash);
      if (!user || !passwordOk) {
        request.log.warn({ username: body.username }, 'failed login');
        throw new HttpError(401, 'invalid_credentials', 'wrong user name or password');
      }
      // A hash made at a lower cost (an older server) is replaced now that the password is known to be right.
      const rehashed = needsRehash(storedHash, context.passwordCost)
        ? await hashPassword(body.password, context.passwordCost)
        : null;
      const now = context.now();
      // As the account signing in: its audit row passes the audit trail's policy.
      const session = await context.db
        .as(dbActorOf({ id: user.id, role: user.role, provinceId: user.province_id, operator: user.operator }))
        .transaction(async (tx) => {
          if (request.user) await deleteSession(tx, request.user.sessionHash);
          if (rehashed) {
            // Only if the hash is still the one checked (a password change in between wins).
            await tx.run('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?', [
              rehashed,
              user.id,
              storedHash,
            ]);
          }
          const created = await createSession(tx, user.id, now);
          await writeAudit(tx, {
            at: now,
            actor: { id: user.id, username: user.username, role: user.role },
            provinceId: user.province_id,
            action: 'session.login',
            entityType: 'user',
            entityId: String(user.id),
            oldValue: null,
            newValue: null,
          });
          return created;
        });
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, maxAge: SESSION_LIFETIME_MS / 1000 });
      const sessionUser = {
        id: user.id,
        username: user.username,
        role: user.role,
        provinceId: user.province_id,
        operator: user.operator,
        sessionHash: session.hash,
      };
      return { user: publicUser(sessionUser), csrfToken: reply.generateCsrf({ userInfo: session.hash }) };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/session',
    handler: ({ user }) => ({ user: user && publicUser(user) }),
  });

  addRoute(app, {
    method: 'DELETE',
    url: '/api/session',
    bodyLimit: BODY_LIMITS.tiny,
    handler: async ({ user, reply, db }) => {
      if (user) {
        const now = context.now();
        await db.transaction(async (tx) => {
          await deleteSession(tx, user.sessionHash);
          await writeAudit(tx, {
            at: now,
            actor: user,
            provinceId: user.provinceId,
            action: 'session.logout',
            entityType: 'user',
            entityId: String(user.id),
            oldValue: null,
            newValue: null,
          });
        });
      }
      clearSessionCookie(reply, cookieOptions);
      return reply.code(204).send();
    },
  });
}

function clearSessionCookie(reply: FastifyReply, options: object) {
  reply.clearCookie(SESSION_COOKIE, options);
}
