import type { FastifyInstance } from 'fastify';
import { ANONYMOUS, type Deps } from '../../services/context.ts';
import { resolveSession } from '../../services/resolve-session.ts';
import { randomToken } from '../../security/tokens.ts';
import { ANON_CSRF_COOKIE, langOf, SESSION_COOKIE } from '../request-context.ts';

/** Resolves the session cookie into `req.actor` before any handler runs. */
export function registerSession(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('expectedCsrf', null);
  app.decorateRequest('lang', 'vi');
  app.addHook('onRequest', async (req, reply) => {
    req.lang = langOf(req);
    req.actor = { ...ANONYMOUS, ip: req.ip };
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const s = await resolveSession(deps, token);
      if (s) {
        req.actor = { userId: Number(s.user.id), isSiteAdmin: s.user.is_site_admin, ip: req.ip };
        req.sessionToken = token;
        req.expectedCsrf = s.csrfToken;
        return;
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    let anon = req.cookies[ANON_CSRF_COOKIE];
    if (!anon) {
      anon = randomToken();
      reply.setCookie(ANON_CSRF_COOKIE, anon, { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.config.secureCookies });
    }
    req.expectedCsrf = anon;
  });
}

export function setSessionCookie(reply: import('fastify').FastifyReply, deps: Deps, token: string, expiresAt: string): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies, expires: new Date(expiresAt) });
}
