import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { WindowVerdict } from '@core/eligibility.ts';
import { ApiError } from '../../api/client.ts';
import { receiptKey, submitEntry } from '../../api/entries.ts';
import { errorText } from '../../api/errors.ts';
import type { EntryView } from '../../api/types.ts';
import { Notice } from '../../components/Notice.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { submitBlockers } from './submit-blockers.ts';

interface Props {
  entry: EntryView;
  win: WindowVerdict;
  /** A returned entry within its fix window. */
  fixOpen: boolean;
  /** Saves the draft first; false stops the sending (the save error is shown by the page). */
  saveFirst: () => Promise<boolean>;
  onSubmitted: () => void;
  refresh: () => Promise<unknown>;
}

type Missing = { field: string; message: { vi: string; en: string } }[];

/** Sending the draft: what still keeps it back, or the button. */
export function SubmitSection({ entry, win, fixOpen, saveFirst, onSubmitted, refresh }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const qc = useQueryClient();
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit() {
    setSubmitError(null);
    setSubmitting(true);
    try {
      if (!(await saveFirst())) return;
      const receipt = await submitEntry(entry.id);
      qc.setQueryData(receiptKey(entry.id), receipt);
      onSubmitted();
      void refresh();
    } catch (err) {
      setSubmitError(err);
      void refresh();
    } finally {
      setSubmitting(false);
    }
  }

  const blockers = submitBlockers(entry, win, fixOpen).map((b) =>
    b.key === 'blockMissing' ? t('entry.submit.blockMissing', { count: b.count }) : t(`entry.submit.${b.key}`),
  );
  const incompleteList =
    submitError instanceof ApiError && submitError.code === 'entry.incomplete'
      ? ((submitError.details as { missing?: Missing } | undefined)?.missing ?? [])
      : [];

  return (
    <section className="card" aria-labelledby="submit-title" data-testid="submit-section">
      <h2 id="submit-title">{t('entry.submit.title')}</h2>
      {blockers.length > 0 ? (
        <ul className="plain-list blockers" data-testid="submit-blockers">
          {blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      ) : (
        <p>{win.ok && win.inGrace ? t('entry.submit.readyGrace') : t('entry.submit.ready')}</p>
      )}
      {submitError !== null && (
        <Notice kind="error" testId="submit-error">
          <p>{errorText(submitError, t('errors.unreachable'))}</p>
          {incompleteList.length > 0 && (
            <ul>
              {incompleteList.map((m) => (
                <li key={m.field}>{m.message[lang]}</li>
              ))}
            </ul>
          )}
        </Notice>
      )}
      <button
        type="button"
        className="button"
        disabled={blockers.length > 0 || submitting}
        onClick={() => void submit()}
        data-testid="submit-entry"
      >
        {submitting
          ? t('common.working')
          : t(entry.review?.status === 'returned' ? 'entry.submit.resubmit' : 'entry.submit.button')}
      </button>
      <p className="hint">{t('entry.submit.hint')}</p>
    </section>
  );
}
