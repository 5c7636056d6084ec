import { useTranslation } from 'react-i18next';
import type { ContestView } from '../../api/types.ts';
import { phaseRange } from '../../lib/format.ts';
import { DEADLINE_CHECK_MS, useServerNow } from '../../lib/server-clock.ts';

type Status = 'current' | 'open' | 'done' | 'upcoming';

function statusOf(p: ContestView['phases'][number], view: ContestView, now: number): Status {
  if (p.kind === view.currentPhase) return 'current';
  if (now < Date.parse(p.startsAt)) return 'upcoming';
  if (now >= Date.parse(p.endsAt)) return 'done';
  return 'open';
}

/** The six phases in order, each with its dates in the contest's zone and whether it is open now. */
export function PhaseTimeline({ view, offsetMs }: { view: ContestView; offsetMs: number }) {
  const { t } = useTranslation();
  const now = useServerNow(offsetMs, DEADLINE_CHECK_MS).getTime();
  if (view.phases.length === 0) return <p>{t('home.timeline.unscheduled')}</p>;
  return (
    <ol className="timeline" data-testid="phase-timeline">
      {view.phases.map((p) => {
        const status = statusOf(p, view, now);
        const r = phaseRange(p.startsAt, p.endsAt, view.timeZone);
        return (
          <li
            key={p.kind}
            className={`phase phase-${status}`}
            data-testid={`phase-${p.kind}`}
            aria-current={status === 'current' ? 'step' : undefined}
          >
            <span className="phase-name">{t(`phase.${p.kind}`)}</span>
            <span className="phase-dates">
              {t(r.wholeDays ? 'home.timeline.rangeDays' : 'home.timeline.rangeTimes', { start: r.start, end: r.end })}
            </span>
            <span className={`badge badge-${status}`}>{t(`home.timeline.status.${status}`)}</span>
          </li>
        );
      })}
    </ol>
  );
}
