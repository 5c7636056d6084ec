/**
 * The publisher's list: every approved or published entry of the contest with its publication state, caption and
 * whether its streaming copy is ready.
 */
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { publicEntryUrl } from './publish-entries.ts';
import { decodeDraft } from '../../db/json-columns.ts';

export interface PublicationRow {
  entryId: number;
  code: string | null;
  title: string;
  unitName: string | null;
  reviewStatus: string | null;
  ready: boolean;
  state: 'unpublished' | 'published' | 'withdrawn';
  caption: string | null;
  publishedAt: string | null;
  unpublishReason: string | null;
  publicUrl: string | null;
}

export async function publicationRows(deps: Deps, contestId: number, slug: string): Promise<PublicationRow[]> {
  const rows = await deps.db
    .selectFrom('entries')
    .leftJoin('units', 'units.id', 'entries.unit_id')
    .leftJoin('renditions', 'renditions.upload_id', 'entries.accepted_upload_id')
    .leftJoin('publications', 'publications.entry_id', 'entries.id')
    .select([
      'entries.id',
      'entries.code',
      'entries.draft_json',
      'entries.review_status',
      'units.name as unit_name',
      'renditions.status as renditions_status',
      'publications.entry_id as pub',
      'publications.caption',
      'publications.published_at',
      'publications.unpublished_at',
      'publications.unpublish_reason',
    ])
    .where('entries.contest_id', '=', contestId)
    .where((eb) => eb.or([eb('entries.review_status', '=', 'approved'), eb('publications.entry_id', 'is not', null)]))
    .orderBy('entries.code')
    .orderBy('entries.id')
    .execute();
  return rows.map((r) => {
    const state = r.pub === null ? 'unpublished' : r.unpublished_at === null ? 'published' : 'withdrawn';
    return {
      entryId: r.id,
      code: r.code,
      title: decodeDraft(r.draft_json).title,
      unitName: r.unit_name ?? null,
      reviewStatus: r.review_status,
      ready: r.renditions_status === 'done',
      state,
      caption: r.caption ?? null,
      publishedAt: r.published_at === null ? null : String(r.published_at),
      unpublishReason: r.unpublish_reason ?? null,
      publicUrl: state === 'published' ? publicEntryUrl(deps, slug, r.id) : null,
    };
  });
}

export async function listPublication(deps: Deps, actor: Actor, slug: string): Promise<PublicationRow[]> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'entries.publish', { auditDenied: false });
  return publicationRows(deps, contest.id, contest.slug);
}
