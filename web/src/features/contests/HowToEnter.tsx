import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ContestView } from '../../api/types.ts';
import { DeadlineNotice } from '../../components/DeadlineNotice.tsx';
import { phaseRange } from '../../lib/format.ts';

/** Where the "submit" button leads: the entry form while submissions are open, through the login when needed. */
export function submitTarget(view: ContestView, loggedIn: boolean): string | null {
  if (!view.openPhases.includes('submission')) return null;
  const path = `/c/${view.slug}/submit`;
  return loggedIn ? path : `/login?next=${encodeURIComponent(path)}`;
}

/** Register, log in, submit during the submission phase. */
export function HowToEnter({ view, loggedIn, offsetMs }: { view: ContestView; loggedIn: boolean; offsetMs: number }) {
  const { t } = useTranslation();
  const submission = view.phases.find((p) => p.kind === 'submission');
  const r = submission && phaseRange(submission.startsAt, submission.endsAt, view.timeZone);
  const target = submitTarget(view, loggedIn);
  const ended = !!submission && Date.parse(view.serverTime) >= Date.parse(submission.endsAt);
  return (
    <>
      <ol className="steps">
        <li>
          {loggedIn ? (
            t('home.how.registered')
          ) : (
            <>
              <Link to="/register">{t('home.how.register')}</Link> {t('home.how.registerHint')}
            </>
          )}
        </li>
        <li>
          {loggedIn ? t('home.how.loggedIn') : <Link to={`/login?next=/c/${view.slug}`}>{t('home.how.login')}</Link>}
        </li>
        <li>
          {submission && r ? (
            <>
              {t('home.how.submitFrom', { start: r.start })}
              <DeadlineNotice
                endsAt={submission.endsAt}
                timeZone={view.timeZone}
                graceMinutes={view.entryRules.uploadGraceMinutes}
                offsetMs={offsetMs}
              />
            </>
          ) : (
            t('home.how.submitUnscheduled')
          )}
        </li>
      </ol>
      {target ? (
        <>
          <Link className="button" to={target} data-testid="submit-link">
            {t('home.how.submitButton')}
          </Link>
          {!loggedIn && <p className="hint">{t('home.how.loginFirst')}</p>}
        </>
      ) : (
        <>
          <button type="button" className="button" disabled aria-describedby="submit-when">
            {t('home.how.submitButton')}
          </button>
          <p id="submit-when" className="note" data-testid="submit-when">
            {ended ? t('home.how.ended') : t('home.how.notYet')}
          </p>
        </>
      )}
    </>
  );
}
