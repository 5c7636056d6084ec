import type { Lang } from '@core/errors.ts';

export type { Lang };
export const LANGS: readonly Lang[] = ['vi', 'en'];

const KEY = 'lang';
const ONE_YEAR_S = 365 * 24 * 3600;

export function isLang(v: unknown): v is Lang {
  return v === 'vi' || v === 'en';
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

function readStorage(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage disabled (private mode, policy): the cookie still carries the choice
  }
}

/** The language chosen before (this browser's storage, else the cookie the server also reads), Vietnamese otherwise. */
export function initialLanguage(): Lang {
  if (typeof document === 'undefined') return 'vi'; // the server renders each page in the language it is asked for
  const stored = readStorage() ?? readCookie(KEY);
  return isLang(stored) ? stored : 'vi';
}

/** Remembers the choice in storage and in the `lang` cookie (the server localizes its messages by it). */
export function rememberLanguage(lang: Lang): void {
  if (typeof document === 'undefined') return;
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // storage disabled: the cookie below is enough
  }
  const secure = location.protocol === 'https:' ? '; secure' : '';
  document.cookie = `${KEY}=${lang}; path=/; max-age=${ONE_YEAR_S}; samesite=lax${secure}`;
  document.documentElement.lang = lang;
}
