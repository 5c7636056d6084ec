import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '@core/time.ts';
import { useContest } from '../../../api/contests.ts';
import { contestEntriesKey, entriesXlsxUrl, listContestEntries, type EntryFilters } from '../../../api/entries.ts';
import { useCan } from '../../../api/session.ts';
import type { ContestEntryRow } from '../../../api/types.ts';
import { currentLanguage } from '../../../i18n/index.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { listUnits, unitsKey } from '../units/units-api.ts';
import { IntakeModal } from './IntakeModal.tsx';

const FILE_COLORS: Record<string, string> = {
  accepted: 'green',
  refused: 'red',
  checking: 'blue',
  uploading: 'gold',
  none: 'default',
};

/** Every entry of the contest, with filters, search (diacritics ignored by the server), export and intake. */
export default function EntriesTab() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const lang = currentLanguage();
  const may = useCan(slug);
  const contest = useContest(slug);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<EntryFilters['status']>();
  const [fileStatus, setFileStatus] = useState<EntryFilters['fileStatus']>();
  const [unitId, setUnitId] = useState<number>();
  const [intake, setIntake] = useState(false);
  const filters: EntryFilters = { q: useDebounced(q), status, fileStatus, unitId };
  const entries = useQuery({
    queryKey: [...contestEntriesKey(slug), filters],
    queryFn: () => listContestEntries(slug, filters),
    placeholderData: keepPreviousData,
  });
  const units = useQuery({
    queryKey: [...unitsKey(slug), ''],
    queryFn: () => listUnits(slug, ''),
    enabled: may('units.view'),
  });
  const tz = contest.data?.timeZone;

  return (
    <>
      <h1 className="manage-title">{t('manage.tab.entries')}</h1>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('staffEntries.searchPlaceholder')}
          aria-label={t('staffEntries.search')}
          data-testid="entry-search"
          style={{ width: 280 }}
        />
        <Select
          allowClear
          value={status}
          onChange={setStatus}
          placeholder={t('staffEntries.status')}
          aria-label={t('staffEntries.status')}
          style={{ width: 160 }}
          options={(['draft', 'submitted'] as const).map((s) => ({ value: s, label: t(`entries.status.${s}`) }))}
        />
        <Select
          allowClear
          value={fileStatus}
          onChange={setFileStatus}
          placeholder={t('staffEntries.fileStatus')}
          aria-label={t('staffEntries.fileStatus')}
          style={{ width: 190 }}
          options={(['accepted', 'refused', 'checking', 'none'] as const).map((s) => ({
            value: s,
            label: t(`staffEntries.file.${s}`),
          }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          value={unitId}
          onChange={setUnitId}
          placeholder={t('staffEntries.unit')}
          aria-label={t('staffEntries.unit')}
          style={{ width: 220 }}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
        <Button href={entriesXlsxUrl(slug, filters)} download data-testid="entries-xlsx">
          {t('staffEntries.export')}
        </Button>
        {may('entries.intake') && (
          <Button type="primary" onClick={() => setIntake(true)} data-testid="intake-open">
            {t('staffEntries.intake')}
          </Button>
        )}
      </Space>
      <ApiErrorAlert error={entries.error} />
      <Table<ContestEntryRow>
        rowKey="id"
        loading={entries.isFetching}
        dataSource={entries.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        data-testid="entries-table"
        columns={[
          {
            title: t('staffEntries.code'),
            dataIndex: 'code',
            render: (code: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{code ?? '—'}</span>,
            width: 140,
          },
          {
            title: t('staffEntries.work'),
            dataIndex: 'title',
            render: (title: string, r) => (
              <>
                <Link to={`/entries/${r.id}`} data-testid={`entry-link-${r.id}`}>
                  {title || t('entry.untitled')}
                </Link>
                {r.form && <div className="manage-muted">{t(`entryForm.${r.form}`)}</div>}
              </>
            ),
          },
          {
            title: t('staffEntries.entrant'),
            key: 'entrant',
            render: (_: unknown, r) => (
              <>
                <div>{r.unitName ?? r.entrantName}</div>
                {r.unitName && r.entrantName && <div className="manage-muted">{r.entrantName}</div>}
                {r.isIntake && <Tag>{t('staffEntries.intakeTag')}</Tag>}
              </>
            ),
          },
          {
            title: t('staffEntries.status'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag color={s === 'submitted' ? 'green' : 'gold'}>{t(`entries.status.${s}`, { defaultValue: s })}</Tag>
            ),
            width: 110,
          },
          {
            title: t('staffEntries.fileStatus'),
            dataIndex: 'fileStatus',
            render: (s: string, r) => {
              const tag = (
                <Tag color={FILE_COLORS[s] ?? 'default'}>{t(`staffEntries.file.${s}`, { defaultValue: s })}</Tag>
              );
              return r.fileFailures.length ? (
                <Tooltip
                  title={
                    <ul style={{ margin: 0, paddingLeft: 16 }}>
                      {r.fileFailures.map((f) => (
                        <li key={f.rule}>{f.message[lang]}</li>
                      ))}
                    </ul>
                  }
                >
                  <span>{tag}</span>
                  <div className="manage-muted">
                    {r.fileFailures
                      .map((f) => t(`videoRule.${f.rule}`, { formats: 'MP4', ratio: '16:9', defaultValue: f.rule }))
                      .join(', ')}
                  </div>
                </Tooltip>
              ) : (
                tag
              );
            },
            width: 170,
          },
          {
            title: t('staffEntries.submittedAt'),
            dataIndex: 'submittedAt',
            render: (at: string | null) => (at ? formatDateTime(at, tz) : '—'),
            width: 150,
          },
        ]}
      />
      {intake && contest.data && (
        <IntakeModal contest={contest.data} units={units.data ?? []} onClose={() => setIntake(false)} />
      )}
    </>
  );
}
