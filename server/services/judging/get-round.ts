/**
 * A round as the organizer, the secretary and the chair see it: configuration, jurors, entries, conflicts (automatic,
 * declared, recusals), the assignment (for a draft, the one it would make now) and, for a draft, what stops it from
 * opening. The chair alone (not organizer or secretary) sees entries by reference in blind mode, like every juror.
 */
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { roundOpenProblems } from './round-open-problems.ts';
import { entryRef, staffEntry } from './entry-refs.ts';
import { loadRoundFacts, pairKey } from './round-facts.ts';

export async function getRound(deps: Deps, actor: Actor, roundId: number) {
  const a = await roundAccess(deps, actor, roundId, 'follow');
  const f = await loadRoundFacts(deps.db, a.round);
  const holdsMapping = a.mayManage || a.roles.includes('secretary');
  const entryView = (id: number) =>
    holdsMapping || !a.settings.blind
      ? staffEntry(f, a.settings, id)
      : { ref: entryRef(f, a.settings, id), title: f.entries.get(id)?.draft.title ?? '' };
  const names = new Map(f.jurors.map((j) => [j.userId, j.fullName]));
  const reasons = new Map(f.blockRecords.map((b) => [`${b.kind}:${pairKey(b.jurorId, b.entryId)}`, b.reason]));
  const conflicts = f.entryIds.flatMap((entryId) =>
    f.blocks.forEntry(entryId).map((b) => ({
      ref: entryRef(f, a.settings, entryId),
      jurorUserId: b.jurorId,
      juror: names.get(b.jurorId) ?? `#${b.jurorId}`,
      kind: b.kind,
      reason: reasons.get(`${b.kind}:${pairKey(b.jurorId, entryId)}`) ?? null,
    })),
  );
  const loads = f.jurors.map((j) => ({
    jurorUserId: j.userId,
    load: f.entryIds.filter((e) => f.assigned.has(pairKey(j.userId, e))).length,
  }));
  const problems = a.round.state === 'draft' ? roundOpenProblems(deps.clock(), a, f) : [];
  const candidates = a.mayManage
    ? await deps.db
        .selectFrom('contest_roles')
        .innerJoin('users', 'users.id', 'contest_roles.user_id')
        .select(['users.id', 'users.full_name'])
        .where('contest_roles.contest_id', '=', a.contest.id)
        .where('contest_roles.role', '=', 'juror')
        .orderBy('users.full_name')
        .execute()
    : [];
  const previous = await deps.db
    .selectFrom('judging_rounds')
    .select(['id', 'name', 'state'])
    .where('contest_id', '=', a.contest.id)
    .where('position', '=', a.round.position - 1)
    .executeTakeFirst();
  return {
    id: a.round.id,
    contestSlug: a.contest.slug,
    position: a.round.position,
    /** The round its shortlist comes from, if any. */
    previous: previous ?? null,
    name: a.round.name,
    nameEn: a.round.name_en,
    state: a.round.state,
    window: { startsAt: a.round.window_starts_at, endsAt: a.round.window_ends_at },
    entrySet: f.entrySet,
    rubric: f.rubric,
    assignment:
      f.assignmentSpec.mode === 'balanced'
        ? { mode: 'balanced' as const, perEntry: f.assignmentSpec.perEntry }
        : { mode: 'everyone' as const },
    method: f.method,
    settings: a.settings,
    viewer: { isChair: a.isChair, mayManage: a.mayManage, holdsMapping },
    jurors: f.jurors.map((j) => ({
      userId: j.userId,
      fullName: j.fullName,
      isChair: j.isChair,
      unitId: j.unitId,
      unitName: j.unitName,
      mode: j.mode,
      submittedAt: j.submittedAt,
    })),
    candidates: candidates.map((c) => ({ userId: c.id, fullName: c.full_name })),
    entries: f.entryIds.map(entryView),
    conflicts,
    loads,
    assignmentNotes: f.assignment?.ok ? f.assignment.plan.notes : [],
    problems,
  };
}
