/**
 * The paper desk of a round, for the secretary who types signed sheets and for the second person who checks them
 * (another secretary, the organizer, the round's chair): each juror who scores on paper, their entries by reference
 * (the code printed on their phiếu chấm), and per entry what was typed, by whom, and where its check stands. `mine`
 * marks what the caller typed, which someone else must check.
 */
import { paperCheckState } from '@core/judging/paper-check.ts';
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { entryRef } from './entry-refs.ts';
import { jurorEntryIds } from './juror-facts.ts';
import { paperRows } from './paper-facts.ts';
import { loadRoundFacts } from './round-facts.ts';

export async function getPaperDesk(deps: Deps, actor: Actor, roundId: number) {
  const a = await roundAccess(deps, actor, roundId, 'paperDesk');
  const f = await loadRoundFacts(deps.db, a.round);
  const paper = f.jurors.filter((j) => j.mode === 'paper');
  const people = new Map<number, string>();
  const nameOf = async (id: number | null): Promise<string | null> => {
    if (id === null) return null;
    if (!people.has(id)) {
      const u = await deps.db.selectFrom('users').select('full_name').where('id', '=', id).executeTakeFirst();
      people.set(id, u?.full_name ?? `#${id}`);
    }
    return people.get(id)!;
  };
  const jurors = [];
  for (const j of paper) {
    const rows = await paperRows(deps.db, f, j.userId);
    const entries = [];
    for (const id of jurorEntryIds(f, j.userId)) {
      const r = rows.get(id);
      const typed = r && r.source === 'paper' ? r : null;
      entries.push({
        ref: entryRef(f, a.settings, id),
        title: f.entries.get(id)?.draft.title ?? '',
        check: typed ? paperCheckState(typed) : ('not_typed' as const),
        version: typed?.version ?? 0,
        sheet: typed?.sheet ?? null,
        complete: typed?.complete ?? false,
        enteredBy: await nameOf(typed?.enteredBy ?? null),
        mine: typed !== null && typed.enteredBy === a.actorId,
        checkedBy: await nameOf(typed?.checkedBy ?? null),
        checkedAt: typed?.checkedAt ?? null,
        rejectedBy: await nameOf(typed?.rejectedBy ?? null),
        rejectedAt: typed?.rejectedAt ?? null,
        rejectReason: typed?.rejectReason ?? null,
      });
    }
    jurors.push({ userId: j.userId, fullName: j.fullName, submittedAt: j.submittedAt, entries });
  }
  return {
    roundId,
    name: a.round.name,
    state: a.round.state,
    blind: a.settings.blind,
    rubric: f.rubric,
    mayEnter: a.mayEnterPaper,
    mayCheck: a.mayCheckPaper,
    jurors,
  };
}
