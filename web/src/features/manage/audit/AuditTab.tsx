import { useState } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { AUDIT_ACTIONS, auditDetailFields, auditSentence } from '@core/audit-sentences.ts';
import { DEFAULT_TIME_ZONE, formatDateTime } from '@core/time.ts';
import { api, enc } from '../../../api/client.ts';
import { useContest } from '../../../api/contests.ts';
import type { AuditRecordView } from '../../../api/types.ts';
import { currentLanguage } from '../../../i18n/index.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';

const PAGE = 50;

interface Filters {
  actorUserId?: number;
  action?: string;
  days?: [Dayjs, Dayjs] | null;
}

/** The query string of the list and of its XLSX export (the same filters). */
function filterQuery(f: Filters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.actorUserId) p.set('actorUserId', String(f.actorUserId));
  if (f.action) p.set('action', f.action);
  if (f.days) {
    p.set('from', f.days[0].format('YYYY-MM-DD'));
    p.set('to', f.days[1].format('YYYY-MM-DD'));
  }
  return p;
}

/**
 * The append-only, hash-chained log of staff actions, newest first, a page at a time: each record as a sentence
 * (who did what to which entry, unit or person) with its details as labelled fields; filters by person, action and
 * days; the same selection as an XLSX file.
 */
export default function AuditTab() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const lang = currentLanguage();
  const tz = useContest(slug).data?.timeZone ?? DEFAULT_TIME_ZONE;
  const [filters, setFilters] = useState<Filters>({});
  const query = filterQuery(filters);
  const people = useQuery({
    queryKey: ['audit-people', slug],
    queryFn: () => api<{ userId: number; fullName: string }[]>(`/api/contests/${enc(slug)}/audit/people`),
  });
  const log = useInfiniteQuery({
    queryKey: ['audit', slug, query.toString()],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => {
      const p = new URLSearchParams(query);
      p.set('limit', String(PAGE));
      if (pageParam) p.set('before', String(pageParam));
      return api<AuditRecordView[]>(`/api/contests/${enc(slug)}/audit?${p}`);
    },
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1]!.seq : undefined),
  });
  const rows = log.data?.pages.flat() ?? [];
  const exportUrl = `/api/contests/${enc(slug)}/audit.xlsx${query.size ? `?${query}` : ''}`;

  return (
    <>
      <h1 className="manage-title">{t('manage.tab.audit')}</h1>
      <p>{t('audit.intro')}</p>
      <Space wrap style={{ marginBottom: 16 }} data-testid="audit-filters">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('auditLog.person')}
          aria-label={t('auditLog.person')}
          style={{ width: 220 }}
          value={filters.actorUserId}
          onChange={(actorUserId?: number) => setFilters((f) => ({ ...f, actorUserId }))}
          options={(people.data ?? []).map((p) => ({ value: p.userId, label: p.fullName }))}
          data-testid="audit-filter-person"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('auditLog.action')}
          aria-label={t('auditLog.action')}
          style={{ width: 260 }}
          value={filters.action}
          onChange={(action?: string) => setFilters((f) => ({ ...f, action }))}
          options={Object.entries(AUDIT_ACTIONS).map(([value, words]) => ({ value, label: words[lang] }))}
          data-testid="audit-filter-action"
        />
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          aria-label={t('auditLog.days')}
          placeholder={[t('auditLog.from'), t('auditLog.to')]}
          value={filters.days ?? null}
          onChange={(days) =>
            setFilters((f) => ({ ...f, days: days && days[0] && days[1] ? [days[0], days[1]] : null }))
          }
          data-testid="audit-filter-days"
        />
        <Button href={exportUrl} download data-testid="audit-xlsx">
          {t('auditLog.export')}
        </Button>
      </Space>
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
            title: t('auditLog.what'),
            key: 'sentence',
            render: (_: unknown, r) => (
              <>
                <span data-testid="audit-sentence">{auditSentence(r, lang)}</span>
                {r.actorIp && <Typography.Text type="secondary"> ({r.actorIp})</Typography.Text>}
              </>
            ),
          },
          {
            title: t('audit.outcome'),
            dataIndex: 'outcome',
            width: 110,
            render: (o: string) => (
              <Tag color={o === 'ok' ? 'green' : 'red'}>{t(`audit.outcomes.${o}`, { defaultValue: o })}</Tag>
            ),
          },
          {
            title: t('audit.details'),
            dataIndex: 'details',
            render: (d: unknown) => {
              const fields = auditDetailFields(d, lang, tz);
              return fields.length ? (
                <dl className="manage-details">
                  {fields.map((f) => (
                    <div key={f.key}>
                      <dt>{f.label}</dt>
                      <dd>{f.value}</dd>
                    </div>
                  ))}
                </dl>
              ) : null;
            },
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
