import { useTranslation } from 'react-i18next';
import { COUNTDOWN_WINDOW_MS, deadlineText, graceText, timeLeftText } from '@core/deadline.ts';
import { isLang } from '../i18n/language.ts';
import { DEADLINE_CHECK_MS, useServerNow } from '../lib/server-clock.ts';

interface Props {
  /** The submission phase's end (exclusive). */
  endsAt: string;
  timeZone: string;
  /** The contest's `uploadGraceMinutes`. */
  graceMinutes: number;
  /** The browser clock's error (server-clock.ts). */
  offsetMs: number;
  /** Say how the grace period treats an upload that is running (the upload step). */
  showGrace?: boolean;
}

/**
 * The submission deadline, worded by core/deadline.ts as on every other page and in the reminders, with a live
 * countdown in the last 72 hours.
 */
export function DeadlineNotice({ endsAt, timeZone, graceMinutes, offsetMs, showGrace = false }: Props) {
  const { t, i18n } = useTranslation();
  const lang = isLang(i18n.language) ? i18n.language : 'vi';
  const end = Date.parse(endsAt);
  // Every second only while a countdown is shown: a page far from the deadline need not render each second.
  const coarse = useServerNow(offsetMs, DEADLINE_CHECK_MS);
  const near = end - coarse.getTime() <= COUNTDOWN_WINDOW_MS + DEADLINE_CHECK_MS;
  const now = useServerNow(offsetMs, near ? 1000 : DEADLINE_CHECK_MS);
  const passed = now.getTime() >= end;
  const left = timeLeftText(now, endsAt, lang);
  const grace = showGrace ? graceText(endsAt, graceMinutes, timeZone, lang) : null;
  return (
    <div className={`deadline-notice${left ? ' deadline-near' : ''}`} data-testid="deadline-notice">
      <p>
        <strong data-testid="deadline-text">{deadlineText(endsAt, timeZone, lang)}</strong>
        {passed && <> · {t('deadlines.passed')}</>}
        {left && (
          <>
            {' · '}
            <span role="timer" aria-live="off" data-testid="deadline-left">
              {left}
            </span>
          </>
        )}
      </p>
      {grace && (
        <p className="hint" data-testid="deadline-grace">
          {grace}
        </p>
      )}
    </div>
  );
}
