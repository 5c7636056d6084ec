import type { ContestIdentity } from '@core/contest-lifecycle.ts';
import { AppError } from '@core/errors.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { requireSiteAdmin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from './load-contest.ts';

/**
 * A site administrator changes a contest's short address (slug) or its name. The slug is in every link to the
 * contest, hence administrators only; the audit record keeps the old values.
 */
export async function renameContest(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: ContestIdentity,
): Promise<{ slug: string; name: string }> {
  requireSiteAdmin(actor);
  const row = await findContestRow(deps.db, { slug });
  const next = { slug: input.slug ?? row.slug, name: (input.name ?? row.name).normalize('NFC') };
  if (next.slug === row.slug && next.name === row.name) return next;
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('contests')
        .set({ ...next, updated_at: deps.clock().toISOString() })
        .where('id', '=', row.id)
        .execute();
      await appendAudit(trx, deps, actor, {
        action: 'contest.rename',
        contestId: row.id,
        target: `contest:${row.id}`,
        details: { from: { slug: row.slug, name: row.name }, to: next },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('contest.slugTaken');
    throw err;
  }
  return next;
}
