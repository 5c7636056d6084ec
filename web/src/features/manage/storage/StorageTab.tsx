import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { FailedJob, OrphanReportView, StorageUsage } from '@core/api.ts';
import { api, enc } from '../../../api/client.ts';
import { errorText } from '../../../api/errors.ts';
import { useSession } from '../../../api/session.ts';
import { formatBytes } from '../../../lib/format.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

const KINDS = ['originals', 'renditions', 'subtitles', 'uploading', 'superseded', 'other'] as const;

/** Storage use of the contest, its failed media jobs (retry), and for site administrators the orphaned files. */
export default function StorageTab() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const usage = useQuery({
    queryKey: ['storage', slug],
    queryFn: () => api<StorageUsage>(`/api/contests/${enc(slug)}/storage`),
  });
  const u = usage.data;
  return (
    <>
      <h1 className="manage-title">{t('manage.tab.storage')}</h1>
      <ApiErrorAlert error={usage.error} />
      {u && (
        <>
          <div className="manage-stats" data-testid="storage-stats">
            <Card size="small">
              <Statistic title={t('storage.total')} value={formatBytes(u.totalBytes)} />
            </Card>
            {KINDS.filter((k) => k !== 'other' || u.byKind.other.files > 0).map((k) => (
              <Card size="small" key={k} data-testid={`storage-${k}`}>
                <Statistic title={t(`storage.kind.${k}`)} value={formatBytes(u.byKind[k].bytes)} />
                <Typography.Text type="secondary">{t('storage.files', { count: u.byKind[k].files })}</Typography.Text>
              </Card>
            ))}
            {u.disk && (
              <Card size="small" data-testid="storage-disk">
                <Statistic
                  title={t('storage.diskFree')}
                  value={formatBytes(u.disk.freeBytes)}
                  valueStyle={{ color: u.disk.freeBytes < u.disk.totalBytes * 0.1 ? '#cf1322' : undefined }}
                />
                <Typography.Text type="secondary">
                  {t('storage.diskOf', { total: formatBytes(u.disk.totalBytes) })}
                </Typography.Text>
              </Card>
            )}
          </div>
          <p>{t(u.storage === 's3' ? 'storage.whereS3' : 'storage.whereLocal')}</p>
          <h2 className="manage-subtitle">{t('storage.topEntries')}</h2>
          <Table
            rowKey="entryId"
            size="small"
            pagination={false}
            dataSource={u.topEntries}
            data-testid="storage-top"
            columns={[
              {
                title: t('staffEntries.code'),
                dataIndex: 'code',
                render: (c: string | null, r) => <Link to={`/entries/${r.entryId}`}>{c ?? `#${r.entryId}`}</Link>,
              },
              { title: t('staffEntries.work'), dataIndex: 'title' },
              { title: t('storage.size'), dataIndex: 'bytes', align: 'right', render: (b: number) => formatBytes(b) },
            ]}
          />
        </>
      )}
      <FailedJobs slug={slug} />
      {session.data?.user?.isSiteAdmin && <Orphans />}
    </>
  );
}

function FailedJobs({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const jobs = useQuery({
    queryKey: ['failed-jobs', slug],
    queryFn: () => api<FailedJob[]>(`/api/contests/${enc(slug)}/jobs/failed`),
    refetchInterval: 30_000,
  });
  const retry = useMutation({
    mutationFn: (id: string) => api(`/api/contests/${enc(slug)}/jobs/${enc(id)}/retry`, { method: 'POST' }),
    onSuccess: async () => {
      void message.success(t('storage.retried'));
      await qc.invalidateQueries({ queryKey: ['failed-jobs', slug] });
    },
    onError: (err) => void message.error(errorText(err, t('errors.unreachable'))),
  });
  return (
    <section aria-labelledby="failed-jobs-title">
      <h2 className="manage-subtitle" id="failed-jobs-title">
        {t('storage.failedJobs')}
      </h2>
      <ApiErrorAlert error={jobs.error} />
      <p>{t('storage.failedJobsHelp')}</p>
      <Table<FailedJob>
        rowKey="id"
        size="small"
        loading={jobs.isFetching}
        pagination={false}
        dataSource={jobs.data ?? []}
        locale={{ emptyText: t('storage.noFailedJobs') }}
        data-testid="failed-jobs"
        scroll={{ x: 720 }}
        columns={[
          {
            title: t('storage.job'),
            dataIndex: 'name',
            render: (n: string) => <Tag>{t(`storage.jobName.${n}`, { defaultValue: n })}</Tag>,
          },
          {
            title: t('staffEntries.code'),
            dataIndex: 'entryCode',
            render: (c: string | null, r) => <Link to={`/entries/${r.entryId}`}>{c ?? r.entryTitle}</Link>,
          },
          {
            title: t('storage.attempts'),
            key: 'attempts',
            align: 'right',
            render: (_: unknown, r) => `${r.attempts}/${r.maxAttempts}`,
          },
          {
            title: t('storage.error'),
            dataIndex: 'lastError',
            render: (e: string | null) => (
              <Typography.Text code style={{ whiteSpace: 'pre-wrap' }}>
                {e}
              </Typography.Text>
            ),
          },
          {
            title: '',
            key: 'retry',
            render: (_: unknown, r) => (
              <Button
                size="small"
                loading={retry.isPending && retry.variables === r.id}
                onClick={() => retry.mutate(r.id)}
                data-testid={`retry-${r.id}`}
              >
                {t('storage.retry')}
              </Button>
            ),
          },
        ]}
      />
    </section>
  );
}

function Orphans() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const report = useQuery({
    queryKey: ['orphans'],
    queryFn: () => api<OrphanReportView>('/api/admin/storage/orphans'),
    enabled: false,
  });
  const remove = useMutation({
    mutationFn: () => api<{ removed: number; bytes: number }>('/api/admin/storage/orphans/delete', { method: 'POST' }),
    onSuccess: async (r) => {
      void message.success(t('storage.orphansRemoved', { count: r.removed, size: formatBytes(r.bytes) }));
      await qc.invalidateQueries({ queryKey: ['orphans'] });
      await report.refetch();
    },
    onError: (err) => void message.error(errorText(err, t('errors.unreachable'))),
  });
  const r = report.data;
  return (
    <section aria-labelledby="orphans-title">
      <h2 className="manage-subtitle" id="orphans-title">
        {t('storage.orphans')}
      </h2>
      <p>{t('storage.orphansHelp')}</p>
      <ApiErrorAlert error={report.error} />
      <Button onClick={() => void report.refetch()} loading={report.isFetching} data-testid="orphans-scan">
        {t('storage.scan')}
      </Button>
      {r && (
        <>
          <p data-testid="orphans-summary">
            {t('storage.orphansFound', { count: r.count, size: formatBytes(r.totalBytes) })}
          </p>
          {r.count > 0 && (
            <>
              <Table
                rowKey="key"
                size="small"
                pagination={{ pageSize: 20 }}
                dataSource={r.orphans}
                scroll={{ x: 720 }}
                columns={[
                  {
                    title: t('storage.file'),
                    dataIndex: 'key',
                    render: (k: string) => <Typography.Text code>{k}</Typography.Text>,
                  },
                  {
                    title: t('storage.reason'),
                    dataIndex: 'reason',
                    render: (x: string) => t(`storage.orphanReason.${x}`),
                  },
                  {
                    title: t('storage.size'),
                    dataIndex: 'bytes',
                    align: 'right',
                    render: (b: number) => formatBytes(b),
                  },
                ]}
              />
              <Popconfirm title={t('storage.removeConfirm', { count: r.count })} onConfirm={() => remove.mutate()}>
                <Button danger loading={remove.isPending} data-testid="orphans-remove">
                  {t('storage.removeOrphans')}
                </Button>
              </Popconfirm>
            </>
          )}
        </>
      )}
    </section>
  );
}
