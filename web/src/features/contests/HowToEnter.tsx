import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ContestView } from '../../api/types.ts';
import { phaseRange } from '../../lib/format.ts';

/** Register, log in, submit during the submission phase. Online submission is not built yet, and says so. */
export function HowToEnter({ view, loggedIn }: { view: ContestView; loggedIn: boolean }) {
  const { t } = useTranslation();
  const submission = view.phases.find((p) => p.kind === 'submission');
  const r = submission && phaseRange(submission.startsAt, submission.endsAt, view.timeZone);
  return (
    <>
      <ol className="steps">
        <li>
          {loggedIn ? t('home.how.registered') : <><Link to="/register">{t('home.how.register')}</Link>{' '}{t('home.how.registerHint')}</>}
        </li>
        <li>{loggedIn ? t('home.how.loggedIn') : <Link to={`/login?next=/c/${view.slug}`}>{t('home.how.login')}</Link>}</li>
        <li>
          {r
            ? t(r.wholeDays ? 'home.how.submitDays' : 'home.how.submitTimes', { start: r.start, end: r.end })
            : t('home.how.submitUnscheduled')}
        </li>
      </ol>
      <button type="button" className="button" disabled aria-describedby="submit-coming">
        {t('home.how.submitButton')}
      </button>
      <p id="submit-coming" className="note" data-testid="submit-coming">{t('home.how.coming')}</p>
    </>
  );
}
