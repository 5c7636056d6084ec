import { AppError } from '@core/errors.ts';
import { isForeignKeyViolation } from '../../db/dialect.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';

export async function deleteUnit(deps: Deps, actor: Actor, slug: string, unitId: number): Promise<void> {
  const contest = await findContestRow(deps.db, { slug });
  const contestId = contest.id;
  await authorize(deps, actor, contestId, 'units.edit');
  try {
    await deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .deleteFrom('units')
        .where('id', '=', unitId)
        .where('contest_id', '=', contestId)
        .returning('name')
        .executeTakeFirst();
      if (!row) throw new AppError('unit.notFound');
      await appendAudit(trx, deps, actor, {
        action: 'unit.delete',
        contestId,
        target: `unit:${unitId}`,
        details: { name: row.name },
      });
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) throw new AppError('unit.inUse');
    throw err;
  }
}
