import type { ReferenceClipView } from '@core/reference-clips.ts';
import type { Actor, Deps } from '../../context.ts';
import { decodeDraft } from '../../db/json-columns.ts';
import { authorize } from '../access/authorize.ts';
import { findContestRow } from '../contests/load-contest.ts';

/**
 * R9: the contest's reference library, newest first, each clip with the entries whose current file matched it (a
 * flag on an upload the entry has since replaced is not shown).
 */
export async function listReferenceClips(deps: Deps, actor: Actor, slug: string): Promise<ReferenceClipView[]> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'references.manage', { auditDenied: false });
  const clips = await deps.db
    .selectFrom('reference_clips')
    .leftJoin('users', 'users.id', 'reference_clips.created_by')
    .select([
      'reference_clips.id',
      'reference_clips.title',
      'reference_clips.source',
      'reference_clips.duration_ms',
      'reference_clips.created_at',
      'users.full_name',
    ])
    .where('reference_clips.contest_id', '=', contest.id)
    .orderBy('reference_clips.id', 'desc')
    .execute();
  const flags = await deps.db
    .selectFrom('originality_flags')
    .innerJoin('entries', 'entries.accepted_upload_id', 'originality_flags.upload_id')
    .select([
      'originality_flags.reference_id',
      'originality_flags.score',
      'originality_flags.created_at',
      'entries.id as entry_id',
      'entries.code',
      'entries.status',
      'entries.draft_json',
    ])
    .where('originality_flags.contest_id', '=', contest.id)
    .where('originality_flags.reference_id', 'is not', null)
    .orderBy('originality_flags.score', 'desc')
    .execute();
  return clips.map((c) => {
    const seen = new Set<number>();
    const matches = flags
      .filter((f) => Number(f.reference_id) === Number(c.id))
      .filter((f) => !seen.has(Number(f.entry_id)) && seen.add(Number(f.entry_id)))
      .map((f) => ({
        entryId: Number(f.entry_id),
        code: f.code,
        title: decodeDraft(f.draft_json).title,
        status: f.status,
        score: Number(f.score),
        flaggedAt: String(f.created_at),
      }));
    return {
      id: Number(c.id),
      title: c.title,
      source: c.source,
      durationSec: Number(c.duration_ms) / 1000,
      createdAt: String(c.created_at),
      createdBy: c.full_name,
      matches,
    };
  });
}
