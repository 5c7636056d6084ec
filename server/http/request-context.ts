import type { FastifyRequest } from 'fastify';
import type { Lang } from '@core/errors.ts';
import type { Actor } from '../context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    sessionToken: string | null;
    /** The token a state-changing request must echo in X-CSRF-Token. */
    expectedCsrf: string | null;
    lang: Lang;
  }
}

export const SESSION_COOKIE = 'sid';
export const ANON_CSRF_COOKIE = 'csrf_anon';
const LANG_COOKIE = 'lang';

export function langOf(req: FastifyRequest): Lang {
  const explicit = req.headers['x-lang'] ?? req.cookies?.[LANG_COOKIE];
  if (explicit === 'en' || explicit === 'vi') return explicit;
  const accept = String(req.headers['accept-language'] ?? '');
  const first = accept.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}
