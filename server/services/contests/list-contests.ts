import { phaseAt, type PhaseKind } from '@core/phases.ts';
import type { Deps } from '../../context.ts';

export async function listContests(deps: Deps) {
  const [contests, phases] = await Promise.all([
    deps.db.selectFrom('contests').select(['id', 'slug', 'name', 'theme', 'is_demo']).orderBy('id', 'desc').execute(),
    deps.db.selectFrom('contest_phases').selectAll().execute(),
  ]);
  const now = deps.clock();
  return contests.map((c) => {
    const own = phases
      .filter((p) => p.contest_id === c.id)
      .map((p) => ({ kind: p.kind as PhaseKind, startsAt: p.starts_at, endsAt: p.ends_at }));
    const state = phaseAt(own, now);
    return {
      id: c.id,
      slug: c.slug,
      name: c.name,
      theme: c.theme,
      isDemo: c.is_demo,
      phaseState: state.state,
      currentPhase: state.phase?.kind ?? null,
    };
  });
}
