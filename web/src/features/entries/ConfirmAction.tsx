import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors.ts';
import { Notice } from '../../components/Notice.tsx';

/**
 * A destructive action behind a second click: the button, then the question with "yes" and "no". `run` throws to show
 * the server's message; `testId` prefixes the test ids (`-start`, `-confirm`).
 */
export function ConfirmAction({
  keys,
  testId,
  run,
  children,
}: {
  keys: string;
  testId: string;
  run: () => Promise<void>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function go() {
    setBusy(true);
    setError(null);
    try {
      await run();
      setConfirming(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      {error !== null && (
        <Notice kind="error" testId={`${testId}-error`}>
          {errorText(error, t('errors.unreachable'))}
        </Notice>
      )}
      {confirming ? (
        <div className="confirm" role="group" aria-label={t(`${keys}.confirmLabel`)}>
          <p>
            <strong>{t(`${keys}.confirm`)}</strong>
          </p>
          {children}
          <div className="actions">
            <button
              type="button"
              className="button button-danger"
              onClick={() => void go()}
              disabled={busy}
              data-testid={`${testId}-confirm`}
            >
              {busy ? t('common.working') : t(`${keys}.yes`)}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {t(`${keys}.no`)}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setConfirming(true)}
          data-testid={`${testId}-start`}
        >
          {t(`${keys}.button`)}
        </button>
      )}
    </>
  );
}
