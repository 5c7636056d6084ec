import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import vi from './vi.json';
import { initialLanguage, isLang, rememberLanguage, type Lang } from './language.ts';

const lng = initialLanguage();

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng,
  fallbackLng: 'vi',
  supportedLngs: ['vi', 'en'],
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
});
rememberLanguage(lng);
i18n.on('languageChanged', (l) => {
  if (isLang(l)) rememberLanguage(l);
});

export function currentLanguage(): Lang {
  return isLang(i18n.language) ? i18n.language : 'vi';
}

export function setLanguage(lang: Lang): void {
  void i18n.changeLanguage(lang);
}
