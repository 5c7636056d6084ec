import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '@core/time.ts';
import { useContest } from '../../../api/contests.ts';
import { listReports, publicationKey, reportsKey, type ReportStatus } from '../../../api/publication.ts';
import type { ReportRow } from '../../../api/types.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { dateTimeColumn, PAGINATION } from '../columns.tsx';
import { ResolveModal } from './ResolveModal.tsx';

const STATUSES: readonly ReportStatus[] = ['open', 'upheld', 'dismissed'];
const STATUS_COLORS: Record<ReportStatus, string> = { open: 'gold', upheld: 'red', dismissed: 'default' };
/** The filter's value for "every status" (the server then lists open reports first). */
const ALL = 'all';

/** The public's reports about published entries, for the committee to resolve. */
export default function ReportsTab() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const tz = useContest(slug).data?.timeZone;
  const [status, setStatus] = useState<ReportStatus | typeof ALL>('open');
  const filter = status === ALL ? undefined : status;
  const reports = useQuery({
    queryKey: [...reportsKey(slug), filter],
    queryFn: () => listReports(slug, filter),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const [resolving, setResolving] = useState<ReportRow | null>(null);

  return (
    <>
      <h1 className="manage-title">{t('manage.tab.reports')}</h1>
      <p className="manage-muted" style={{ fontSize: 14 }}>
        {t('staffReports.intro')}
      </p>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          value={status}
          onChange={setStatus}
          aria-label={t('staffReports.status')}
          style={{ width: 200 }}
          data-testid="reports-status-filter"
          options={[
            ...STATUSES.map((s) => ({ value: s, label: t(`staffReports.statusName.${s}`) })),
            { value: ALL, label: t('staffReports.all') },
          ]}
        />
      </Space>
      <ApiErrorAlert error={reports.error} />
      <Table<ReportRow>
        rowKey="id"
        loading={reports.isFetching}
        dataSource={reports.data ?? []}
        pagination={PAGINATION}
        scroll={{ x: 1000 }}
        data-testid="reports-table"
        locale={{ emptyText: t('staffReports.empty') }}
        columns={[
          dateTimeColumn(t('staffReports.receivedAt'), 'createdAt', tz, 140),
          {
            title: t('staffReports.entry'),
            key: 'entry',
            render: (_: unknown, r) => (
              <>
                <Link to={`/entries/${r.entryId}`}>
                  {r.entryCode ? `${r.entryCode} — ${r.entryTitle}` : r.entryTitle}
                </Link>
                <div>
                  {r.published ? (
                    <Tag color="green">{t('staffReports.live')}</Tag>
                  ) : (
                    <Tag>{t('staffReports.notLive')}</Tag>
                  )}
                </div>
              </>
            ),
          },
          {
            title: t('staffReports.kindLabel'),
            dataIndex: 'kind',
            width: 150,
            render: (k: string) => <Tag>{t(`staffReports.kind.${k}`, { defaultValue: k })}</Tag>,
          },
          {
            title: t('staffReports.reason'),
            dataIndex: 'reason',
            render: (s: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{s}</span>,
          },
          {
            title: t('staffReports.contact'),
            dataIndex: 'contact',
            width: 170,
            render: (c: string) => c || <span className="manage-muted">{t('staffReports.noContact')}</span>,
          },
          {
            title: t('staffReports.status'),
            dataIndex: 'status',
            width: 230,
            render: (s: ReportStatus, r) => (
              <>
                <Tag color={STATUS_COLORS[s]} data-testid={`report-status-${r.id}`}>
                  {t(`staffReports.statusName.${s}`)}
                </Tag>
                {s !== 'open' && (
                  <>
                    <div style={{ whiteSpace: 'pre-wrap' }}>{r.outcome}</div>
                    <div className="manage-muted">
                      {t('staffReports.resolvedBy', {
                        who: r.resolvedBy ?? '—',
                        at: r.resolvedAt ? formatDateTime(r.resolvedAt, tz) : '—',
                      })}
                    </div>
                  </>
                )}
              </>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_: unknown, r) =>
              r.status === 'open' && (
                <Button size="small" type="primary" onClick={() => setResolving(r)} data-testid={`resolve-${r.id}`}>
                  {t('staffReports.resolve')}
                </Button>
              ),
          },
        ]}
      />
      {resolving && (
        <ResolveModal
          report={resolving}
          onClose={() => setResolving(null)}
          onDone={() => {
            void message.success(t('staffReports.resolved'));
            void qc.invalidateQueries({ queryKey: reportsKey(slug) });
            void qc.invalidateQueries({ queryKey: publicationKey(slug) });
          }}
        />
      )}
    </>
  );
}
