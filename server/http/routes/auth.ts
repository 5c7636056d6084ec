import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loginSchema, registerSchema, sessionInfoSchema, userSchema, localeSchema } from '@core/account.ts';
import { errorBodySchema, okSchema } from '@core/api.ts';
import { AppError } from '@core/errors.ts';
import { titleText } from '@core/text-fields.ts';
import type { Deps } from '../../context.ts';
import { changePassword } from '../../services/accounts/change-password.ts';
import { getSessionInfo } from '../../services/accounts/get-session-info.ts';
import { logIn } from '../../services/accounts/log-in.ts';
import { logOut } from '../../services/accounts/log-out.ts';
import { beginRegistration } from '../../services/accounts/begin-registration.ts';
import { confirmContactChange } from '../../services/accounts/confirm-contact-change.ts';
import { confirmRegistration } from '../../services/accounts/confirm-registration.ts';
import { requestContactChange } from '../../services/accounts/request-contact-change.ts';
import { requestPasswordReset } from '../../services/accounts/request-password-reset.ts';
import { resetPassword } from '../../services/accounts/reset-password.ts';
import { updateAccount } from '../../services/accounts/update-account.ts';
import { limiter } from '../plugins/rate-limit.ts';
import { setSessionCookie } from '../plugins/session.ts';
import { SESSION_COOKIE } from '../request-context.ts';
import { operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };

export function authRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const loginByIp = limiter(deps, 'login-ip', deps.config.loginRatePerMinute, 60);
  const registerByIp = limiter(deps, 'register-ip', Math.max(5, Math.ceil(deps.config.loginRatePerMinute / 2)), 3600);
  const resetByIp = limiter(deps, 'reset-ip', deps.config.resetRatePerHour, 3600);
  const codeByIp = limiter(deps, 'code-ip', Math.max(10, deps.config.resetRatePerHour * 3), 3600);

  r.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        ...operationDoc(
          'Current user, contest roles and CSRF token',
          'The signed-in user (or `null`), their roles in every contest (`memberships`) and `csrfToken`, the ' +
            'value every POST, PUT, PATCH and DELETE must send in `X-CSRF-Token`. Without a session it also sets ' +
            'the httpOnly `csrf_anon` cookie the anonymous token is bound to, so call it once before registering ' +
            'or logging in.',
          ['anyone'],
        ),
        response: { 200: sessionInfoSchema, ...errors },
      },
    },
    async (req) => getSessionInfo(deps, req.actor.userId, req.expectedCsrf!),
  );

  r.post(
    '/api/auth/register',
    {
      schema: {
        tags: ['auth'],
        ...operationDoc(
          'Ask to create an account',
          'Takes a full name, an e-mail or a Vietnamese phone number (at least one) and a password of at least 10 ' +
            'characters; `locale` (`vi` or `en`) is the language of their messages. A six-digit code valid for 30 ' +
            'minutes goes to the e-mail (or, without one, by SMS to the phone); the account is created by ' +
            '`POST /api/auth/register/confirm`. If the address already has an account, its owner is told instead; ' +
            'the answer (202) is the same, so that the form cannot tell who is registered. Errors: ' +
            '`account.identifierRequired`, `account.phoneInvalid`, `account.passwordWeak`; rate-limited per address ' +
            '(`auth.rateLimited`, 429).',
          ['anyone'],
        ),
        body: registerSchema,
        response: { 202: okSchema, ...errors },
      },
    },
    async (req, reply) => {
      await registerByIp(req.ip);
      await beginRegistration(deps, req.body);
      return reply.code(202).send({ ok: true as const });
    },
  );

  r.post(
    '/api/auth/register/confirm',
    {
      schema: {
        tags: ['auth'],
        ...operationDoc(
          'Confirm a registration with its code',
          'Creates the account from `identifier` (the e-mail, or the phone if none was given) and the `code` sent ' +
            'to it. Does not log in: call `POST /api/auth/login` next. A wrong, used or expired code: ' +
            '`account.codeInvalid`; after five wrong codes a new one must be asked for.',
          ['anyone'],
        ),
        body: z.object({ identifier: z.string().trim().min(3).max(200), code: z.string().trim().min(1).max(20) }),
        response: { 201: userSchema, ...errors },
      },
    },
    async (req, reply) => {
      await codeByIp(req.ip);
      return reply.code(201).send(await confirmRegistration(deps, req.body));
    },
  );

  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        ...operationDoc(
          'Log in',
          'Checks `identifier` (e-mail or phone) and `password`, sets the httpOnly session cookie `sid` ' +
            '(sliding, `SESSION_DAYS`) and returns the session as `GET /api/auth/session` does, with the ' +
            "session's own `csrfToken`: use it from now on. Wrong credentials: `auth.invalidCredentials` (401). " +
            'After `LOGIN_MAX_FAILURES` wrong passwords for one identifier from one address, or ten times as many ' +
            'from one address, each further try must wait a growing delay (`auth.slowDown`, 429, `seconds` in the ' +
            'message); no account is locked, and known and unknown identifiers answer alike. After as many wrong ' +
            'passwords for one identifier from any addresses within a day, a log-in to it must carry `altcha`, a ' +
            'solved challenge from `GET /api/challenge` (`auth.challengeRequired`, 428; a bad or replayed one: ' +
            '`auth.challengeInvalid`, 400). Rate-limited per address (`auth.rateLimited`, 429).',
          ['anyone'],
        ),
        body: loginSchema,
        response: { 200: sessionInfoSchema, ...errors },
      },
    },
    async (req, reply) => {
      // No limit per identifier alone: a stranger could spend it and keep the owner out.
      await loginByIp(req.ip);
      const s = await logIn(deps, { ...req.body, ip: req.ip });
      setSessionCookie(reply, deps, s.token, s.expiresAt);
      return getSessionInfo(deps, s.userId, s.csrfToken);
    },
  );

  r.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        ...operationDoc(
          'Log out',
          'Ends the current session, if any, and clears the `sid` cookie. Answers `{ ok: true }` also without a ' +
            'session.',
          ['anyone'],
        ),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req, reply) => {
      if (req.sessionToken) await logOut(deps, req.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  r.post(
    '/api/auth/password-reset/request',
    {
      schema: {
        tags: ['auth'],
        ...operationDoc(
          'Ask for a password reset link',
          'Sends a one-hour reset link to the e-mail if an account has it. The answer is the same whether or ' +
            'not it does, so that the form cannot tell who is registered. Rate-limited per address ' +
            '(`RATE_LIMIT_RESET_PER_HOUR`).',
          ['anyone'],
        ),
        body: z.object({ email: z.string().trim().email() }),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await resetByIp(req.ip);
      await requestPasswordReset(deps, req.body);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/auth/password-reset/confirm',
    {
      schema: {
        tags: ['auth'],
        ...operationDoc(
          'Set a new password from a reset link',
          'Sets the new password (at least 10 characters) given the token from the e-mailed link, cancels the ' +
            "account's other reset links, forgets its failed log-ins and ends its sessions. An unknown, used or " +
            'expired token: `auth.resetInvalid`.',
          ['anyone'],
        ),
        body: z.object({ token: z.string().min(10).max(200), password: z.string().min(1).max(200) }),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await resetByIp(req.ip);
      await resetPassword(deps, req.body);
      return { ok: true as const };
    },
  );

  r.patch(
    '/api/account',
    {
      schema: {
        tags: ['account'],
        ...operationDoc(
          'Change my name or language',
          "Updates the caller's full name and/or `locale` (`vi` or `en`, the language of their e-mails and " +
            'messages); returns the account.',
          ['signedIn'],
        ),
        body: z.object({ fullName: titleText(2, 200).optional(), locale: localeSchema.optional() }),
        response: { 200: userSchema, ...errors },
      },
    },
    async (req) => updateAccount(deps, req.actor, req.body),
  );

  r.post(
    '/api/account/password',
    {
      schema: {
        tags: ['account'],
        ...operationDoc(
          'Change my password',
          'Checks `currentPassword`, sets `newPassword` (at least 10 characters), ends every other session ' +
            'of the account (this one stays open) and cancels its outstanding reset links. Wrong current ' +
            'password: `auth.wrongPassword`; repeated wrong guesses must wait a growing delay (`auth.slowDown`, 429).',
          ['signedIn'],
        ),
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      if (!req.sessionToken) throw new AppError('auth.required');
      await changePassword(deps, req.actor, { ...req.body, currentToken: req.sessionToken });
      return { ok: true as const };
    },
  );

  r.post(
    '/api/account/contact',
    {
      schema: {
        tags: ['account'],
        ...operationDoc(
          'Ask to change my e-mail or phone',
          'Checks `currentPassword` (wrong guesses are slowed down as on log-in), then sends a six-digit code valid ' +
            'for 30 minutes to the new `value` (`kind` `email` by mail, `phone` by SMS). The change is made by ' +
            '`POST /api/account/contact/confirm`. An address that another account has gets no code, with the same ' +
            'answer (202). Errors: `auth.wrongPassword`, `auth.slowDown`, `account.phoneInvalid`.',
          ['signedIn'],
        ),
        body: z.discriminatedUnion('kind', [
          z.object({
            kind: z.literal('email'),
            value: z.string().trim().email().max(200),
            currentPassword: z.string().min(1).max(200),
          }),
          z.object({
            kind: z.literal('phone'),
            value: z.string().trim().min(3).max(30),
            currentPassword: z.string().min(1).max(200),
          }),
        ]),
        response: { 202: okSchema, ...errors },
      },
    },
    async (req, reply) => {
      await requestContactChange(deps, req.actor, req.body);
      return reply.code(202).send({ ok: true as const });
    },
  );

  r.post(
    '/api/account/contact/confirm',
    {
      schema: {
        tags: ['account'],
        ...operationDoc(
          'Confirm my new e-mail or phone',
          'Sets the e-mail or phone (`kind`) asked for by `POST /api/account/contact`, given the `code` sent to it; ' +
            'returns the account. Audited (without the address). A wrong, used or expired code: ' +
            '`account.codeInvalid`; after five wrong codes a new one must be asked for.',
          ['signedIn'],
        ),
        body: z.object({ kind: z.enum(['email', 'phone']), code: z.string().trim().min(1).max(20) }),
        response: { 200: userSchema, ...errors },
      },
    },
    async (req) => confirmContactChange(deps, req.actor, req.body),
  );
}
