import { totalPrizeMoney } from '@core/contest.ts';
import { nextTransition, phaseAt } from '@core/phases.ts';
import type { Deps } from '../../context.ts';
import { loadContest } from './load-contest.ts';

/** The public face of a contest: everything an entrant needs, with the phase in force by the server's clock. */
export async function getContest(deps: Deps, slug: string) {
  const c = await loadContest(deps.db, { slug });
  const now = deps.clock();
  const state = phaseAt(c.phases, now);
  return {
    id: c.id,
    slug: c.slug,
    isDemo: c.isDemo,
    ...c.settings,
    phases: c.phases,
    unitCategories: c.unitCategories,
    totalPrizeMoneyVnd: totalPrizeMoney(c.settings.prizes),
    serverTime: now.toISOString(),
    phaseState: state.state,
    currentPhase: state.phase?.kind ?? null,
    openPhases: state.open.map((p) => p.kind),
    next: nextTransition(c.phases, now),
    updatedAt: c.updatedAt,
  };
}
