/**
 * The announced winners of a contest, for the results page, the ceremony, certificates, payment and CCHC lists: the
 * latest announced version, each awarded place in the structure's order with its prize and what the documents need
 * of the entry (`AwardedEntryFacts`: code, title, unit, group, authors' names and workplaces). Never phones,
 * addresses or e-mails. A read without a gate: callers authorize first (or are the public results, which are public
 * once announced).
 */
import type { AwardedEntryFacts } from '@core/documents/awarded-entry.ts';
import type { Tx } from '../../db/dialect.ts';
import { decodeDraft } from '../../db/json-columns.ts';

export interface AnnouncedWinner {
  prizeIndex: number;
  /** 0-based place within the prize. */
  place: number;
  prize: { name: string; nameEn: string | null; kind: 'jury' | 'public_vote'; amountVnd: number };
  /** Ordered by the committee's decision on a tie. */
  byCommittee: boolean;
  entry: AwardedEntryFacts;
}

export interface AnnouncedAwards {
  contestId: number;
  version: number;
  announcedAt: string;
  /** The version this one amends, if any. */
  amendsVersion: number | null;
  winners: AnnouncedWinner[];
}

export async function listAnnouncedAwards(db: Tx, contestId: number): Promise<AnnouncedAwards | null> {
  const version = await db
    .selectFrom('award_allocations')
    .select(['version', 'announced_at', 'amends_version'])
    .where('contest_id', '=', contestId)
    .where('state', '=', 'announced')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!version) return null;
  const rows = await db
    .selectFrom('award_winners as w')
    .innerJoin('entries as e', 'e.id', 'w.entry_id')
    .leftJoin('units as u', 'u.id', 'e.unit_id')
    .select([
      'w.prize_index',
      'w.place',
      'w.prize_name',
      'w.prize_name_en',
      'w.prize_kind',
      'w.amount_vnd',
      'w.is_by_committee',
      'e.id as entry_id',
      'e.code',
      'e.draft_json',
      'e.unit_id',
      'u.name as unit_name',
    ])
    .where('w.contest_id', '=', contestId)
    .where('w.allocation_version', '=', version.version)
    .orderBy('w.prize_index')
    .orderBy('w.place')
    .execute();
  return {
    contestId,
    version: version.version,
    announcedAt: version.announced_at!,
    amendsVersion: version.amends_version,
    winners: rows.map((r) => {
      const d = decodeDraft(r.draft_json);
      return {
        prizeIndex: r.prize_index,
        place: r.place,
        prize: { name: r.prize_name, nameEn: r.prize_name_en, kind: r.prize_kind, amountVnd: r.amount_vnd },
        byCommittee: r.is_by_committee,
        entry: {
          entryId: r.entry_id,
          code: r.code ?? `#${r.entry_id}`,
          title: d.title,
          unit: r.unit_id !== null && r.unit_name !== null ? { id: r.unit_id, name: r.unit_name } : null,
          isGroup: d.isGroup,
          groupName: d.groupName,
          authors: d.authors.map((a) => ({ fullName: a.fullName, unitName: a.unitName })),
        },
      };
    }),
  };
}
