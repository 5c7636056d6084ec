import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { formatDateTime } from '@core/time.ts';
import { markNotificationRead, notificationsKey, useNotifications } from '../../api/notifications.ts';
import { errorText } from '../../api/errors.ts';
import { useSession } from '../../api/session.ts';
import type { NotificationItem } from '../../api/types.ts';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { currentLanguage } from '../../i18n/index.ts';

/** The signed-in user's notifications (review outcomes and the like), newest first, to read and mark read. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  const list = useNotifications(!!session.data?.user);
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  useTitle(t('notifications.title'));

  if (session.isPending) return <Loading />;
  if (!session.data?.user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (list.isError) return <Notice kind="error">{errorText(list.error, t('errors.unreachable'))}</Notice>;
  if (!list.data) return <Loading />;

  async function markRead(ids: number[]) {
    setError(null);
    try {
      for (const id of ids) await markNotificationRead(id);
    } catch (err) {
      setError(err);
    }
    await qc.invalidateQueries({ queryKey: notificationsKey });
  }

  const unreadIds = list.data.items.filter((n) => !n.readAt).map((n) => n.id);
  return (
    <section aria-labelledby="notifications-title" data-testid="notifications-page">
      <h1 id="notifications-title">{t('notifications.title')}</h1>
      <p className="hint" role="status">
        {list.data.unread > 0 ? t('notifications.unread', { count: list.data.unread }) : t('notifications.allRead')}
      </p>
      {error !== null && <Notice kind="error">{errorText(error, t('errors.unreachable'))}</Notice>}
      {unreadIds.length > 1 && (
        <p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void markRead(unreadIds)}
            data-testid="notifications-read-all"
          >
            {t('notifications.markAllRead')}
          </button>
        </p>
      )}
      {list.data.items.length === 0 ? (
        <p data-testid="notifications-empty">{t('notifications.empty')}</p>
      ) : (
        <ul className="notification-list" data-testid="notification-list">
          {list.data.items.map((n) => (
            <NotificationCard key={n.id} n={n} onRead={() => void markRead([n.id])} />
          ))}
        </ul>
      )}
    </section>
  );
}

function NotificationCard({ n, onRead }: { n: NotificationItem; onRead: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const unread = !n.readAt;
  return (
    <li
      className={`notification${unread ? ' notification-unread' : ''}`}
      data-testid={`notification-${n.id}`}
      data-unread={unread}
    >
      <h2>
        {unread && <span className="sr-only">{t('notifications.newLabel')} </span>}
        {n.title[lang]}
      </h2>
      <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
      <p className="notification-body">{n.body[lang]}</p>
      <div className="actions">
        {n.entryId !== null && (
          <Link
            className="button"
            to={`/entries/${n.entryId}`}
            onClick={unread ? onRead : undefined}
            data-testid={`notification-open-${n.id}`}
          >
            {t('notifications.openEntry')}
          </Link>
        )}
        {unread && (
          <button
            type="button"
            className="button button-secondary"
            onClick={onRead}
            data-testid={`notification-read-${n.id}`}
          >
            {t('notifications.markRead')}
          </button>
        )}
      </div>
    </li>
  );
}
