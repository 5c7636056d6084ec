/** What the paper use cases read: the juror a sheet is typed for, and their typed sheets as core/judging sees them. */
import { AppError } from '@core/errors.ts';
import { mayEnterPaper, type Verdict } from '@core/judging/may-score.ts';
import type { TypedPaperSheet } from '@core/judging/paper-check.ts';
import { sheetComplete, type SheetContent } from '@core/judging/score-sheet.ts';
import type { RoundAccess } from '../access/judging-access.ts';
import type { Tx } from '../../db/dialect.ts';
import { decodeSheet } from '../../db/json-columns.ts';
import { pairKey, type RoundFacts, type RoundJuror } from './round-facts.ts';
import { entryRef } from './entry-refs.ts';

/** The round's juror a secretary types for; `judging.jurorNotInRound` when the id names nobody in the round. */
export function paperJuror(f: RoundFacts, jurorUserId: number): RoundJuror {
  const j = f.jurors.find((x) => x.userId === jurorUserId);
  if (!j) throw new AppError('judging.jurorNotInRound', { round: f.round.name, juror: `#${jurorUserId}` });
  return j;
}

/** The secretary's rule (core mayEnterPaper) for one juror and entry of the round. */
export function paperVerdict(f: RoundFacts, a: RoundAccess, juror: RoundJuror, entryId: number): Verdict {
  return mayEnterPaper(
    {
      round: {
        name: a.round.name,
        state: a.round.state,
        window: { startsAt: a.round.window_starts_at, endsAt: a.round.window_ends_at },
      },
      juror: { inRound: true, submitted: juror.submittedAt !== null, mode: juror.mode, label: juror.fullName },
    },
    {
      label: entryRef(f, a.settings, entryId),
      inRound: f.entryIds.includes(entryId),
      assigned: f.assigned.has(pairKey(juror.userId, entryId)),
      block: f.blocks.get(juror.userId, entryId),
    },
  );
}

export interface PaperRow extends TypedPaperSheet {
  id: number;
  entryId: number;
  source: 'online' | 'paper';
  sheet: SheetContent;
  checkedAt: string | null;
  rejectedAt: string | null;
}

/** A juror's stored sheets in a round, by entry. */
export async function paperRows(db: Tx, f: RoundFacts, jurorUserId: number): Promise<Map<number, PaperRow>> {
  const rows = await db
    .selectFrom('judging_scores')
    .select([
      'id',
      'entry_id',
      'sheet_json',
      'version',
      'source',
      'entered_by',
      'checked_by',
      'checked_at',
      'rejected_by',
      'rejected_at',
      'reject_reason',
    ])
    .where('round_id', '=', f.round.id)
    .where('juror_user_id', '=', jurorUserId)
    .execute();
  const out = new Map<number, PaperRow>();
  for (const r of rows) {
    const sheet = decodeSheet(r.sheet_json);
    out.set(r.entry_id, {
      id: r.id,
      entryId: r.entry_id,
      source: r.source,
      sheet,
      version: r.version,
      enteredBy: r.entered_by,
      checkedBy: r.checked_by,
      checkedAt: r.checked_at,
      rejectedBy: r.rejected_by,
      rejectedAt: r.rejected_at,
      rejectReason: r.reject_reason,
      complete: sheetComplete(f.rubric, sheet),
    });
  }
  return out;
}
