import { homeBucket, lastPhaseEnd } from '@core/contest-lifecycle.ts';
import { phaseAt, type PhaseKind } from '@core/phases.ts';
import { ANONYMOUS, type Actor, type Deps } from '../../context.ts';
import { maySeeContest, staffContestIds } from '../access/contest-visibility.ts';

/** The contests the caller may see: published and archived ones for all, drafts for their staff and administrators. */
export async function listContests(deps: Deps, actor: Actor = ANONYMOUS) {
  const [contests, phases, staff] = await Promise.all([
    deps.db
      .selectFrom('contests')
      .select(['id', 'slug', 'name', 'theme', 'is_demo', 'status'])
      .orderBy('id', 'desc')
      .execute(),
    deps.db.selectFrom('contest_phases').selectAll().execute(),
    staffContestIds(deps.db, actor),
  ]);
  const now = deps.clock();
  return contests
    .filter((c) => maySeeContest(c.status, c.id, staff))
    .map((c) => {
      const own = phases
        .filter((p) => p.contest_id === c.id)
        .map((p) => ({ kind: p.kind as PhaseKind, startsAt: p.starts_at, endsAt: p.ends_at }));
      const state = phaseAt(own, now);
      const starts = own.map((p) => Date.parse(p.startsAt));
      return {
        id: c.id,
        slug: c.slug,
        name: c.name,
        theme: c.theme,
        isDemo: c.is_demo,
        status: c.status,
        phaseState: state.state,
        currentPhase: state.phase?.kind ?? null,
        bucket: homeBucket(c.status, state.state),
        startsAt: starts.length ? new Date(Math.min(...starts)).toISOString() : null,
        endsAt: lastPhaseEnd(own),
      };
    });
}
