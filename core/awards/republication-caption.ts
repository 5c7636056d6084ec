/**
 * The caption of a winning entry's republication package (issue 13, item 2; plan R16: winners are republished with
 * the author named): the title, the authors, the unit credited, the prize and the usage licence the entrant accepted
 * at submission (by its stored version, so the words are the ones accepted), in Vietnamese then English. NFC text,
 * CRLF line ends so that any editor on the portal's office machines shows it as written.
 */
import type { AwardedEntryFacts } from '../documents/awarded-entry.ts';
import { docLine } from '../documents/text.ts';
import type { LicenceText } from '../licence.ts';

export interface CaptionFacts {
  contestName: string;
  prize: { name: string; nameEn: string | null };
  entry: AwardedEntryFacts;
  /** Null for an entry submitted before the licence was stated. */
  licence: LicenceText | null;
}

export function republicationCaption(f: CaptionFacts): string {
  const authors = f.entry.authors.map((a) => docLine(a.fullName)).filter(Boolean);
  const unit = f.entry.unit
    ? docLine(f.entry.unit.name)
    : [...new Set(f.entry.authors.map((a) => docLine(a.unitName)).filter(Boolean))].join('; ');
  const group = f.entry.isGroup ? docLine(f.entry.groupName) : '';
  const title = docLine(f.entry.title);
  const vi = [
    `${docLine(f.prize.name)} – ${docLine(f.contestName)}`,
    `Tác phẩm: “${title}” (${f.entry.code})`,
    ...(group ? [`Nhóm tác giả: ${group}`] : []),
    `Tác giả: ${authors.join(', ')}`,
    `Đơn vị: ${unit || '—'}`,
    f.licence
      ? f.licence.vi
      : 'Giấy phép sử dụng: tác phẩm nộp trước khi thể lệ ghi giấy phép; cần hỏi ý kiến tác giả.',
  ];
  const en = [
    `${docLine(f.prize.nameEn ?? f.prize.name)} – ${docLine(f.contestName)}`,
    `Entry: “${title}” (${f.entry.code})`,
    ...(group ? [`Group: ${group}`] : []),
    `Author(s): ${authors.join(', ')}`,
    `Unit: ${unit || '—'}`,
    f.licence
      ? `${f.licence.en} (licence version ${f.licence.version})`
      : 'Usage licence: entered before the rules stated a licence; ask the author before republishing.',
  ];
  return [...vi, '', ...en, ''].join('\r\n').normalize('NFC');
}
