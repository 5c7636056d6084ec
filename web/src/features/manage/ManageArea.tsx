import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { App as AntApp, ConfigProvider, Layout, Menu, Result, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { can } from '@core/roles.ts';
import { useContest } from '../../api/contests.ts';
import { errorText } from '../../api/errors.ts';
import { principalFor, useSession } from '../../api/session.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useTitle } from '../../components/useTitle.ts';
import { TABS, type TabKey } from './tabs.ts';
import './manage.css';

const TAB_PAGES: Record<TabKey, LazyExoticComponent<ComponentType>> = {
  settings: lazy(() => import('./settings/SettingsTab.tsx')),
  entries: lazy(() => import('./entries/EntriesTab.tsx')),
  review: lazy(() => import('./reviews/ReviewTab.tsx')),
  compliance: lazy(() => import('./entries/ComplianceTab.tsx')),
  publication: lazy(() => import('./publication/PublicationTab.tsx')),
  reports: lazy(() => import('./reports/ReportsTab.tsx')),
  voting: lazy(() => import('./voting/VotingTab.tsx')),
  news: lazy(() => import('./news/NewsTab.tsx')),
  units: lazy(() => import('./units/UnitsTab.tsx')),
  roster: lazy(() => import('./roster/RosterTab.tsx')),
  roles: lazy(() => import('./roles/RolesTab.tsx')),
  storage: lazy(() => import('./storage/StorageTab.tsx')),
  audit: lazy(() => import('./audit/AuditTab.tsx')),
};

const center = (
  <div className="manage-center">
    <Spin />
  </div>
);

/** The staff area of one contest: Ant Design, loaded only here. */
export default function ManageArea() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : viVN}
      theme={{ token: { colorPrimary: '#a3121f', borderRadius: 6 } }}
    >
      <AntApp>
        <ManageShell />
      </AntApp>
    </ConfigProvider>
  );
}

function ManageShell() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const contest = useContest(slug);
  useTitle(contest.data ? `${t('manage.title')}: ${contest.data.name}` : t('manage.title'));

  if (session.isPending) return center;
  if (!session.data?.user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  const principal = principalFor(session.data, slug);
  const tabs = TABS.filter((tab) => can(principal, tab.action));
  const active = tabs.find((tab) => location.pathname.split('/')[3] === tab.key)?.key;

  return (
    <Layout className="manage">
      <Layout.Header className="manage-header">
        <Link to={`/c/${slug}`} className="manage-brand">
          {t('app.name')}
        </Link>
        <Typography.Text className="manage-contest" ellipsis>
          {contest.data?.name}
        </Typography.Text>
        <nav aria-label={t('manage.userNav')} className="manage-user">
          <Link to={`/c/${slug}`}>{t('manage.publicPage')}</Link>
          <Link to="/account">{t('nav.account')}</Link>
          <LanguageSwitch className="lang-switch lang-switch-dark" />
        </nav>
      </Layout.Header>
      <Layout>
        <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={260} className="manage-sider">
          <nav aria-label={t('manage.tabsNav')}>
            <Menu
              mode="inline"
              selectedKeys={active ? [active] : []}
              onClick={({ key }) => navigate(`/manage/${slug}/${key}`)}
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
        </Layout.Sider>
        <Layout.Content className="manage-content">
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
                  return <Route key={tab.key} path={tab.key} element={<Page />} />;
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
