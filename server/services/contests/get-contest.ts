import { totalPrizeMoney } from '@core/contest.ts';
import { nextTransition, phaseAt } from '@core/phases.ts';
import { AppError } from '@core/errors.ts';
import { ANONYMOUS, type Actor, type Deps } from '../../context.ts';
import { maySeeContest, staffContestIds } from '../access/contest-visibility.ts';
import { loadContest, type LoadedContest } from './load-contest.ts';

/**
 * The public face of a contest: everything an entrant needs, with the phase in force by the server's clock. A draft
 * is shown only to its staff and the site administrators; to anyone else it does not exist.
 */
export async function getContest(deps: Deps, slug: string, actor: Actor = ANONYMOUS) {
  const c = await loadContest(deps.db, { slug });
  if (!maySeeContest(c.status, c.id, await staffContestIds(deps.db, actor))) throw new AppError('contest.notFound');
  return contestView(c, deps.clock());
}

/** The public face of a loaded contest at a moment: the phase in force is computed from `now`. */
export function contestView(c: LoadedContest, now: Date) {
  const state = phaseAt(c.phases, now);
  return {
    id: c.id,
    slug: c.slug,
    isDemo: c.isDemo,
    status: c.status,
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
