import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { errorText, fieldErrors } from '../../api/errors.ts';
import { useLogin, useSession } from '../../api/session.ts';
import { Notice } from '../../components/Notice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { nextQuery, safeNext } from '../../lib/safe-next.ts';
import { passwordOf, textOf } from './form-data.ts';

export default function LoginPage() {
  const { t } = useTranslation();
  useTitle(t('login.title'));
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const login = useLogin();
  const { data: session } = useSession();
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [solving, setSolving] = useState(false);
  const prefill = (location.state as { identifier?: string } | null)?.identifier ?? '';
  const next = params.get('next');
  const signedIn = !!session?.user;

  // Sent here on the way somewhere while already logged in (a link drawn before the page knew who the visitor is,
  // or a second tab): go on at once rather than ask for a password again.
  useEffect(() => {
    if (signedIn && next && login.isIdle) navigate(safeNext(next), { replace: true });
  }, [signedIn, next, login.isIdle, navigate]);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const identifier = textOf(form, 'identifier');
    const password = passwordOf(form, 'password');
    const errs: Record<string, string> = {};
    if (!identifier) errs.identifier = t('login.identifierRequired');
    if (!password) errs.password = t('login.passwordRequired');
    setMissing(errs);
    if (Object.keys(errs).length) return;
    setSolving(false);
    login.mutate(
      { identifier: identifier!, password, onSolving: () => setSolving(true) },
      {
        onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }),
        onSettled: () => setSolving(false),
      },
    );
  }

  const errors = { ...fieldErrors(login.error), ...missing };
  return (
    <section className="narrow">
      <h1>{t('login.title')}</h1>
      {params.get('registered') && (
        <Notice kind="success" testId="registered-notice">
          {t('login.registered')}
        </Notice>
      )}
      {params.get('reset') && <Notice kind="success">{t('login.passwordReset')}</Notice>}
      {session?.user && !login.isSuccess && (
        <Notice kind="info">{t('login.already', { name: session.user.fullName })}</Notice>
      )}
      {solving && (
        <Notice kind="info" testId="login-solving">
          {t('login.solving')}
        </Notice>
      )}
      {login.isError && (
        <Notice kind="error" testId="login-error">
          {errorText(login.error, t('errors.unreachable'))}
        </Notice>
      )}
      <form onSubmit={submit} noValidate data-testid="login-form" className="form">
        <TextField
          id="identifier"
          label={t('login.identifier')}
          autoComplete="username"
          defaultValue={prefill}
          error={errors.identifier}
          required
        />
        <TextField
          id="password"
          type="password"
          label={t('login.password')}
          autoComplete="current-password"
          error={errors.password}
          required
        />
        <button type="submit" className="button" disabled={login.isPending} data-testid="login-submit">
          {login.isPending ? t('common.working') : t('login.submit')}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{t('login.forgot')}</Link>
      </p>
      <p>
        {t('login.noAccount')}{' '}
        <Link to={`/register${nextQuery(safeNext(params.get('next')), '?')}`}>{t('login.registerLink')}</Link>
      </p>
    </section>
  );
}
