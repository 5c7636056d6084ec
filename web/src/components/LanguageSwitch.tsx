import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/index.ts';
import { LANGS } from '../i18n/language.ts';

/** VI / EN buttons; the pressed one is the language in use. */
export function LanguageSwitch({ className = 'lang-switch' }: { className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={className} role="group" aria-label={t('lang.switchLabel')}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={i18n.language === l}
          // The visible letters first, so that the name spoken is the one seen (WCAG 2.5.3).
          aria-label={`${l.toUpperCase()}, ${t(`lang.${l}`)}`}
          data-testid={`lang-${l}`}
          onClick={() => setLanguage(l)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
