/**
 * The streaming copy and the original of an entry, for a juror of the round who may view it (assigned, not blocked):
 * the same files as the entry's own media routes, addressed by the entry's reference, the original served under a
 * name made from the reference (core/judging/blind.ts), never the name the entrant uploaded it with.
 */
import { AppError } from '@core/errors.ts';
import { mayViewEntry } from '@core/judging/may-score.ts';
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { openAcceptedOriginal, openRenditionFile } from '../media/serve-entry-media.ts';
import { resolveRef } from './entry-refs.ts';
import { entryFacts, scoreContext } from './juror-facts.ts';
import { viewFor } from './list-juror-entries.ts';
import { loadRoundFacts } from './round-facts.ts';

async function viewableEntry(deps: Deps, actor: Actor, roundId: number, ref: string) {
  const a = await roundAccess(deps, actor, roundId, 'juror');
  const f = await loadRoundFacts(deps.db, a.round);
  if (a.round.state === 'draft') throw new AppError('judging.roundNotOpen', { round: a.round.name });
  const entryId = resolveRef(f, a.settings, ref);
  const v = mayViewEntry(
    { round: scoreContext(a, deps.clock()).round, juror: { inRound: true, submitted: false } },
    entryFacts(f, a, entryId),
  );
  if (!v.ok) throw new AppError(v.code, v.params);
  return { f, a, entry: f.entries.get(entryId)! };
}

export async function openJurorMedia(
  deps: Deps,
  actor: Actor,
  roundId: number,
  ref: string,
  requested: readonly string[],
  rangeHeader?: string,
) {
  const { entry } = await viewableEntry(deps, actor, roundId, ref);
  return openRenditionFile(deps, entry.acceptedUploadId, requested, rangeHeader, 'private');
}

export async function openJurorOriginal(deps: Deps, actor: Actor, roundId: number, ref: string, rangeHeader?: string) {
  const { f, a, entry } = await viewableEntry(deps, actor, roundId, ref);
  const name = viewFor(f, a.settings, entry).downloadName;
  return openAcceptedOriginal(deps, entry.acceptedUploadId, rangeHeader, name);
}
