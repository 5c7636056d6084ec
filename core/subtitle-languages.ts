/**
 * The languages an entry's subtitle tracks may be in, and the size limits of a subtitle file. Kept apart from the
 * parser (core/subtitles.ts) so that the web app's entry page can list them without loading it.
 */

/** BCP-47 tags with the name each language calls itself: the label viewers pick from in the player's menu. */
export const SUBTITLE_LANGUAGES = [
  { lang: 'vi', label: 'Tiếng Việt' },
  { lang: 'en', label: 'English' },
  { lang: 'fr', label: 'Français' },
  { lang: 'zh', label: '中文' },
  { lang: 'ja', label: '日本語' },
  { lang: 'ko', label: '한국어' },
  { lang: 'lo', label: 'ພາສາລາວ' },
  { lang: 'km', label: 'ភាសាខ្មែរ' },
  // Languages of Vietnam's ethnic minorities (ISO 639-3 codes), named as they are usually written in Vietnamese.
  { lang: 'bru', label: 'Tiếng Bru - Vân Kiều' },
  { lang: 'pac', label: 'Tiếng Pa Kô' },
  { lang: 'tyz', label: 'Tiếng Tày' },
  { lang: 'blt', label: 'Tiếng Thái Đen' },
  { lang: 'mtq', label: 'Tiếng Mường' },
  { lang: 'hmn', label: 'Tiếng Mông' },
  { lang: 'rad', label: 'Tiếng Ê Đê' },
  { lang: 'jra', label: 'Tiếng Gia Rai' },
  { lang: 'bdq', label: 'Tiếng Ba Na' },
  { lang: 'cjm', label: 'Tiếng Chăm' },
] as const;

export type SubtitleLang = (typeof SUBTITLE_LANGUAGES)[number]['lang'];

export const SUBTITLE_LANGS: readonly SubtitleLang[] = SUBTITLE_LANGUAGES.map((l) => l.lang);

/** The track the player shows by default. */
export const DEFAULT_SUBTITLE_LANG: SubtitleLang = 'vi';

export function isSubtitleLang(s: string): s is SubtitleLang {
  return (SUBTITLE_LANGS as readonly string[]).includes(s);
}

export function defaultSubtitleLabel(lang: SubtitleLang): string {
  return SUBTITLE_LANGUAGES.find((l) => l.lang === lang)!.label;
}

/** Largest file accepted: subtitles of a 10-minute video take some 20–60 KB, so this only stops wrong files. */
export const SUBTITLE_MAX_BYTES = 1024 * 1024;

/** Most cues in one file: one every 120 ms through a 10-minute video. */
export const SUBTITLE_MAX_CUES = 5000;

/** Latest time a cue may end: far past any contest video, so a later one can only be a broken timestamp. */
export const SUBTITLE_MAX_END_MS = 4 * 3600 * 1000;

/** Longest custom label of a track. */
export const SUBTITLE_LABEL_MAX = 60;
