import { AppError } from '@core/errors.ts';
import type { Actor } from '../../context.ts';
import type { Tx } from '../../db/dialect.ts';

/** Whether the user holds the `unit_rep` role for this unit of the contest now. */
export async function representsUnit(db: Tx, userId: number, contestId: number, unitId: number): Promise<boolean> {
  const rep = await db
    .selectFrom('contest_roles')
    .select('id')
    .where('contest_id', '=', contestId)
    .where('user_id', '=', userId)
    .where('role', '=', 'unit_rep')
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return rep !== undefined;
}

/** A unit's representative may act for it only while they hold the role (the commune may have replaced them). */
export async function assertRepresents(
  db: Tx,
  actor: Actor,
  entry: { contest_id: number; unit_id: number | null; is_intake: boolean },
): Promise<void> {
  if (entry.unit_id === null || entry.is_intake || actor.isSiteAdmin || actor.userId === null) return;
  if (!(await representsUnit(db, actor.userId, entry.contest_id, entry.unit_id)))
    throw new AppError('entry.notUnitRep');
}
