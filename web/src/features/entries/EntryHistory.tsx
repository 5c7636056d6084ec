import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@core/time.ts';
import { formatBytes } from '@core/video-policy.ts';
import type { EntryView } from '../../api/types.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { ruleName } from './rule-names.ts';

const KNOWN = new Set([
  'created',
  'intake.created',
  'upload.started',
  'upload.finished',
  'file.accepted',
  'file.refused',
  'submitted',
  'withdrawn',
  'review.approved',
  'review.rejected',
]);

/** What happened to the entry and when, in the contest's time zone. */
export function EntryHistory({ events, timeZone }: { events: EntryView['events']; timeZone: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  if (events.length === 0) return null;
  function text(e: EntryView['events'][number]): string {
    const d = e.details;
    switch (e.kind) {
      case 'upload.started':
        return t('entry.history.upload.started', {
          size: typeof d.sizeBytes === 'number' ? formatBytes(d.sizeBytes, lang) : '?',
        });
      case 'file.refused': {
        const rules = Array.isArray(d.rules) ? d.rules.map((r) => ruleName(t, String(r))).join(', ') : '';
        return t('entry.history.file.refused', { rules });
      }
      case 'submitted':
        return t(
          d.resubmission
            ? 'entry.history.resubmitted'
            : d.inGrace
              ? 'entry.history.submittedGrace'
              : 'entry.history.submitted',
          { code: String(d.code ?? '') },
        );
      case 'review.returned':
      case 'review.deadlineExtended':
        return t(`entry.history.${e.kind}`, {
          deadline: typeof d.fixDeadline === 'string' ? formatDateTime(d.fixDeadline, timeZone) : '',
        });
      case 'subtitles.saved':
      case 'subtitles.deleted':
        return t(`entry.history.${e.kind}`, {
          lang: t(`subtitles.languages.${String(d.lang)}`, { defaultValue: String(d.lang) }),
        });
      default:
        return KNOWN.has(e.kind) ? t(`entry.history.${e.kind}`) : e.kind;
    }
  }
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('entry.history.title')}</h2>
      <ol className="history" data-testid="history">
        {events.map((e, i) => (
          <li key={i}>
            <time dateTime={e.at}>{formatDateTime(e.at, timeZone)}</time>
            <span>{text(e)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
