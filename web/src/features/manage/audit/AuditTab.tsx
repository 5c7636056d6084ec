import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DEFAULT_TIME_ZONE, formatDateTime } from '@core/time.ts';
import { api, enc } from '../../../api/client.ts';
import { useContest } from '../../../api/contests.ts';
import type { AuditRecordView } from '../../../api/types.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

const PAGE = 50;

/** The append-only, hash-chained log of staff actions, newest first, a page at a time. */
export default function AuditTab() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const tz = useContest(slug).data?.timeZone ?? DEFAULT_TIME_ZONE;
  const log = useInfiniteQuery({
    queryKey: ['audit', slug],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api<AuditRecordView[]>(
        `/api/contests/${enc(slug)}/audit?limit=${PAGE}${pageParam ? `&before=${pageParam}` : ''}`,
      ),
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1]!.seq : undefined),
  });
  const rows = log.data?.pages.flat() ?? [];

  return (
    <>
      <h1 className="manage-title">{t('manage.tab.audit')}</h1>
      <p>{t('audit.intro')}</p>
      <ApiErrorAlert error={log.error} />
      <Table<AuditRecordView>
        rowKey="seq"
        size="small"
        loading={log.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="audit-table"
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: t('audit.at'), dataIndex: 'at', render: (at: string) => formatDateTime(at, tz), width: 150 },
          {
            title: t('audit.actor'),
            key: 'actor',
            render: (_: unknown, r) => (
              <>
                {r.actorName ?? t('audit.system')}
                {r.actorIp && <Typography.Text type="secondary"> ({r.actorIp})</Typography.Text>}
              </>
            ),
          },
          { title: t('audit.action'), dataIndex: 'action' },
          { title: t('audit.target'), dataIndex: 'target' },
          {
            title: t('audit.outcome'),
            dataIndex: 'outcome',
            render: (o: string) => (
              <Tag color={o === 'ok' ? 'green' : 'red'}>{t(`audit.outcomes.${o}`, { defaultValue: o })}</Tag>
            ),
          },
          {
            title: t('audit.details'),
            dataIndex: 'details',
            render: (d: unknown) => (d == null ? null : <span className="manage-code">{JSON.stringify(d)}</span>),
          },
          {
            title: t('audit.hash'),
            dataIndex: 'hash',
            width: 140,
            render: (h: string) => (
              <Typography.Text code title={h} style={{ whiteSpace: 'nowrap' }}>
                {h.slice(0, 12)}
              </Typography.Text>
            ),
          },
        ]}
      />
      {log.hasNextPage && (
        <Button
          style={{ marginTop: 16 }}
          onClick={() => void log.fetchNextPage()}
          loading={log.isFetchingNextPage}
          data-testid="audit-older"
        >
          {t('audit.older')}
        </Button>
      )}
    </>
  );
}
