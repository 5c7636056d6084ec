import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNotifications } from '../../api/notifications.ts';
import './notifications.css';

/** A bell: its clapper, then its body. */
const BELL =
  'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Z' +
  'm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z';

/** The header's link to the signed-in user's notifications, with how many are unread. */
export function NotificationsLink() {
  const { t } = useTranslation();
  const { data } = useNotifications();
  const unread = data?.unread ?? 0;
  return (
    <Link to="/notifications" data-testid="nav-notifications" className="nav-notifications">
      <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" className="bell">
        <path fill="currentColor" d={BELL} />
      </svg>
      <span className="header-label">{t('nav.notifications')}</span>
      {unread > 0 && (
        <>
          <span className="nav-count" data-testid="nav-unread">
            {unread}
          </span>
          <span className="sr-only"> {t('a11y.unread')}</span>
        </>
      )}
    </Link>
  );
}
