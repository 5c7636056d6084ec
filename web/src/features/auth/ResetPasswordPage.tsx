import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { Notice } from '../../components/Notice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { longEnough, MIN_PASSWORD_LENGTH } from '../../lib/password.ts';
import { passwordOf } from './form-data.ts';

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  useTitle(t('reset.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token') ?? '';
  const [errors, setErrors] = useState<Record<string, string>>({});
  const confirm = useMutation({
    mutationFn: (password: string) =>
      api('/api/auth/password-reset/confirm', { method: 'POST', json: { token, password } }),
    onSuccess: () => navigate('/login?reset=1', { replace: true }),
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = passwordOf(form, 'password');
    const errs: Record<string, string> = {};
    if (!longEnough(password)) errs.password = t('register.passwordShort', { count: MIN_PASSWORD_LENGTH });
    else if (password !== passwordOf(form, 'confirm')) errs.confirm = t('reset.mismatch');
    setErrors(errs);
    if (!Object.keys(errs).length) confirm.mutate(password);
  }

  if (!token) {
    return (
      <section className="narrow">
        <h1>{t('reset.title')}</h1>
        <Notice kind="error">{t('reset.noToken')}</Notice>
        <p>
          <Link to="/forgot-password">{t('reset.askAgain')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t('reset.title')}</h1>
      {confirm.isError && (
        <Notice kind="error">
          {errorText(confirm.error, t('errors.unreachable'))} <Link to="/forgot-password">{t('reset.askAgain')}</Link>
        </Notice>
      )}
      <form onSubmit={submit} noValidate className="form">
        <TextField
          id="password"
          type="password"
          label={t('reset.password')}
          autoComplete="new-password"
          minLength={MIN_PASSWORD_LENGTH}
          hint={t('register.passwordHint', { count: MIN_PASSWORD_LENGTH })}
          error={errors.password}
          required
        />
        <TextField
          id="confirm"
          type="password"
          label={t('reset.confirm')}
          autoComplete="new-password"
          error={errors.confirm}
          required
        />
        <button type="submit" className="button" disabled={confirm.isPending}>
          {confirm.isPending ? t('common.working') : t('reset.submit')}
        </button>
      </form>
    </section>
  );
}
