import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { formatDateTime } from '@core/time.ts';
import { useMyEntries } from '../../api/entries.ts';
import { errorText } from '../../api/errors.ts';
import { useSession } from '../../api/session.ts';
import { DeadlineNotice } from '../../components/DeadlineNotice.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../components/useTitle.ts';
import './entries.css';

/** "Tác phẩm của tôi": every entry of the user, its status and what to do next. */
export default function MyEntriesPage() {
  const { t } = useTranslation();
  useTitle(t('entries.title'));
  const session = useSession();
  const entries = useMyEntries(!!session.data?.user);
  if (session.isPending) return <Loading />;
  if (!session.data?.user) return <Navigate to="/login?next=/entries" replace />;
  if (entries.isError) return <Notice kind="error">{errorText(entries.error, t('errors.unreachable'))}</Notice>;
  if (!entries.data) return <Loading />;
  return (
    <section data-testid="my-entries">
      <h1>{t('entries.title')}</h1>
      {entries.data.length === 0 ? (
        <div className="card">
          <p>{t('entries.empty')}</p>
          <Link to="/" className="button">
            {t('entries.findContest')}
          </Link>
        </div>
      ) : (
        <ul className="entry-list">
          {entries.data.map((e) => (
            <li key={e.id} className="card entry-item" data-testid={`my-entry-${e.id}`}>
              <h2>
                <Link to={`/entries/${e.id}`}>{e.title || t('entry.untitled')}</Link>
              </h2>
              <p className="entry-meta">
                <span className={`status status-${e.status}`}>{t(`entries.status.${e.status}`)}</span>
                {e.code && (
                  <>
                    {' '}
                    <span className="code">{e.code}</span>
                  </>
                )}
              </p>
              <p className="hint">
                {e.contestName}
                {e.unitName && <> · {e.unitName}</>}
                {' · '}
                {e.submittedAt
                  ? t('entries.submittedAt', { at: formatDateTime(e.submittedAt) })
                  : t('entries.updatedAt', { at: formatDateTime(e.updatedAt) })}
              </p>
              {e.deadline && (
                // The list carries no server time: the browser's clock drives this countdown (the server decides).
                <DeadlineNotice
                  endsAt={e.deadline.endsAt}
                  timeZone={e.deadline.timeZone}
                  graceMinutes={e.deadline.graceMinutes}
                  offsetMs={0}
                />
              )}
              <p className="next-step">
                <strong>{t('entries.next')}</strong>{' '}
                {t(e.status === 'submitted' ? 'entries.nextSubmitted' : 'entries.nextDraft')}
              </p>
              <div className="actions">
                <Link className="button button-secondary" to={`/entries/${e.id}`}>
                  {e.status === 'submitted' ? t('entries.view') : t('entries.continue')}
                </Link>
                {e.status === 'submitted' && <Link to={`/entries/${e.id}/receipt`}>{t('entries.receipt')}</Link>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
