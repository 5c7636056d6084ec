import { AppError } from '@core/errors.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor, Deps } from '../../context.ts';
import { entryAccess } from '../access/entry-access.ts';
import { assertRepresents } from '../access/unit-representative.ts';
import { withdrawRefusal } from '../access/edit-window.ts';
import { loadContest } from '../contests/load-contest.ts';
import { recordEntryEvent } from './record-entry-event.ts';
import { changedRows } from '../../db/dialect.ts';

/** Takes a submitted entry back to draft before the deadline, freeing its place in the quota. */
export async function withdrawEntry(deps: Deps, actor: Actor, entryId: number): Promise<void> {
  const { entry } = await entryAccess(deps, actor, entryId, 'write');
  const contest = await loadContest(deps.db, { id: entry.contest_id });
  await assertRepresents(deps.db, actor, entry);
  const now = deps.clock();
  const refusal = withdrawRefusal(contest, entry, now);
  if (refusal) throw refusal;
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    // Out of review too: a later submission opens a new round.
    const done = await trx
      .updateTable('entries')
      .set({
        status: 'draft',
        submitted_at: null,
        withdrawn_at: at,
        updated_at: at,
        review_status: null,
        fix_deadline: null,
      })
      .where('id', '=', entryId)
      .where('status', '=', 'submitted')
      .where((eb) => eb.or([eb('review_status', 'is', null), eb('review_status', '!=', 'rejected')]))
      .executeTakeFirst();
    if (changedRows(done) !== 1) throw new AppError('entry.notWithdrawable');
    await trx.deleteFrom('entry_slots').where('entry_id', '=', entryId).execute();
    await recordEntryEvent(trx, entryId, at, actor.userId, 'withdrawn', { code: entry.code });
    if (entry.is_intake)
      await appendAudit(trx, deps, actor, {
        action: 'entry.intakeWithdraw',
        contestId: contest.id,
        target: `entry:${entryId}`,
      });
  });
}
