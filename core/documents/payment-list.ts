/**
 * The prize payment list (danh sách chi tiền thưởng, R15, R18): one row per prize won, in the structure's order,
 * with the recipient, the entry, the prize and its amount, then the total in figures and in words. Finance pays
 * from it and the recipients sign against their row, so a unit that won twice has two rows, each signed.
 */
import { awardedPlaces, type Allocation } from '../awards/allocation.ts';
import { sumVnd } from '../awards/money.ts';
import type { EntryId } from '../awards/ranking.ts';
import { vndInEnglishWords, vndInWords } from './amount-in-words.ts';
import { recipientOf, type AwardedEntryFacts, type RecipientKind } from './awarded-entry.ts';
import { docLine } from './text.ts';

export interface PaymentRow {
  /** STT, from 1. */
  no: number;
  recipient: string;
  recipientKind: RecipientKind;
  entryCode: string;
  entryTitle: string;
  prizeName: string;
  amountVnd: number;
}

export interface PaymentList {
  title: string;
  columns: string[];
  rows: PaymentRow[];
  totalVnd: number;
  /** "Bằng chữ: Mười sáu triệu đồng." */
  totalInWords: string;
  totalInWordsEn: string;
}

export const PAYMENT_LIST_COLUMNS = [
  'STT',
  'Đơn vị, nhóm tác giả, cá nhân nhận thưởng',
  'Mã tác phẩm',
  'Tên tác phẩm',
  'Giải thưởng',
  'Số tiền (đồng)',
  'Ký nhận',
] as const;

/** Every prize won, in the structure's order, numbered from 1 (the annex of the award decision lists them all). */
export function awardRows(a: Allocation, entries: ReadonlyMap<EntryId, AwardedEntryFacts>): PaymentRow[] {
  return awardedPlaces(a).map((p, i): PaymentRow => {
    const e = entries.get(p.entryId);
    if (!e) throw new RangeError(`No details for winning entry ${p.entryId}.`);
    const r = recipientOf(e);
    return {
      no: i + 1,
      recipient: r.name,
      recipientKind: r.kind,
      entryCode: e.code,
      entryTitle: docLine(e.title),
      prizeName: p.prize.name,
      amountVnd: p.prize.amountVnd,
    };
  });
}

/** The payment list: the prizes that carry money (a certificate-only prize is not paid). */
export function paymentList(a: Allocation, entries: ReadonlyMap<EntryId, AwardedEntryFacts>): PaymentList {
  const rows = awardRows(a, entries)
    .filter((r) => r.amountVnd > 0)
    .map((r, i) => ({ ...r, no: i + 1 }));
  const totalVnd = sumVnd(rows.map((r) => r.amountVnd));
  return {
    title: 'DANH SÁCH CHI TIỀN THƯỞNG',
    columns: [...PAYMENT_LIST_COLUMNS],
    rows,
    totalVnd,
    totalInWords: `Bằng chữ: ${vndInWords(totalVnd)}.`,
    totalInWordsEn: `In words: ${vndInEnglishWords(totalVnd)}.`,
  };
}
