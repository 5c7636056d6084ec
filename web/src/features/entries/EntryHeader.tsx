import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ContestView, EntryView } from '../../api/types.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { fieldId } from './EntryForm.tsx';

interface Props {
  entry: EntryView;
  contest: ContestView;
  title: string;
  /** Staff reading someone else's entry go back to the staff list, not to "my entries". */
  backToStaff: boolean;
}

/** The way back, the entry's title, status, code and who entered it. */
export function EntryHeader({ entry, contest, title, backToStaff }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <p className="crumbs">
        <Link to={backToStaff ? `/manage/${contest.slug}/entries` : '/entries'}>
          {backToStaff ? t('entry.backToStaff') : t('entries.title')}
        </Link>
        {' › '}
        <Link to={`/c/${contest.slug}`}>{contest.name}</Link>
      </p>
      <h1 data-testid="entry-title">{title || t('entry.untitled')}</h1>
      <p className="entry-meta">
        <span className={`status status-${entry.status}`} data-testid="entry-status">
          {t(`entries.status.${entry.status}`)}
        </span>
        {entry.code && (
          <span className="code" data-testid="entry-code">
            {entry.code}
          </span>
        )}
        <span className="entry-party">
          {entry.unitName ? t('entry.party.unit', { unit: entry.unitName }) : t('entry.party.person')}
        </span>
        {entry.isIntake && <span className="entry-party">{t('entry.intake')}</span>}
      </p>
    </>
  );
}

/** The required fields still empty, each a link to its field. */
export function MissingFields({ missing }: { missing: EntryView['missing'] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <section className="card missing" aria-labelledby="missing-title" data-testid="missing">
      <h2 id="missing-title">{t('entry.missing.title', { count: missing.length })}</h2>
      <ul className="plain-list">
        {missing.map((m) => (
          <li key={m.field}>
            <a href={`#${fieldId(m.field)}`}>{m.message[lang]}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
