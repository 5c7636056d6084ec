import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS, type Deps } from '../../context.ts';
import { resolveSession } from '../../services/accounts/resolve-session.ts';
import { randomToken } from '../../security/tokens.ts';
import { ANON_CSRF_COOKIE, langOf, SESSION_COOKIE } from '../request-context.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves the session cookie into `req.actor` before any handler runs. */
export function registerSession(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('expectedCsrf', null);
  app.decorateRequest('lang', 'vi');
  app.addHook('onRequest', async (req, reply) => {
    req.lang = langOf(req);
    req.actor = { ...ANONYMOUS, ip: req.ip };
    // Pages and assets of the web app need no session. The matched route decides, not the raw URL, since
    // "/%61pi/…" reaches the same handlers as "/api/…"; a state-changing request always gets its CSRF expectation.
    const route = req.routeOptions.url ?? req.url;
    if (SAFE.has(req.method) && !route.startsWith('/api/')) return;
    // Reading the public gallery needs no session either, and its answers stay cacheable (no Set-Cookie).
    if (SAFE.has(req.method) && route.startsWith('/api/public/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const s = await resolveSession(deps, token);
      if (s) {
        req.actor = { userId: s.user.id, isSiteAdmin: s.user.is_site_admin, ip: req.ip };
        req.sessionToken = token;
        req.expectedCsrf = s.csrfToken;
        return;
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    req.expectedCsrf = anonCsrfToken(req, reply, deps);
  });
}

/**
 * The anonymous CSRF token of this browser: its `csrf_anon` cookie, set here when missing. Server-rendered pages set
 * it too, so that the requests a page makes once hydrated (often two at once: the session, a form sent) all carry
 * the same one, rather than each being given a new cookie and the last one set replacing the token in hand.
 */
export function anonCsrfToken(req: FastifyRequest, reply: FastifyReply, deps: Deps): string {
  let anon = req.cookies[ANON_CSRF_COOKIE];
  if (!anon) {
    anon = randomToken();
    reply.setCookie(ANON_CSRF_COOKIE, anon, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.config.secureCookies,
    });
  }
  return anon;
}

export function setSessionCookie(reply: FastifyReply, deps: Deps, token: string, expiresAt: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    expires: new Date(expiresAt),
  });
}
