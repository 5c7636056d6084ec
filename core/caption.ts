/**
 * R16: the public credit of a published entry — its caption on the gallery, on share previews and on the fanpage.
 * Names and unit only: never a phone, an address or an e-mail (R8's details stay with the organizers).
 */
import type { EntryForm } from './contest.ts';
import type { EntryDraft } from './entry.ts';
import { foldVietnamese } from './normalize.ts';

export const FORM_LABELS: Record<EntryForm, { vi: string; en: string }> = {
  video_clip: { vi: 'Video clip', en: 'Video clip' },
  report: { vi: 'Phóng sự ngắn', en: 'Short report' },
  skit: { vi: 'Ghi hình tiểu phẩm', en: 'Recorded skit' },
  staged: { vi: 'Sân khấu hóa', en: 'Staged performance' },
  real_footage: { vi: 'Hình ảnh thực tế', en: 'Real footage' },
  animation: { vi: 'Hoạt hình', en: 'Animation' },
};

/** What the public may know of an entry's people. */
export interface PublicCredits {
  /** The group's name when the entry is a group's, else null. */
  groupName: string | null;
  /** Full names of the authors, in the order given. */
  authors: string[];
  /** The unit the entry represents, or null for a person's entry. */
  unitName: string | null;
}

export function publicCredits(
  draft: Pick<EntryDraft, 'isGroup' | 'groupName' | 'authors'>,
  unitName: string | null,
): PublicCredits {
  return {
    groupName: draft.isGroup && draft.groupName.trim() ? draft.groupName.trim() : null,
    authors: draft.authors.map((a) => a.fullName.trim()).filter(Boolean),
    unitName: unitName?.trim() || null,
  };
}

/**
 * A hashtag from words (the contest's short name): diacritics dropped, each word capitalised, joined, "#" first, e.g.
 * "Cải cách hành chính Vĩnh Linh 2024" → "#CaiCachHanhChinhVinhLinh2024". Empty when nothing is left.
 */
export function hashtagOf(words: string): string {
  const parts = foldVietnamese(words)
    .split(/[^a-z0-9]+/i)
    .filter(Boolean);
  const tag = parts
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('')
    .slice(0, 60);
  return tag ? `#${tag}` : '';
}

export interface CaptionInput {
  title: string;
  form: EntryForm | null;
  credits: PublicCredits;
  /** With "#" (see `hashtagOf`); none when empty. */
  hashtag: string;
  contestName: string;
}

/** The ready caption, one fact per line, in the contest's language (Vietnamese) or English. */
export function publicCaption(input: CaptionInput, lang: 'vi' | 'en' = 'vi'): string {
  const L =
    lang === 'vi'
      ? { authors: 'Tác giả', group: 'Nhóm tác giả', unit: 'Đơn vị', form: 'Hình thức', contest: 'Tác phẩm dự thi' }
      : { authors: 'Authors', group: 'Group', unit: 'Unit', form: 'Form', contest: 'An entry in' };
  const { credits } = input;
  const lines = [`«${input.title.trim()}»`];
  if (input.form) lines.push(`${L.form}: ${FORM_LABELS[input.form][lang]}`);
  if (credits.groupName)
    lines.push(`${L.group}: ${credits.groupName}${credits.authors.length ? ` (${credits.authors.join(', ')})` : ''}`);
  else if (credits.authors.length) lines.push(`${L.authors}: ${credits.authors.join(', ')}`);
  if (credits.unitName) lines.push(`${L.unit}: ${credits.unitName}`);
  lines.push(`${L.contest} “${input.contestName.trim()}”`);
  if (input.hashtag) lines.push(input.hashtag);
  return lines.join('\n').normalize('NFC');
}
