import type { FanpageRow } from '@core/voting/fanpage.ts';
import type { Tx } from '../../db/dialect.ts';

export interface GalleryEntry {
  id: number;
  code: string;
  caption: string;
}

/** The contest's entries in the public gallery now: the ones the fanpage's figures are about. */
export async function galleryEntries(db: Tx, contestId: number): Promise<GalleryEntry[]> {
  const rows = await db
    .selectFrom('publications')
    .innerJoin('entries', 'entries.id', 'publications.entry_id')
    .select(['entries.id', 'entries.code', 'publications.caption'])
    .where('publications.contest_id', '=', contestId)
    .where('publications.unpublished_at', 'is', null)
    .orderBy('entries.code')
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code ?? `#${r.id}`, caption: r.caption }));
}

export interface StoredFanpageRow extends FanpageRow {
  entryId: number;
  evidenceType: string | null;
  editedAt: string;
  confirmedAt: string | null;
}

/** The stored figures of the contest, entry code as `entry`. */
export async function fanpageRows(db: Tx, contestId: number): Promise<StoredFanpageRow[]> {
  const rows = await db
    .selectFrom('fanpage_counts')
    .innerJoin('entries', 'entries.id', 'fanpage_counts.entry_id')
    .select([
      'fanpage_counts.entry_id',
      'entries.code',
      'fanpage_counts.post_url',
      'fanpage_counts.reactions',
      'fanpage_counts.shares',
      'fanpage_counts.comments',
      'fanpage_counts.evidence_key',
      'fanpage_counts.evidence_type',
      'fanpage_counts.edited_by',
      'fanpage_counts.edited_at',
      'fanpage_counts.confirmed_by',
      'fanpage_counts.confirmed_at',
    ])
    .where('fanpage_counts.contest_id', '=', contestId)
    .execute();
  return rows.map((r) => ({
    entryId: r.entry_id,
    entry: r.code ?? `#${r.entry_id}`,
    postUrl: r.post_url,
    reactions: Number(r.reactions),
    shares: Number(r.shares),
    comments: Number(r.comments),
    evidence: r.evidence_key,
    evidenceType: r.evidence_type,
    editedBy: r.edited_by,
    editedAt: r.edited_at,
    confirmedBy: r.confirmed_by,
    confirmedAt: r.confirmed_at,
  }));
}
