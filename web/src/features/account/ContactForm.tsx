import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText, fieldErrors } from '../../api/errors.ts';
import { SESSION_KEY } from '../../api/session.ts';
import type { SessionInfo, User } from '../../api/types.ts';
import { Notice } from '../../components/Notice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { passwordOf, textOf } from '../auth/form-data.ts';

type Kind = 'email' | 'phone';

/** A new e-mail or phone takes effect when the code sent to it is typed here (the server sends it). */
export function ContactForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<{ kind: Kind; target: string } | null>(null);
  const ask = useMutation({
    mutationFn: (body: { kind: Kind; value: string; currentPassword: string }) =>
      api('/api/account/contact', { method: 'POST', json: body }),
  });
  const confirm = useMutation({
    mutationFn: (body: { kind: Kind; code: string }) =>
      api<User>('/api/account/contact/confirm', { method: 'POST', json: body }),
    onSuccess: (u) => {
      qc.setQueryData<SessionInfo>(SESSION_KEY, (s) => (s ? { ...s, user: u } : s));
      setPending(null);
    },
  });

  function submitAsk(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const kind: Kind = form.get('contactKind') === 'phone' ? 'phone' : 'email';
    const value = textOf(form, 'contactValue');
    const currentPassword = passwordOf(form, 'contactPassword');
    const errs: Record<string, string> = {};
    if (!value) errs.contactValue = t('addressCode.valueRequired');
    if (!currentPassword) errs.contactPassword = t('login.passwordRequired');
    setErrors(errs);
    confirm.reset();
    if (value && currentPassword)
      ask.mutate({ kind, value, currentPassword }, { onSuccess: () => setPending({ kind, target: value }) });
  }

  function submitCode(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const code = textOf(new FormData(e.currentTarget), 'contactCode');
    setErrors(code ? {} : { contactCode: t('addressCode.codeRequired') });
    if (code && pending) confirm.mutate({ kind: pending.kind, code });
  }

  const none = t('addressCode.none');
  return (
    <div data-testid="contact-form">
      <p>{t('addressCode.current', { email: user.email ?? none, phone: user.phone ?? none })}</p>
      {confirm.isSuccess && <Notice kind="success">{t('addressCode.changed')}</Notice>}
      {pending ? (
        <form onSubmit={submitCode} noValidate className="form">
          <Notice kind="info" testId="contact-code-sent">
            {t('addressCode.sentChange', { target: pending.target })}
          </Notice>
          {confirm.isError && <Notice kind="error">{errorText(confirm.error, t('errors.unreachable'))}</Notice>}
          <TextField
            id="contactCode"
            label={t('addressCode.code')}
            autoComplete="one-time-code"
            inputMode="numeric"
            hint={t('addressCode.codeHint')}
            error={errors.contactCode}
            required
          />
          <button type="submit" className="button" disabled={confirm.isPending} data-testid="contact-code-submit">
            {confirm.isPending ? t('common.working') : t('addressCode.confirm')}
          </button>{' '}
          <button type="button" className="button button-secondary" onClick={() => setPending(null)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <form onSubmit={submitAsk} noValidate className="form">
          {ask.isError && <Notice kind="error">{errorText(ask.error, t('errors.unreachable'))}</Notice>}
          <fieldset className="field">
            <legend>{t('addressCode.kind')}</legend>
            <label>
              <input type="radio" name="contactKind" value="email" defaultChecked /> {t('addressCode.kindEmail')}
            </label>{' '}
            <label>
              <input type="radio" name="contactKind" value="phone" /> {t('addressCode.kindPhone')}
            </label>
          </fieldset>
          <TextField
            id="contactValue"
            label={t('addressCode.newValue')}
            hint={t('addressCode.newValueHint')}
            error={errors.contactValue ?? fieldErrors(ask.error).value}
            required
          />
          <TextField
            id="contactPassword"
            type="password"
            label={t('account.currentPassword')}
            autoComplete="current-password"
            error={errors.contactPassword}
            required
          />
          <button type="submit" className="button" disabled={ask.isPending} data-testid="contact-send">
            {ask.isPending ? t('common.working') : t('addressCode.sendCode')}
          </button>
        </form>
      )}
    </div>
  );
}
