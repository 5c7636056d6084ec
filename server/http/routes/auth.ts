import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loginSchema, registerSchema, sessionInfoSchema, userSchema, localeSchema } from '@core/account.ts';
import { errorBodySchema, okSchema } from '@core/api.ts';
import { AppError } from '@core/errors.ts';
import { normalizeEmail, normalizePhone } from '@core/normalize.ts';
import { titleText } from '@core/text-fields.ts';
import type { Deps } from '../../context.ts';
import { changePassword } from '../../services/accounts/change-password.ts';
import { getSessionInfo } from '../../services/accounts/get-session-info.ts';
import { logIn } from '../../services/accounts/log-in.ts';
import { logOut } from '../../services/accounts/log-out.ts';
import { registerAccount } from '../../services/accounts/register-account.ts';
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
  const loginByIp = limiter(deps.config.loginRatePerMinute, 60);
  const loginByIdentifier = limiter(deps.config.loginRatePerMinute, 60);
  const registerByIp = limiter(Math.max(5, Math.ceil(deps.config.loginRatePerMinute / 2)), 3600);
  const resetByIp = limiter(deps.config.resetRatePerHour, 3600);

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
          'Create an account',
          'Registers a person with a full name, an e-mail or a Vietnamese phone number (at least one) and a ' +
            'password of at least 10 characters; `locale` (`vi` or `en`) is the language of their e-mails. Does ' +
            'not log in: call `POST /api/auth/login` next. Errors: `account.identifierRequired`, ' +
            '`account.emailTaken`, `account.phoneTaken`, `account.phoneInvalid`, `account.passwordWeak`; ' +
            'rate-limited per address (`auth.rateLimited`, 429).',
          ['anyone'],
        ),
        body: registerSchema,
        response: { 201: userSchema, ...errors },
      },
    },
    async (req, reply) => {
      await registerByIp(req.ip);
      const user = await registerAccount(deps, req.body);
      return reply.code(201).send(user);
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
            "session's own `csrfToken`: use it from now on. Wrong credentials: `auth.invalidCredentials` (401); " +
            'after repeated failures the account is locked (`auth.locked`, 423); rate-limited per address and per ' +
            'identifier (`auth.rateLimited`, 429).',
          ['anyone'],
        ),
        body: loginSchema,
        response: { 200: sessionInfoSchema, ...errors },
      },
    },
    async (req, reply) => {
      await loginByIp(req.ip);
      // Keyed on the identifier in one form, so "0912…", "+84912…" and "0912.…" share one limit.
      const id = req.body.identifier;
      await loginByIdentifier(id.includes('@') ? normalizeEmail(id) : (normalizePhone(id) ?? id.trim()));
      const s = await logIn(deps, req.body);
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
          'Sets the new password (at least 10 characters) given the token from the e-mailed link, unlocks the ' +
            'account and ends its other sessions. An unknown, used or expired token: `auth.resetInvalid`.',
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
          'Checks `currentPassword`, sets `newPassword` (at least 10 characters) and ends every other session ' +
            'of the account; this one stays open. Wrong current password: `auth.wrongPassword`.',
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
}
