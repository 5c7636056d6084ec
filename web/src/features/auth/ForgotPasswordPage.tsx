import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { errorText, fieldErrors } from '../../api/errors.ts';
import { Notice } from '../../components/Notice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { textOf } from './form-data.ts';

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  useTitle(t('forgot.title'));
  const [missing, setMissing] = useState<string | undefined>();
  const request = useMutation({
    mutationFn: (email: string) => api('/api/auth/password-reset/request', { method: 'POST', json: { email } }),
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = textOf(new FormData(e.currentTarget), 'email');
    setMissing(email ? undefined : t('forgot.emailRequired'));
    if (email) request.mutate(email);
  }

  return (
    <section className="narrow">
      <h1>{t('forgot.title')}</h1>
      {request.isSuccess ? (
        <Notice kind="success" testId="forgot-sent">
          {t('forgot.sent')}
        </Notice>
      ) : (
        <>
          <p>{t('forgot.intro')}</p>
          {request.isError && <Notice kind="error">{errorText(request.error, t('errors.unreachable'))}</Notice>}
          <form onSubmit={submit} noValidate className="form">
            <TextField
              id="email"
              type="email"
              label={t('forgot.email')}
              autoComplete="email"
              error={missing ?? fieldErrors(request.error).email}
              required
            />
            <button type="submit" className="button" disabled={request.isPending}>
              {request.isPending ? t('common.working') : t('forgot.submit')}
            </button>
          </form>
        </>
      )}
      <p>
        <Link to="/login">{t('forgot.back')}</Link>
      </p>
    </section>
  );
}
