import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useMatch } from 'react-router';
import { useSession } from '../api/session.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Loading } from '../components/Loading.tsx';
import { NotificationsLink } from '../features/notifications/NotificationsLink.tsx';

/** Header, main and footer of the light public pages (no Ant Design here). */
export function PublicLayout() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const user = session?.user;
  const contestSlug = useMatch('/c/:slug/*')?.params.slug;
  return (
    <div className="pub">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link to="/" className="brand">
            {t('app.name')}
          </Link>
          <nav aria-label={t('nav.label')} className="site-nav">
            {contestSlug && (
              <Link to={`/c/${encodeURIComponent(contestSlug)}/gallery`} data-testid="nav-gallery">
                {t('nav.gallery')}
              </Link>
            )}
            {user ? (
              <>
                <Link to="/entries" data-testid="nav-entries">
                  {t('nav.entries')}
                </Link>
                <NotificationsLink />
                <Link to="/account" data-testid="nav-account">
                  {t('nav.account')}
                </Link>
              </>
            ) : (
              <>
                <Link to="/login" data-testid="nav-login">
                  {t('nav.login')}
                </Link>
                <Link to="/register" data-testid="nav-register">
                  {t('nav.register')}
                </Link>
              </>
            )}
          </nav>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="container">
          {t('app.footer')} · <Link to="/privacy">{t('privacy.link')}</Link>
        </div>
      </footer>
    </div>
  );
}
