import { useContest } from '../../api/contests.ts';
import { currentLanguage } from '../../i18n/index.ts';

/**
 * A unit category's name in the staff area's language: its English name in English when the contest has one,
 * otherwise the name the row came with.
 */
export function useCategoryName(slug: string): (code: string, fallback: string) => string {
  const categories = useContest(slug).data?.unitCategories ?? [];
  const lang = currentLanguage();
  return (code, fallback) => {
    const c = categories.find((x) => x.code === code);
    return (lang === 'en' && c?.nameEn) || c?.name || fallback;
  };
}
