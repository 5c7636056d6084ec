import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@core/time.ts';
import { errorText, fieldErrors } from '../../api/errors.ts';
import { useMyErasureRequest, useRequestErasure } from '../../api/privacy.ts';
import { Notice } from '../../components/Notice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { passwordOf, textOf } from '../auth/form-data.ts';

/**
 * Asking for one's data to be erased: what will go and what stays (winners' names), the current password, then the
 * request's state and deadline, or its outcome.
 */
export function EraseMyData() {
  const { t } = useTranslation();
  const mine = useMyErasureRequest();
  const ask = useRequestErasure();
  const [open, setOpen] = useState(false);
  const [missing, setMissing] = useState<string | null>(null);
  const current = mine.data;

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = passwordOf(form, 'erase-password');
    if (!password) return setMissing(t('login.passwordRequired'));
    setMissing(null);
    ask.mutate({ password, note: textOf(form, 'erase-note') ?? '' }, { onSuccess: () => setOpen(false) });
  }

  if (current?.status === 'pending')
    return (
      <Notice kind="info" testId="erasure-pending">
        {t('erasure.pending', { at: formatDateTime(current.requestedAt), due: formatDateTime(current.dueAt) })}
      </Notice>
    );
  return (
    <>
      {current?.status === 'refused' && (
        <Notice kind="error" testId="erasure-refused">
          {t('erasure.refused', { reason: current.staffReason ?? '' })}
        </Notice>
      )}
      <p>{t('erasure.what')}</p>
      {!open ? (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setOpen(true)}
          data-testid="erase-open"
        >
          {t('erasure.open')}
        </button>
      ) : (
        <form onSubmit={submit} noValidate className="form" data-testid="erase-form">
          <TextField
            id="erase-password"
            type="password"
            label={t('erasure.password')}
            autoComplete="current-password"
            error={missing ?? fieldErrors(ask.error).password}
            required
          />
          <TextField id="erase-note" label={t('erasure.note')} />
          {ask.isError && (
            <Notice kind="error" testId="erase-error">
              {errorText(ask.error, t('errors.unreachable'))}
            </Notice>
          )}
          <p className="button-row">
            <button type="submit" className="button" disabled={ask.isPending} data-testid="erase-submit">
              {ask.isPending ? t('common.working') : t('erasure.submit')}
            </button>{' '}
            <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </p>
        </form>
      )}
    </>
  );
}
