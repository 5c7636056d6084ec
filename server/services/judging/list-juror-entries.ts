/**
 * A juror's entries in a round: by reference (the blind code in blind mode), with what the blind rule lets them see
 * (core/judging/blind.ts), each with the state of their sheet, the rubric, and whether they may still save and submit.
 */
import { AppError } from '@core/errors.ts';
import { jurorEntryView } from '@core/judging/blind.ts';
import { maySubmit } from '@core/judging/may-score.ts';
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { decodeSheet } from '../../db/json-columns.ts';
import { jurorEntryIds, scoreContext, sheetState } from './juror-facts.ts';
import { loadRoundFacts, type RoundFacts, type RoundEntry } from './round-facts.ts';
import type { JudgingSettings } from '@core/judging/settings.ts';

export function viewFor(f: RoundFacts, settings: JudgingSettings, e: RoundEntry) {
  return jurorEntryView(
    {
      id: e.id,
      code: e.code,
      draft: e.draft,
      unitName: e.unitName,
      ownerUserId: e.ownerUserId,
      originalFileName: null,
      durationSec: null,
      submittedAt: e.submittedAt,
    },
    settings.blind ? { blind: true, blindCode: f.codes.get(e.id) ?? `#${e.id}` } : { blind: false },
  );
}

export async function listJurorEntries(deps: Deps, actor: Actor, roundId: number) {
  const a = await roundAccess(deps, actor, roundId, 'juror');
  if (a.round.state === 'draft') throw new AppError('judging.roundNotOpen', { round: a.round.name });
  const f = await loadRoundFacts(deps.db, a.round);
  const sheets = await deps.db
    .selectFrom('judging_scores')
    .select(['entry_id', 'sheet_json', 'version'])
    .where('round_id', '=', roundId)
    .where('juror_user_id', '=', a.actorId)
    .execute();
  const byEntry = new Map(sheets.map((s) => [s.entry_id, s]));
  const entries = jurorEntryIds(f, a.actorId).map((id) => {
    const v = viewFor(f, a.settings, f.entries.get(id)!);
    const s = byEntry.get(id);
    const sheet = s ? decodeSheet(s.sheet_json) : null;
    return { ...v, state: sheetState(f, sheet), version: s?.version ?? 0 };
  });
  entries.sort((x, y) => x.ref.localeCompare(y.ref));
  // The conflicts this juror declared with entries of the round, which they may take back before submitting.
  const declared = f.blockRecords
    .filter((b) => b.jurorId === a.actorId && b.kind === 'declared' && f.entryIds.includes(b.entryId))
    .map((b) => ({ ref: viewFor(f, a.settings, f.entries.get(b.entryId)!).ref, reason: b.reason }))
    .sort((x, y) => x.ref.localeCompare(y.ref));
  const may = maySubmit(scoreContext(a, deps.clock()));
  return {
    round: {
      id: a.round.id,
      name: a.round.name,
      nameEn: a.round.name_en,
      state: a.round.state,
      window: { startsAt: a.round.window_starts_at, endsAt: a.round.window_ends_at },
    },
    blind: a.settings.blind,
    isChair: a.isChair,
    submittedAt: a.juror!.submittedAt,
    mayWork: may.ok,
    refusal: may.ok ? null : { code: may.code, params: may.params },
    rubric: f.rubric,
    entries,
    declared,
  };
}
