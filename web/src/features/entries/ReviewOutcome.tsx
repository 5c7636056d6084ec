import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@core/time.ts';
import type { EntryView } from '../../api/types.ts';
import { outcomeNotice } from './review-outcome.ts';
import './review-outcome.css';

/** The outcome of the entry's review, at the top of its page: what was decided, why, and by when to fix it. */
export function ReviewOutcome({ review, timeZone, now }: { review: EntryView['review']; timeZone: string; now: Date }) {
  const { t } = useTranslation();
  const n = outcomeNotice(review, now);
  if (!n) return null;
  const deadline = 'deadline' in n && n.deadline ? formatDateTime(n.deadline, timeZone) : '';
  return (
    <section
      className={`notice notice-${n.kind} review-outcome`}
      role={n.kind === 'error' ? 'alert' : 'status'}
      aria-labelledby="review-outcome-title"
      data-testid="review-outcome"
    >
      <h2 id="review-outcome-title" data-testid="review-outcome-title">
        {t(`reviewOutcome.${n.key}.title`, { deadline })}
      </h2>
      {'reason' in n && n.reason && (
        <p className="review-outcome-reason" data-testid="review-outcome-reason">
          {t(`reviewOutcome.${n.key}.reason`, { deadline, reason: n.reason })}
        </p>
      )}
      <p className="hint">{t(`reviewOutcome.${n.key}.next`, { deadline })}</p>
    </section>
  );
}
