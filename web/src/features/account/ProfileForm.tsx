import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText, fieldErrors } from '../../api/errors.ts';
import { SESSION_KEY } from '../../api/session.ts';
import type { SessionInfo, User } from '../../api/types.ts';
import { Notice } from '../../components/Notice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { setLanguage } from '../../i18n/index.ts';
import { isLang, LANGS, type Lang } from '../../i18n/language.ts';
import { textOf } from '../auth/form-data.ts';

/** Full name and preferred language (the language of the e-mails the platform sends). */
export function ProfileForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [missing, setMissing] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (body: { fullName: string; locale: Lang }) =>
      api<User>('/api/account', { method: 'PATCH', json: body }),
    onSuccess: (u) => {
      qc.setQueryData<SessionInfo>(SESSION_KEY, (s) => (s ? { ...s, user: u } : s));
      setLanguage(u.locale);
    },
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const fullName = textOf(form, 'fullName');
    const locale = form.get('locale');
    setMissing(fullName ? undefined : t('register.fullNameRequired'));
    if (fullName && isLang(locale)) save.mutate({ fullName, locale });
  }

  return (
    <form onSubmit={submit} noValidate className="form" data-testid="profile-form" onChange={() => save.reset()}>
      {save.isSuccess && <Notice kind="success">{t('common.saved')}</Notice>}
      {save.isError && <Notice kind="error">{errorText(save.error, t('errors.unreachable'))}</Notice>}
      <TextField
        id="fullName"
        label={t('register.fullName')}
        autoComplete="name"
        defaultValue={user.fullName}
        error={missing ?? fieldErrors(save.error).fullName}
        required
      />
      <div className="field">
        <label htmlFor="locale">{t('account.language')}</label>
        <select id="locale" name="locale" defaultValue={user.locale} aria-describedby="locale-hint">
          {LANGS.map((l) => (
            <option key={l} value={l}>
              {t(`lang.${l}`)}
            </option>
          ))}
        </select>
        <p id="locale-hint" className="hint">
          {t('account.languageHint')}
        </p>
      </div>
      <button type="submit" className="button" disabled={save.isPending}>
        {save.isPending ? t('common.working') : t('common.save')}
      </button>
    </form>
  );
}
