import { confirmationProblem } from '@core/voting/fanpage.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { fanpageRows } from './fanpage-rows.ts';
import { votingError } from './voting-errors.ts';
import { loadVotingContest } from './voting-contest.ts';

/**
 * A second person confirms every figure not yet confirmed: each must have its screenshot, and the confirmer must not
 * be the last editor of any of them (`confirmationProblem`). Audited with what was confirmed.
 */
export async function confirmFanpageCounts(deps: Deps, actor: Actor, slug: string): Promise<{ confirmed: number }> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'fanpage.confirm');
  const now = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const rows = await fanpageRows(trx, v.contest.id);
    const editors = [...new Set(rows.map((r) => r.editedBy))];
    const names = new Map(
      (
        await trx
          .selectFrom('users')
          .select(['id', 'full_name'])
          .where('id', 'in', editors.length ? editors : [-1])
          .execute()
      ).map((u) => [u.id, u.full_name]),
    );
    const blocked = confirmationProblem(rows, actor.userId!, names);
    if (blocked) throw votingError(blocked, v.timeZone);
    const open = rows.filter((r) => r.confirmedBy === null);
    // Only rows as they were read: an edit that slipped in between clears its own confirmation again.
    for (const r of open) {
      await trx
        .updateTable('fanpage_counts')
        .set({ confirmed_by: actor.userId!, confirmed_at: now })
        .where('contest_id', '=', v.contest.id)
        .where('entry_id', '=', r.entryId)
        .where('edited_at', '=', r.editedAt)
        .where('confirmed_by', 'is', null)
        .execute();
    }
    await appendAudit(trx, deps, actor, {
      action: 'fanpage.confirm',
      contestId: v.contest.id,
      target: `contest:${v.contest.id}`,
      details: {
        entries: open.map((r) => ({
          entry: r.entry,
          reactions: r.reactions,
          shares: r.shares,
          comments: r.comments,
          editedBy: r.editedBy,
        })),
      },
    });
    return { confirmed: open.length };
  });
}
