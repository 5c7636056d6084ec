import { requireLogin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { decodeDraft } from '../../db/json-columns.ts';

/** The caller's own entries in every contest, newest first. */
export async function listMyEntries(deps: Deps, actor: Actor) {
  requireLogin(actor);
  const rows = await deps.db
    .selectFrom('entries')
    .innerJoin('contests', 'contests.id', 'entries.contest_id')
    .leftJoin('units', 'units.id', 'entries.unit_id')
    .select([
      'entries.id',
      'entries.code',
      'entries.status',
      'entries.draft_json',
      'entries.submitted_at',
      'entries.updated_at',
      'contests.slug',
      'contests.name as contestName',
      'units.name as unitName',
    ])
    .where('entries.owner_user_id', '=', actor.userId)
    .orderBy('entries.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    status: r.status,
    title: decodeDraft(r.draft_json).title,
    contestSlug: r.slug,
    contestName: r.contestName,
    unitName: r.unitName,
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
  }));
}
