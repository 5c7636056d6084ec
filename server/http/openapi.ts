import { ACTIONS, type Action, type ContestRole } from '@core/roles.ts';

/**
 * Who may call an operation. Besides the contest roles of core/roles.ts: `anyone` needs no session, `signedIn` any
 * account, `entryOwner` the account that created the entry, `siteAdmin` an administrator of the installation.
 */
export type Caller = 'anyone' | 'signedIn' | 'entryOwner' | 'siteAdmin' | ContestRole;

declare module 'fastify' {
  interface FastifySchema {
    /** Who may call the operation; @fastify/swagger copies `x-` keys into the OpenAPI operation as they are. */
    'x-roles'?: readonly Caller[];
  }
}

/** The callers an action of core/roles.ts allows: its contest roles, and site administrators, who may do anything. */
export function allowedBy(action: Action): Caller[] {
  return [...ACTIONS[action], 'siteAdmin'];
}

/**
 * The documentation of one operation: a summary, a description that ends with who may call it, and the same list as
 * the `x-roles` extension, for tools.
 */
export function operationDoc(summary: string, description: string, roles: readonly Caller[]) {
  return {
    summary,
    description: `${description}\n\nRoles: ${roles.join(', ')}.`,
    'x-roles': roles,
  };
}

export const API_DESCRIPTION = [
  'API of the video contest platform. A guide with a worked example (session, CSRF token, creating an entry, uploading',
  'its video with tus, submitting) is in docs/api.md of the source repository.',
  '',
  '**Session and CSRF.** `GET /api/auth/session` returns the caller, their contest roles and `csrfToken`; log in with',
  '`POST /api/auth/login`, which sets the httpOnly `sid` cookie and returns a new `csrfToken`. Every POST, PUT, PATCH',
  'and DELETE under /api/ must send that token in `X-CSRF-Token` (before login, the token bound to the `csrf_anon`',
  'cookie that the session call set); a cross-site `Origin` is refused.',
  '',
  '**Errors** are `{ "error": { "code", "message", "details" } }`: `code` is stable, `message` is in the caller\'s',
  'language (`X-Lang: vi|en`, else the `lang` cookie, else `Accept-Language`; Vietnamese by default), and `details`,',
  'when present, names what is wrong: for `validation`, `details.issues` is a list of `{ in, path, code, message }`',
  'with one entry per wrong field.',
  '',
  '**Roles** (`x-roles` on each operation): `anyone` (no session), `signedIn` (any account), `entryOwner` (the',
  'account that created the entry), `siteAdmin`, and the contest roles `organizer` (Ban Tổ chức), `secretariat`',
  '(Phòng Nội vụ), `secretary` (Thư ký), `juror` (Ban Giám khảo), `publisher` (Trung tâm VH-TT&TDTT), `finance`',
  "(Phòng Tài chính - Kế hoạch), `unit_rep` (a unit's representative) and `entrant`. A contest role counts only in",
  'its own contest; a site administrator may do everything.',
].join('\n');
