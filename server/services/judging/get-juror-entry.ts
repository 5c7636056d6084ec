/**
 * One entry as a juror of the round sees it: the blind view, where to play it, their own sheet and its version, and
 * the other jurors' submitted scores once the contest's rule lets them (core/judging/visibility.ts). A conflicted,
 * recused or unassigned juror gets the refusal, never the entry.
 */
import { AppError } from '@core/errors.ts';
import { jurorTotal, totalFormula } from '@core/judging/aggregate.ts';
import { mayScore, mayViewEntry } from '@core/judging/may-score.ts';
import { othersScoresVisible } from '@core/judging/visibility.ts';
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { decodeSheet } from '../../db/json-columns.ts';
import { resolveRef } from './entry-refs.ts';
import { entryFacts, scoreContext, sheetPending, sheetState } from './juror-facts.ts';
import { viewFor } from './list-juror-entries.ts';
import { loadRoundFacts } from './round-facts.ts';
import { POSTER_FILE } from '../../media/renditions.ts';

export async function getJurorEntry(deps: Deps, actor: Actor, roundId: number, ref: string) {
  const a = await roundAccess(deps, actor, roundId, 'juror');
  if (a.round.state === 'draft') throw new AppError('judging.roundNotOpen', { round: a.round.name });
  const f = await loadRoundFacts(deps.db, a.round);
  const entryId = resolveRef(f, a.settings, ref);
  const facts = entryFacts(f, a, entryId);
  const view = mayViewEntry(
    { round: scoreContext(a, deps.clock()).round, juror: { inRound: true, submitted: false } },
    facts,
  );
  if (!view.ok) throw new AppError(view.code, view.params);
  const entry = f.entries.get(entryId)!;
  const sheets = await deps.db
    .selectFrom('judging_scores')
    .innerJoin('users', 'users.id', 'judging_scores.juror_user_id')
    .select(['judging_scores.juror_user_id', 'users.full_name', 'judging_scores.sheet_json', 'judging_scores.version'])
    .where('judging_scores.round_id', '=', roundId)
    .where('judging_scores.entry_id', '=', entryId)
    .execute();
  const own = sheets.find((s) => s.juror_user_id === a.actorId);
  const ownSheet = own ? decodeSheet(own.sheet_json) : null;
  const visibility = othersScoresVisible({
    viewer: 'juror',
    setting: a.settings.othersScores,
    roundState: a.round.state,
    viewerSubmitted: a.juror!.submittedAt !== null,
    viewerBlocked: false,
  });
  const submitted = new Set(f.jurors.filter((j) => j.submittedAt !== null).map((j) => j.userId));
  const formula = totalFormula(f.rubric);
  const others = visibility.visible
    ? sheets
        .filter((s) => s.juror_user_id !== a.actorId && submitted.has(s.juror_user_id))
        .filter((s) => f.blocks.get(s.juror_user_id, entryId) === null)
        .map((s) => {
          const sheet = decodeSheet(s.sheet_json);
          return {
            juror: s.full_name,
            values: sheet.values,
            comments: sheet.comments,
            abstained: sheet.abstain !== null,
            total: sheet.abstain ? null : jurorTotal(formula, sheet.values),
          };
        })
    : null;
  const may = mayScore(scoreContext(a, deps.clock()), facts);
  const base = `/api/judging/rounds/${roundId}/entries/${encodeURIComponent(facts.label)}`;
  return {
    entry: viewFor(f, a.settings, entry),
    blind: a.settings.blind,
    media: entry.acceptedUploadId
      ? { master: `${base}/media/master.m3u8`, poster: `${base}/media/${POSTER_FILE}`, original: `${base}/original` }
      : null,
    rubric: f.rubric,
    sheet: ownSheet,
    version: own?.version ?? 0,
    state: sheetState(f, ownSheet),
    pending: ownSheet ? sheetPending(f, ownSheet) : [],
    mayScore: may.ok,
    refusal: may.ok ? null : { code: may.code, params: may.params },
    others,
    othersHidden: visibility.visible ? null : visibility.why,
  };
}
