import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import { errorText, fieldErrors } from '../../api/errors.ts';
import { useLogin } from '../../api/session.ts';
import type { User } from '../../api/types.ts';
import { Notice } from '../../components/Notice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { longEnough, MIN_PASSWORD_LENGTH } from '../../lib/password.ts';
import { nextQuery, safeNext } from '../../lib/safe-next.ts';
import { passwordOf, textOf } from './form-data.ts';

/** Refusals that concern one field, shown at that field as well as in the message box. */
const FIELD_OF_CODE: Record<string, string> = {
  'account.identifierRequired': 'email',
  'account.phoneInvalid': 'phone',
  'account.passwordWeak': 'password',
};

interface RegisterBody {
  fullName: string;
  email?: string;
  phone?: string;
  password: string;
  locale: 'vi' | 'en';
  consent?: true;
}

export default function RegisterPage() {
  const { t } = useTranslation();
  useTitle(t('register.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const login = useLogin();
  const [local, setLocal] = useState<Record<string, string>>({});
  const register = useMutation({
    mutationFn: (body: RegisterBody) => api('/api/auth/register', { method: 'POST', json: body }),
  });
  const [target, setTarget] = useState<string | null>(null);
  const password = useRef('');
  const [codeMissing, setCodeMissing] = useState<string | undefined>();
  const confirm = useMutation({
    mutationFn: (body: { identifier: string; code: string }) =>
      api<User>('/api/auth/register/confirm', { method: 'POST', json: body }),
  });

  function submitCode(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const code = textOf(new FormData(e.currentTarget), 'code');
    setCodeMissing(code ? undefined : t('addressCode.codeRequired'));
    if (code && target)
      confirm.mutate(
        { identifier: target, code },
        {
          // Should that log-in be refused (a rate limit), the log-in page takes over with the identifier filled in
          // and the same destination.
          onSuccess: () =>
            login.mutate(
              { identifier: target, password: password.current },
              {
                onSuccess: () => navigate(next, { replace: true }),
                onError: () => navigate(`/login?registered=1${nextQuery(next)}`, { state: { identifier: target } }),
              },
            ),
        },
      );
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body: RegisterBody = {
      fullName: textOf(form, 'fullName') ?? '',
      email: textOf(form, 'email'),
      phone: textOf(form, 'phone'),
      password: passwordOf(form, 'password'),
      locale: currentLanguage(),
    };
    const errs: Record<string, string> = {};
    if (!body.fullName) errs.fullName = t('register.fullNameRequired');
    if (!body.email && !body.phone) errs.email = t('register.contactRequired');
    if (!longEnough(body.password)) errs.password = t('register.passwordShort', { count: MIN_PASSWORD_LENGTH });
    if (!form.get('consent')) errs.consent = t('register.consentRequired');
    setLocal(errs);
    if (Object.keys(errs).length) return;
    // The account is made when the code sent to the address comes back (the e-mail's if given, else the phone's);
    // then it is logged in at once and taken where it was going.
    password.current = body.password;
    register.mutate({ ...body, consent: true }, { onSuccess: () => setTarget(body.email ?? body.phone ?? null) });
  }

  const busy = register.isPending || login.isPending;
  const codeField = register.error instanceof ApiError ? FIELD_OF_CODE[register.error.code] : undefined;
  const errors = {
    ...(codeField ? { [codeField]: register.error!.message } : {}),
    ...fieldErrors(register.error),
    ...local,
  };
  if (target)
    return (
      <section className="narrow">
        <h1>{t('addressCode.sentTitle')}</h1>
        <Notice kind="info" testId="register-code-sent">
          {t('addressCode.sentRegister', { target })}
        </Notice>
        {confirm.isError && (
          <Notice kind="error" testId="register-code-error">
            {errorText(confirm.error, t('errors.unreachable'))}
          </Notice>
        )}
        <form onSubmit={submitCode} noValidate data-testid="register-code-form" className="form">
          <TextField
            id="code"
            label={t('addressCode.code')}
            autoComplete="one-time-code"
            inputMode="numeric"
            hint={t('addressCode.codeHint')}
            error={codeMissing}
            required
          />
          <button
            type="submit"
            className="button"
            disabled={confirm.isPending || login.isPending}
            data-testid="register-code-submit"
          >
            {confirm.isPending || login.isPending ? t('common.working') : t('addressCode.confirm')}
          </button>
        </form>
        <p>
          <button type="button" className="button button-secondary" onClick={() => setTarget(null)}>
            {t('addressCode.startOver')}
          </button>
        </p>
      </section>
    );
  return (
    <section className="narrow">
      <h1>{t('register.title')}</h1>
      <p>{t('register.intro')}</p>
      {register.isError && (
        <Notice kind="error" testId="register-error">
          {errorText(register.error, t('errors.unreachable'))}
        </Notice>
      )}
      <form onSubmit={submit} noValidate data-testid="register-form" className="form">
        <TextField id="fullName" label={t('register.fullName')} autoComplete="name" error={errors.fullName} required />
        <TextField
          id="email"
          type="email"
          label={t('register.email')}
          autoComplete="email"
          hint={t('register.contactHint')}
          error={errors.email}
        />
        <TextField
          id="phone"
          type="tel"
          label={t('register.phone')}
          autoComplete="tel"
          inputMode="tel"
          hint={t('register.phoneHint')}
          error={errors.phone}
        />
        <TextField
          id="password"
          type="password"
          label={t('register.password')}
          autoComplete="new-password"
          minLength={MIN_PASSWORD_LENGTH}
          hint={t('register.passwordHint', { count: MIN_PASSWORD_LENGTH })}
          error={errors.password}
          required
        />
        <div className="field check">
          <input
            id="consent"
            name="consent"
            type="checkbox"
            aria-invalid={errors.consent ? true : undefined}
            aria-describedby={errors.consent ? 'consent-error' : undefined}
          />
          <label htmlFor="consent">{t('register.consent')}</label>
          {errors.consent && (
            <p id="consent-error" className="field-error">
              {errors.consent}
            </p>
          )}
        </div>
        <button type="submit" className="button" disabled={busy} data-testid="register-submit">
          {busy ? t('common.working') : t('register.submit')}
        </button>
      </form>
      <p>
        {t('register.haveAccount')} <Link to={`/login${nextQuery(next, '?')}`}>{t('register.loginLink')}</Link>
      </p>
    </section>
  );
}
