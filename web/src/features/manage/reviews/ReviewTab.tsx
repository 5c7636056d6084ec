import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { REVIEW_STATUSES, type ReviewStatus } from '@core/review.ts';
import { formatDateTime } from '@core/time.ts';
import { useContest } from '../../../api/contests.ts';
import { listReviewQueue, reviewQueueKey, type ReviewQueueFilters } from '../../../api/reviews.ts';
import { useCan } from '../../../api/session.ts';
import type { ReviewQueueEntry } from '../../../api/types.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { codeColumn, dateTimeColumn, PAGINATION, partyColumn, workColumn } from '../columns.tsx';
import { FilterSelect, SearchInput } from '../filters.tsx';
import { unitOptions, useAllUnits } from '../units/units-api.ts';
import { ReviewDrawer } from './ReviewDrawer.tsx';
import { REVIEW_COLORS } from './review-colors.ts';
import { decisionTally } from './review-form.ts';

/** The review queue (R11): submitted entries with their review state, filters, and a drawer to review one. */
export default function ReviewTab() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const may = useCan(slug);
  const contest = useContest(slug);
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const [reviewStatus, setReviewStatus] = useState<ReviewStatus>();
  const [unitId, setUnitId] = useState<number>();
  const [form, setForm] = useState<string>();
  const filters: ReviewQueueFilters = { q: useDebounced(q), reviewStatus, unitId, form };
  const queue = useQuery({
    queryKey: [...reviewQueueKey(slug), filters],
    queryFn: () => listReviewQueue(slug, filters),
    placeholderData: keepPreviousData,
  });
  const units = useAllUnits(slug, may('units.view'));
  const tz = contest.data?.timeZone;
  const required = queue.data?.reviewsRequired ?? 1;
  // The open entry lives in the address, so that a link to it can be shared among the reviewers.
  const openId = Number(params.get('entry')) || null;
  const open = (id: number | null) => setParams(id ? { entry: String(id) } : {}, { replace: false });

  return (
    <>
      <h1 className="manage-title">{t('manage.tab.review')}</h1>
      <p className="manage-muted" style={{ fontSize: 14 }}>
        {t(required === 2 ? 'review.requiredTwo' : 'review.requiredOne')}
      </p>
      <Space wrap style={{ marginBottom: 16 }}>
        <SearchInput
          value={q}
          onChange={setQ}
          label={t('review.search')}
          placeholder={t('review.searchPlaceholder')}
          testId="review-search"
        />
        <FilterSelect
          value={reviewStatus}
          onChange={setReviewStatus}
          label={t('review.status')}
          width={190}
          testId="review-status-filter"
          options={REVIEW_STATUSES.map((s) => ({ value: s, label: t(`review.statusName.${s}`) }))}
        />
        <FilterSelect
          value={unitId}
          onChange={setUnitId}
          label={t('review.unit')}
          width={220}
          search
          options={unitOptions(units.data)}
        />
        <FilterSelect
          value={form}
          onChange={setForm}
          label={t('review.form')}
          width={200}
          options={(contest.data?.entryRules.allowedForms ?? []).map((f) => ({ value: f, label: t(`entryForm.${f}`) }))}
        />
      </Space>
      <ApiErrorAlert error={queue.error} />
      <Table<ReviewQueueEntry>
        rowKey="id"
        loading={queue.isFetching}
        dataSource={queue.data?.entries ?? []}
        pagination={PAGINATION}
        scroll={{ x: 900 }}
        data-testid="review-table"
        locale={{ emptyText: t('review.empty') }}
        columns={[
          codeColumn(t('review.code')),
          workColumn(t('review.work'), (r, title) => (
            <Button
              type="link"
              style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
              onClick={() => open(r.id)}
              data-testid={`review-open-${r.id}`}
            >
              {title}
            </Button>
          )),
          partyColumn(t('review.unitOrEntrant')),
          {
            title: t('review.status'),
            dataIndex: 'reviewStatus',
            width: 200,
            render: (s: ReviewStatus, r) => (
              <>
                <Tag color={REVIEW_COLORS[s]} data-testid={`review-status-${r.id}`}>
                  {t(`review.statusName.${s}`)}
                </Tag>
                {r.round > 1 && <div className="manage-muted">{t('review.round', { round: r.round })}</div>}
                {s === 'returned' && r.fixDeadline && (
                  <div className="manage-muted">
                    {t('review.fixBy', { deadline: formatDateTime(r.fixDeadline, tz) })}
                  </div>
                )}
              </>
            ),
          },
          {
            title: t('review.decisions'),
            key: 'decisions',
            width: 130,
            render: (_: unknown, r) => {
              const tally = decisionTally(r.decisions, required);
              return (
                <span data-testid={`review-count-${r.id}`}>
                  {t('review.tally', tally)}
                  {tally.final && <div className="manage-muted">{t('review.finalMade')}</div>}
                </span>
              );
            },
          },
          {
            title: t('review.checks'),
            key: 'checks',
            width: 170,
            render: (_: unknown, r) => (
              <Space size={[0, 4]} wrap>
                {!r.technicalPassed && <Tag color="red">{t('review.techFailed')}</Tag>}
                {!r.authorDetailsComplete && <Tag color="red">{t('review.authorsIncomplete')}</Tag>}
                {r.originalityFlags > 0 && (
                  <Tag color="volcano">{t('review.flagsCount', { count: r.originalityFlags })}</Tag>
                )}
                {r.technicalPassed && r.authorDetailsComplete && r.originalityFlags === 0 && (
                  <span className="manage-muted">{t('review.checksOk')}</span>
                )}
              </Space>
            ),
          },
          dateTimeColumn(t('review.submittedAt'), 'submittedAt', tz),
        ]}
      />
      {openId !== null && contest.data && (
        <ReviewDrawer entryId={openId} contest={contest.data} onClose={() => open(null)} />
      )}
    </>
  );
}
