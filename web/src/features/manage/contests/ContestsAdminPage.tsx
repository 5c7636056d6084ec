import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Layout, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import type { ContestStatus } from '@core/contest-lifecycle.ts';
import { formatDate } from '@core/time.ts';
import { setContestStatus } from '../../../api/contest-admin.ts';
import { useContests } from '../../../api/contests.ts';
import { errorText } from '../../../api/errors.ts';
import { useSession } from '../../../api/session.ts';
import type { ContestSummary } from '../../../api/types.ts';
import { LanguageSwitch } from '../../../components/LanguageSwitch.tsx';
import { useTitle } from '../../../components/useTitle.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { ManageFrame } from '../ManageFrame.tsx';
import { CreateContestModal } from './CreateContestModal.tsx';
import { DeleteDemoModal } from './DeleteDemoModal.tsx';
import { RenameContestModal } from './RenameContestModal.tsx';
import { ErasureQueue } from '../privacy/ErasureQueue.tsx';

const STATUS_COLOR: Record<ContestStatus, string> = { draft: 'gold', published: 'green', archived: 'default' };

/** The site administrator's list of contests: create, copy, rename, publish, archive (ADR 0023). */
export default function ContestsAdminPage() {
  return (
    <ManageFrame>
      <ContestsAdmin />
    </ManageFrame>
  );
}

function ContestsAdmin() {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  useTitle(t('contestAdmin.title'));
  if (session.isPending)
    return (
      <div className="manage-center">
        <Spin />
      </div>
    );
  if (!session.data?.user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  return (
    <Layout className="manage">
      <Layout.Header className="manage-header">
        <Link to="/" className="manage-brand">
          {t('app.name')}
        </Link>
        <Typography.Text className="manage-contest" ellipsis>
          {t('contestAdmin.title')}
        </Typography.Text>
        <nav aria-label={t('manage.userNav')} className="manage-user">
          <Link to="/account">{t('nav.account')}</Link>
          <LanguageSwitch className="lang-switch lang-switch-dark" />
        </nav>
      </Layout.Header>
      <Layout.Content className="manage-content">
        {session.data.user.isSiteAdmin ? (
          <>
            <ContestTable />
            <ErasureQueue />
          </>
        ) : (
          <Result status="403" title={t('contestAdmin.forbidden')} extra={<Link to="/">{t('notFound.home')}</Link>} />
        )}
      </Layout.Content>
    </Layout>
  );
}

type Dialog =
  { kind: 'create'; source?: ContestSummary } | { kind: 'rename' | 'deleteDemo'; contest: ContestSummary } | null;

function ContestTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const contests = useContests();
  const [dialog, setDialog] = useState<Dialog>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['contests'] });
  const status = useMutation({
    mutationFn: (v: { slug: string; status: ContestStatus }) => setContestStatus(v.slug, v.status),
    onSuccess: async (_r, v) => {
      void message.success(t(`contestAdmin.done.${v.status}`));
      await qc.invalidateQueries({ queryKey: ['contest', v.slug] });
      await refresh();
    },
    onError: (err) => void message.error(errorText(err, t('errors.unreachable'))),
  });
  const busy = (slug: string) => status.isPending && status.variables?.slug === slug;
  const list = contests.data ?? [];

  return (
    <>
      <h1 className="manage-title">{t('contestAdmin.title')}</h1>
      <p className="manage-muted" style={{ fontSize: 14 }}>
        {t('contestAdmin.intro')}
      </p>
      <ApiErrorAlert error={contests.error} />
      {contests.isSuccess && list.length === 0 ? (
        <Result
          status="info"
          title={t('contestAdmin.noneYet')}
          subTitle={t('contestAdmin.noneYetHelp')}
          extra={
            <Button
              type="primary"
              size="large"
              onClick={() => setDialog({ kind: 'create' })}
              data-testid="create-first"
            >
              {t('contestAdmin.createFirst')}
            </Button>
          }
        />
      ) : (
        <>
          <Button
            type="primary"
            onClick={() => setDialog({ kind: 'create' })}
            style={{ marginBottom: 16 }}
            data-testid="contest-create"
          >
            {t('contestAdmin.create')}
          </Button>
          <Table<ContestSummary>
            rowKey="id"
            loading={contests.isPending}
            dataSource={list}
            pagination={false}
            scroll={{ x: 900 }}
            data-testid="contest-admin-table"
            columns={[
              {
                title: t('contestAdmin.col.name'),
                key: 'name',
                render: (_, c) => (
                  <Space orientation="vertical" size={0}>
                    <Link to={`/manage/${c.slug}`} data-testid={`contest-manage-${c.slug}`}>
                      {c.name}
                    </Link>
                    <Typography.Text type="secondary">/c/{c.slug}</Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('contestAdmin.col.status'),
                key: 'status',
                render: (_, c) => (
                  <Space wrap size={4}>
                    <Tag color={STATUS_COLOR[c.status]} data-testid={`contest-status-${c.slug}`}>
                      {t(`contestAdmin.status.${c.status}`)}
                    </Tag>
                    {c.status !== 'draft' && <Tag>{t(`contestAdmin.bucket.${c.bucket}`)}</Tag>}
                    {c.isDemo && <Tag color="blue">{t('home.demoBadge')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('contestAdmin.col.dates'),
                key: 'dates',
                render: (_, c) =>
                  c.startsAt && c.endsAt
                    ? `${formatDate(c.startsAt)} – ${formatDate(c.endsAt)}`
                    : t('contestAdmin.unscheduled'),
              },
              {
                title: t('contestAdmin.col.actions'),
                key: 'actions',
                render: (_, c) => (
                  <Space wrap size={4}>
                    {c.status === 'published' ? (
                      <ConfirmButton
                        title={t('contestAdmin.unpublishConfirm')}
                        okText={t('contestAdmin.action.unpublish')}
                        onConfirm={() => status.mutate({ slug: c.slug, status: 'draft' })}
                        loading={busy(c.slug)}
                        testId={`contest-unpublish-${c.slug}`}
                      />
                    ) : (
                      <Button
                        size="small"
                        type="primary"
                        loading={busy(c.slug)}
                        onClick={() => status.mutate({ slug: c.slug, status: 'published' })}
                        data-testid={`contest-publish-${c.slug}`}
                      >
                        {t(c.status === 'archived' ? 'contestAdmin.action.republish' : 'contestAdmin.action.publish')}
                      </Button>
                    )}
                    {c.status === 'published' && c.bucket === 'past' && (
                      <ConfirmButton
                        title={t('contestAdmin.archiveConfirm')}
                        okText={t('contestAdmin.action.archive')}
                        onConfirm={() => status.mutate({ slug: c.slug, status: 'archived' })}
                        loading={busy(c.slug)}
                        testId={`contest-archive-${c.slug}`}
                      />
                    )}
                    <Button
                      size="small"
                      onClick={() => setDialog({ kind: 'create', source: c })}
                      data-testid={`contest-copy-${c.slug}`}
                    >
                      {t('contestAdmin.action.copy')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() => setDialog({ kind: 'rename', contest: c })}
                      data-testid={`contest-rename-${c.slug}`}
                    >
                      {t('contestAdmin.action.rename')}
                    </Button>
                    {c.isDemo && (
                      <Button
                        size="small"
                        danger
                        onClick={() => setDialog({ kind: 'deleteDemo', contest: c })}
                        data-testid={`contest-delete-demo-${c.slug}`}
                      >
                        {t('contestAdmin.deleteDemo.action')}
                      </Button>
                    )}
                    <Link to={`/c/${c.slug}`}>{t('manage.publicPage')}</Link>
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
      {dialog?.kind === 'create' && (
        <CreateContestModal
          contests={list}
          source={dialog.source}
          onClose={() => setDialog(null)}
          onDone={(slug) => {
            void message.success(t('contestAdmin.created', { slug }));
            void refresh();
          }}
        />
      )}
      {dialog?.kind === 'deleteDemo' && (
        <DeleteDemoModal
          contest={dialog.contest}
          onClose={() => setDialog(null)}
          onDone={(removed) => {
            void message.success(t('contestAdmin.deleteDemo.done', { entries: removed.entries, units: removed.units }));
            qc.removeQueries({ queryKey: ['contest', dialog.contest.slug] });
            void refresh();
          }}
        />
      )}
      {dialog?.kind === 'rename' && (
        <RenameContestModal
          contest={dialog.contest}
          onClose={() => setDialog(null)}
          onDone={async () => {
            void message.success(t('common.saved'));
            await qc.invalidateQueries({ queryKey: ['contest'] });
            await refresh();
          }}
        />
      )}
    </>
  );
}
