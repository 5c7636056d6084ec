import { lazy, Suspense, useEffect, useState, type ComponentType, type LazyExoticComponent } from 'react';
import { Button, Drawer, Grid, Layout, Menu, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { can } from '@core/roles.ts';
import { useContest } from '../../api/contests.ts';
import { errorText } from '../../api/errors.ts';
import { principalFor, useSession } from '../../api/session.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { ManageFrame } from './ManageFrame.tsx';
import { TABS, type TabKey } from './tabs.ts';
import { useFocusableTableScroll } from './focusable-scroll.ts';

const TAB_PAGES: Record<TabKey, LazyExoticComponent<ComponentType>> = {
  settings: lazy(() => import('./settings/SettingsTab.tsx')),
  entries: lazy(() => import('./entries/EntriesTab.tsx')),
  review: lazy(() => import('./reviews/ReviewTab.tsx')),
  judging: lazy(() => import('./judging/JudgingTab.tsx')),
  compliance: lazy(() => import('./entries/ComplianceTab.tsx')),
  publication: lazy(() => import('./publication/PublicationTab.tsx')),
  reports: lazy(() => import('./reports/ReportsTab.tsx')),
  voting: lazy(() => import('./voting/VotingTab.tsx')),
  awards: lazy(() => import('./awards/AwardsTab.tsx')),
  news: lazy(() => import('./news/NewsTab.tsx')),
  units: lazy(() => import('./units/UnitsTab.tsx')),
  roster: lazy(() => import('./roster/RosterTab.tsx')),
  paperwork: lazy(() => import('./paperwork/PaperworkTab.tsx')),
  roles: lazy(() => import('./roles/RolesTab.tsx')),
  storage: lazy(() => import('./storage/StorageTab.tsx')),
  references: lazy(() => import('./references/ReferencesTab.tsx')),
  audit: lazy(() => import('./audit/AuditTab.tsx')),
};

const center = (
  <div className="manage-center">
    <Spin />
  </div>
);

/** The staff area of one contest: Ant Design, loaded only here. */
export default function ManageArea() {
  return (
    <ManageFrame>
      <ManageShell />
    </ManageFrame>
  );
}

function ManageShell() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const contest = useContest(slug);
  // Below 992 px the menu is a drawer opened from the header, so that a phone keeps the whole width for the screen.
  const wide = Grid.useBreakpoint().lg === true;
  // The router moves to a screen only once its code has loaded (a transition), while the address has already changed:
  // on a slow line the menu may be opened again meanwhile, and must not close when that screen arrives. So the drawer
  // closes on what leads away from it, a choice in it or the browser's back and forward, not on the router's location.
  const [menuOpen, setMenuOpen] = useState(false);
  // Meanwhile the last screen stays, so the chosen one is said to be on its way.
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    if (!menuOpen) return;
    const close = () => setMenuOpen(false);
    window.addEventListener('popstate', close);
    return () => window.removeEventListener('popstate', close);
  }, [menuOpen]);
  // A callback ref: the content is drawn only once the session is known, after the first render.
  const [content, setContent] = useState<HTMLElement | null>(null);
  useFocusableTableScroll(content, t('a11y.tableRegion'));
  useTitle(contest.data ? `${t('manage.title')}: ${contest.data.name}` : t('manage.title'));

  if (session.isPending) return center;
  if (!session.data?.user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  const principal = principalFor(session.data, slug);
  const tabs = TABS.filter((tab) => can(principal, tab.action));
  const active = tabs.find((tab) => location.pathname.split('/')[3] === tab.key)?.key;
  const closeMenu = () => setMenuOpen(false);
  const loading = chosen !== null && chosen === window.location.pathname && chosen !== location.pathname;
  const menu = (
    <nav aria-label={t('manage.tabsNav')}>
      <Menu
        mode="inline"
        selectedKeys={active ? [active] : []}
        onClick={({ key, domEvent }) => {
          closeMenu();
          setChosen(`/manage/${slug}/${key}`);
          // A tap on the item's link has been followed already; a second move would add a step to the history.
          if (!domEvent.defaultPrevented) navigate(`/manage/${slug}/${key}`);
        }}
        items={tabs.map((tab) => ({
          key: tab.key,
          label: (
            <Link to={`/manage/${slug}/${tab.key}`} data-testid={`tab-${tab.key}`}>
              {t(`manage.tab.${tab.key}`)}
            </Link>
          ),
        }))}
      />
    </nav>
  );
  const userLinks = (
    <>
      {session.data.user.isSiteAdmin && (
        <Link to="/manage" data-testid="all-contests" onClick={closeMenu}>
          {t('contestAdmin.title')}
        </Link>
      )}
      <Link to={`/c/${slug}`} onClick={closeMenu}>
        {t('manage.publicPage')}
      </Link>
      <Link to="/account" onClick={closeMenu}>
        {t('nav.account')}
      </Link>
    </>
  );

  return (
    <Layout className="manage">
      <Layout.Header className="manage-header">
        {!wide && (
          <Button
            type="text"
            className="manage-menu-button"
            aria-label={t('flow.staffMenu')}
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen(true)}
            data-testid="manage-menu-button"
            icon={
              <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
                <path fill="currentColor" d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" />
              </svg>
            }
          />
        )}
        <Link to={`/c/${slug}`} className="manage-brand">
          {t('app.name')}
        </Link>
        <Typography.Text className="manage-contest" ellipsis>
          {wide && contest.data?.name}
        </Typography.Text>
        <nav aria-label={t('manage.userNav')} className="manage-user">
          {wide && userLinks}
          <LanguageSwitch className="lang-switch lang-switch-dark" />
        </nav>
      </Layout.Header>
      <Layout>
        {wide ? (
          <Layout.Sider theme="light" width={260} className="manage-sider">
            {menu}
          </Layout.Sider>
        ) : (
          <Drawer
            open={menuOpen}
            onClose={() => setMenuOpen(false)}
            placement="left"
            size={280}
            rootClassName="manage-drawer"
            title={contest.data?.name ?? t('manage.title')}
          >
            {menu}
            <nav aria-label={t('manage.userNav')} className="manage-drawer-user">
              {userLinks}
            </nav>
          </Drawer>
        )}
        <Layout.Content className="manage-content" ref={setContent}>
          <div role="status" className="manage-loading" data-testid="manage-loading">
            {loading && (
              <>
                <Spin size="small" /> {t('common.loading')}
              </>
            )}
          </div>
          {contest.isError ? (
            <Result status="warning" title={errorText(contest.error, t('errors.unreachable'))} />
          ) : tabs.length === 0 ? (
            <Result
              status="403"
              title={t('manage.forbidden')}
              extra={<Link to={`/c/${slug}`}>{t('manage.publicPage')}</Link>}
            />
          ) : (
            <Suspense fallback={center}>
              <Routes>
                {tabs.map((tab) => {
                  const Page = TAB_PAGES[tab.key];
                  return <Route key={tab.key} path={`${tab.key}/*`} element={<Page />} />;
                })}
                <Route path="*" element={<Navigate to={`/manage/${slug}/${tabs[0]!.key}`} replace />} />
              </Routes>
            </Suspense>
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
