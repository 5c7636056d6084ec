import { requireLogin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { decodeDraft } from '../../db/json-columns.ts';
import { settingsOf } from '../contests/load-contest.ts';

/** The caller's own entries in every contest, newest first. */
export async function listMyEntries(deps: Deps, actor: Actor) {
  requireLogin(actor);
  const rows = await deps.db
    .selectFrom('entries')
    .innerJoin('contests', 'contests.id', 'entries.contest_id')
    .leftJoin('units', 'units.id', 'entries.unit_id')
    .select([
      'entries.id',
      'entries.contest_id',
      'entries.code',
      'entries.status',
      'entries.draft_json',
      'entries.submitted_at',
      'entries.updated_at',
      'entries.review_status',
      'contests.slug',
      'contests.name as contestName',
      'units.name as unitName',
    ])
    .where('entries.owner_user_id', '=', actor.userId)
    .orderBy('entries.id', 'desc')
    .execute();
  const contestIds = [...new Set(rows.map((r) => r.contest_id))];
  const contests = contestIds.length
    ? await deps.db
        .selectFrom('contests')
        .leftJoin('contest_phases', (j) =>
          j.onRef('contest_phases.contest_id', '=', 'contests.id').on('contest_phases.kind', '=', 'submission'),
        )
        .selectAll('contests')
        .select('contest_phases.ends_at as submission_ends_at')
        .where('contests.id', 'in', contestIds)
        .execute()
    : [];
  const deadlineOf = new Map(
    contests.map((c) => {
      const settings = settingsOf(c);
      const deadline = c.submission_ends_at
        ? {
            endsAt: c.submission_ends_at,
            timeZone: settings.timeZone,
            graceMinutes: settings.entryRules.uploadGraceMinutes,
          }
        : null;
      return [c.id, deadline] as const;
    }),
  );
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
    /** The submission deadline, for a draft that counts against it (a returned one has its own fix deadline). */
    deadline: r.status === 'draft' && r.review_status !== 'returned' ? (deadlineOf.get(r.contest_id) ?? null) : null,
  }));
}
