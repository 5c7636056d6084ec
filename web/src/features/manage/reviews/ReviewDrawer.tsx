import { Alert, Descriptions, Drawer, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '@core/time.ts';
import { useEntry } from '../../../api/entries.ts';
import { useEntryReviews } from '../../../api/reviews.ts';
import type { ContestView, EntryReviews, EntryView } from '../../../api/types.ts';
import { PlaybackSection } from '../../entries/PlaybackSection.tsx';
import { ApiErrorAlert } from '../ApiErrorAlert.tsx';
import { Checklist } from './Checklist.tsx';
import { DecisionForm } from './DecisionForm.tsx';
import { ExtendDeadlineForm } from './ExtendDeadlineForm.tsx';
import { REVIEW_COLORS } from './review-colors.ts';
import { reviewersDisagree } from './review-form.ts';

/** One entry under review: what it is, its video, the checklist, the decisions so far and the form for a new one. */
export function ReviewDrawer({
  entryId,
  contest,
  onClose,
}: {
  entryId: number;
  contest: ContestView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const entry = useEntry(entryId);
  const reviews = useEntryReviews(entryId);
  const staff = reviews.data?.staff;
  return (
    <Drawer
      open
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={
        entry.data
          ? `${entry.data.code ?? ''} ${entry.data.draft.title || t('entry.untitled')}`.trim()
          : t('review.drawerTitle')
      }
      data-testid="review-drawer"
    >
      <ApiErrorAlert error={entry.error ?? reviews.error} />
      {!entry.data || !reviews.data ? (
        !entry.error &&
        !reviews.error && (
          <div className="manage-center">
            <Spin />
          </div>
        )
      ) : (
        <>
          <Summary entry={entry.data} reviews={reviews.data} />
          {entry.data.acceptedUploadId && (
            <PlaybackSection key={entry.data.acceptedUploadId} entryId={entryId} title={entry.data.draft.title} />
          )}
          {staff && <Rounds rounds={staff.rounds} timeZone={contest.timeZone} />}
          {staff && (staff.canReview || staff.canSettle) ? (
            <DecisionForm
              key={`${reviews.data.round}-${reviews.data.status}`}
              entryId={entryId}
              contest={contest}
              staff={staff}
              upload={entry.data.upload}
              final={staff.canSettle}
            />
          ) : (
            <>
              {staff && <Checklist staff={staff} upload={entry.data.upload} editable={false} />}
              <Alert type="info" showIcon title={t(cannotReviewKey(reviews.data))} data-testid="review-closed" />
              {staff?.canExtendFixDeadline && (
                <ExtendDeadlineForm
                  key={reviews.data.fixDeadline ?? ''}
                  entryId={entryId}
                  contest={contest}
                  fixDeadline={reviews.data.fixDeadline}
                />
              )}
            </>
          )}
        </>
      )}
    </Drawer>
  );
}

function cannotReviewKey(r: EntryReviews): string {
  if (r.status === 'disputed') return 'review.closed.disputed';
  if (r.status === 'pending') return 'review.closed.alreadyDecided';
  return 'review.closed.settled';
}

function Summary({ entry, reviews }: { entry: EntryView; reviews: EntryReviews }) {
  const { t } = useTranslation();
  const d = entry.draft;
  return (
    <>
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'status',
            label: t('review.status'),
            children: reviews.status ? (
              <Tag color={REVIEW_COLORS[reviews.status]} data-testid="review-drawer-status">
                {t(`review.statusName.${reviews.status}`)}
              </Tag>
            ) : (
              '—'
            ),
          },
          { key: 'form', label: t('review.form'), children: d.form ? t(`entryForm.${d.form}`) : '—' },
          {
            key: 'unit',
            label: t('review.unitOrEntrant'),
            children: entry.unitName ?? (d.isGroup && d.groupName ? d.groupName : (d.authors[0]?.fullName ?? '—')),
          },
          {
            key: 'authors',
            label: t('review.authors'),
            children: d.authors.map((a, i) => (
              <div key={i}>
                {a.fullName}
                {a.position ? `, ${a.position}` : ''}
                {a.unitName ? ` (${a.unitName})` : ''}
              </div>
            )),
          },
          {
            key: 'synopsis',
            label: t('review.synopsis'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.synopsis || '—'}</span>,
          },
        ]}
      />
      <p>
        <Link to={`/entries/${entry.id}`}>{t('review.openEntryPage')}</Link>
      </p>
    </>
  );
}

type Round = NonNullable<EntryReviews['staff']>['rounds'][number];

/** Every decision of every round, latest round first, with who decided and why: for staff only. */
function Rounds({ rounds, timeZone }: { rounds: Round[]; timeZone: string }) {
  const { t } = useTranslation();
  if (rounds.every((r) => r.decisions.length === 0))
    return (
      <p className="manage-muted" style={{ fontSize: 14 }}>
        {t('review.noDecisions')}
      </p>
    );
  return (
    <section data-testid="review-rounds">
      <h2 className="manage-subtitle">{t('review.decisionsTitle')}</h2>
      {[...rounds].reverse().map((r) => (
        <div key={r.round} className="manage-fieldset" style={{ paddingBottom: 8 }}>
          <p style={{ margin: '4px 0 8px' }}>
            <strong>{t('review.round', { round: r.round })}</strong>{' '}
            {r.status && <Tag color={REVIEW_COLORS[r.status]}>{t(`review.statusName.${r.status}`)}</Tag>}
          </p>
          {r.status === 'disputed' || reviewersDisagree(r.decisions) ? (
            <Alert
              type="warning"
              showIcon
              title={t('review.disagreement')}
              style={{ marginBottom: 8 }}
              data-testid="review-disagreement"
            />
          ) : null}
          <ul style={{ paddingInlineStart: 20, margin: 0 }}>
            {r.decisions.map((dec) => (
              <li key={dec.id} style={{ marginBottom: 8 }} data-testid="review-decision">
                <strong>{dec.reviewerName ?? t('review.unknownReviewer')}</strong>{' '}
                <Tag color={dec.decision === 'approve' ? 'green' : dec.decision === 'reject' ? 'red' : 'orange'}>
                  {t(`review.decision.${dec.decision}`)}
                </Tag>
                {dec.isFinal && <Tag color="purple">{t('review.finalTag')}</Tag>}
                <span className="manage-muted">{formatDateTime(dec.createdAt, timeZone)}</span>
                {dec.reason && (
                  <div>
                    {t('review.reasonLabel')}: {dec.reason}
                  </div>
                )}
                {dec.fixDeadline && (
                  <div>{t('review.fixBy', { deadline: formatDateTime(dec.fixDeadline, timeZone) })}</div>
                )}
                {dec.note && (
                  <div className="manage-muted">
                    {t('review.noteLabel')}: {dec.note}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
