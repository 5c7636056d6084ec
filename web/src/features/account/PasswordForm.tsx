import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { Notice } from '../../components/Notice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { longEnough, MIN_PASSWORD_LENGTH } from '../../lib/password.ts';
import { passwordOf } from '../auth/form-data.ts';

/** Changing the password also ends the account's other sessions (the server does it). */
export function PasswordForm({ username }: { username: string }) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api('/api/account/password', { method: 'POST', json: body }),
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const currentPassword = passwordOf(form, 'currentPassword');
    const newPassword = passwordOf(form, 'newPassword');
    const errs: Record<string, string> = {};
    if (!currentPassword) errs.currentPassword = t('login.passwordRequired');
    if (!longEnough(newPassword)) errs.newPassword = t('register.passwordShort', { count: MIN_PASSWORD_LENGTH });
    else if (newPassword !== passwordOf(form, 'confirmPassword')) errs.confirmPassword = t('reset.mismatch');
    setErrors(errs);
    if (!Object.keys(errs).length) change.mutate({ currentPassword, newPassword }, { onSuccess: () => formEl.reset() });
  }

  return (
    <form onSubmit={submit} noValidate className="form" data-testid="password-form">
      {change.isSuccess && <Notice kind="success">{t('account.passwordChanged')}</Notice>}
      {change.isError && <Notice kind="error">{errorText(change.error, t('errors.unreachable'))}</Notice>}
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <TextField
        id="currentPassword"
        type="password"
        label={t('account.currentPassword')}
        autoComplete="current-password"
        error={errors.currentPassword}
        required
      />
      <TextField
        id="newPassword"
        type="password"
        label={t('account.newPassword')}
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        hint={t('register.passwordHint', { count: MIN_PASSWORD_LENGTH })}
        error={errors.newPassword}
        required
      />
      <TextField
        id="confirmPassword"
        type="password"
        label={t('reset.confirm')}
        autoComplete="new-password"
        error={errors.confirmPassword}
        required
      />
      <button type="submit" className="button" disabled={change.isPending}>
        {change.isPending ? t('common.working') : t('account.changePassword')}
      </button>
    </form>
  );
}
