/**
 * What the documents need to know of a winning entry, and who it is credited to: the unit for a unit's entry, the
 * group for a group of authors, the author otherwise (plan IV.2: "các đơn vị, nhóm tác giả và cá nhân đạt giải").
 * Phones and addresses are never part of it.
 */
import type { EntryId } from '../awards/ranking.ts';
import { docLine } from './text.ts';

export interface AwardedEntryFacts {
  entryId: EntryId;
  /** "VL2024-007" */
  code: string;
  title: string;
  /** The unit that entered it, for a unit's entry. */
  unit: { id: number; name: string } | null;
  isGroup: boolean;
  groupName: string;
  /** Authors in the order given; `unitName` is the author's own workplace as written (R8). */
  authors: { fullName: string; unitName: string }[];
}

export const RECIPIENT_KINDS = ['unit', 'group', 'person'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export interface Recipient {
  kind: RecipientKind;
  /** "UBND xã Vĩnh Thái", "Nhóm Tuổi trẻ Hồ Xá", "Nguyễn Thị Ỷ" */
  name: string;
  /** The authors of a group or a unit's entry, for the certificate's second line. */
  members: string[];
  /** The workplace of a person (or of a group's first author) as written; empty for a unit. */
  unitName: string;
}

export function recipientOf(e: AwardedEntryFacts): Recipient {
  const members = e.authors.map((a) => docLine(a.fullName)).filter(Boolean);
  if (e.unit) return { kind: 'unit', name: docLine(e.unit.name), members, unitName: '' };
  const first = e.authors[0];
  const unitName = docLine(first?.unitName ?? '');
  if (e.isGroup) return { kind: 'group', name: docLine(e.groupName) || members.join(', '), members, unitName };
  if (!first) throw new RangeError(`Entry ${e.code} has no author to credit.`);
  return { kind: 'person', name: members[0]!, members: [], unitName };
}
