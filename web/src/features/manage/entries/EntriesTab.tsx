import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Space, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useContest } from '../../../api/contests.ts';
import { contestEntriesKey, entriesXlsxUrl, listContestEntries, type EntryFilters } from '../../../api/entries.ts';
import { useCan } from '../../../api/session.ts';
import type { ContestEntryRow } from '../../../api/types.ts';
import { currentLanguage } from '../../../i18n/index.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { codeColumn, dateTimeColumn, PAGINATION, partyColumn, workColumn } from '../columns.tsx';
import { FilterSelect, SearchInput } from '../filters.tsx';
import { unitOptions, useAllUnits } from '../units/units-api.ts';
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
  const units = useAllUnits(slug, may('units.view'));
  const tz = contest.data?.timeZone;

  return (
    <>
      <h1 className="manage-title">{t('manage.tab.entries')}</h1>
      <Space wrap style={{ marginBottom: 16 }}>
        <SearchInput
          value={q}
          onChange={setQ}
          label={t('staffEntries.search')}
          placeholder={t('staffEntries.searchPlaceholder')}
          testId="entry-search"
        />
        <FilterSelect
          value={status}
          onChange={setStatus}
          label={t('staffEntries.status')}
          width={160}
          options={(['draft', 'submitted'] as const).map((s) => ({ value: s, label: t(`entries.status.${s}`) }))}
        />
        <FilterSelect
          value={fileStatus}
          onChange={setFileStatus}
          label={t('staffEntries.fileStatus')}
          width={190}
          options={(['accepted', 'refused', 'checking', 'none'] as const).map((s) => ({
            value: s,
            label: t(`staffEntries.file.${s}`),
          }))}
        />
        <FilterSelect
          value={unitId}
          onChange={setUnitId}
          label={t('staffEntries.unit')}
          width={220}
          search
          options={unitOptions(units.data)}
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
        pagination={PAGINATION}
        scroll={{ x: 900 }}
        data-testid="entries-table"
        columns={[
          codeColumn(t('staffEntries.code')),
          workColumn(t('staffEntries.work'), (r, title) => (
            <Link to={`/entries/${r.id}`} data-testid={`entry-link-${r.id}`}>
              {title}
            </Link>
          )),
          partyColumn(t('staffEntries.entrant'), (r) => r.isIntake && <Tag>{t('staffEntries.intakeTag')}</Tag>),
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
          dateTimeColumn(t('staffEntries.submittedAt'), 'submittedAt', tz),
        ]}
      />
      {intake && contest.data && (
        <IntakeModal contest={contest.data} units={units.data ?? []} onClose={() => setIntake(false)} />
      )}
    </>
  );
}
