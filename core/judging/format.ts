/** Numbers as each language writes them: "7,5" in Vietnamese, "7.5" in English. */

export type Lang = 'vi' | 'en';

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * `decimals` fixes the number of places (the minutes print every total with the same places); without it, up to
 * three places and no trailing zeros (a criterion's score as the juror typed it).
 */
export function formatNumber(x: number, lang: Lang, decimals?: number): string {
  const key = `${lang}:${decimals ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
      minimumFractionDigits: decimals ?? 0,
      maximumFractionDigits: decimals ?? 3,
      useGrouping: false,
    });
    formatters.set(key, f);
  }
  return f.format(x);
}
