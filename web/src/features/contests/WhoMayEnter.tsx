import { useTranslation } from 'react-i18next';
import type { ContestView } from '../../api/types.ts';

/** Who may enter and how many entries each (R2, R3), and who may not (R4). */
export function WhoMayEnter({ view }: { view: ContestView }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <ul className="plain-list" data-testid="who-may-enter">
        {view.unitCategories.map((c) => (
          <li key={c.code}>
            <strong>{(i18n.language === 'en' && c.nameEn) || c.name}</strong>
            {': '}
            {c.minEntries > 0
              ? t('home.who.quotaMinMax', { min: c.minEntries, max: c.maxEntries })
              : t('home.who.quotaMax', { count: c.maxEntries })}
          </li>
        ))}
        <li>
          <strong>{t('home.who.people')}</strong>
          {': '}
          {t('home.who.perPerson', { count: view.maxEntriesPerPerson })}
        </li>
      </ul>
      <p className="note" data-testid="r4-note">
        <strong>{t('home.who.noteLabel')}</strong> {t('home.who.staffMayNotEnter')}
      </p>
    </>
  );
}
