import { AppError } from '@core/errors.ts';
import { foldVietnamese } from '@core/normalize.ts';
import type { UnitInput } from '@core/units.ts';
import { isUniqueViolation, type Tx } from '../../db/dialect.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';

async function categoryIdByCode(db: Tx, contestId: number, code: string): Promise<number> {
  const cat = await db
    .selectFrom('unit_categories')
    .select('id')
    .where('contest_id', '=', contestId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!cat) {
    const all = await db.selectFrom('unit_categories').select('code').where('contest_id', '=', contestId).execute();
    throw new AppError('unit.categoryUnknown', { category: code, allowed: all.map((c) => c.code).join(', ') });
  }
  return cat.id;
}

/** Creates a unit, or changes its name, category or contact person when `unitId` is given. */
export async function saveUnit(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: UnitInput,
  unitId?: number,
): Promise<{ id: number }> {
  const contest = await findContestRow(deps.db, { slug });
  const contestId = contest.id;
  await authorize(deps, actor, contestId, 'units.edit');
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const categoryId = await categoryIdByCode(trx, contestId, input.categoryCode);
      const values = {
        name: input.name,
        name_folded: foldVietnamese(input.name),
        category_id: categoryId,
        contact_email: input.contactEmail ?? null,
        contact_name: input.contactName ?? null,
        contact_position: input.contactPosition ?? null,
        contact_phone: input.contactPhone ?? null,
      };
      let id: number;
      if (unitId === undefined) {
        const row = await trx
          .insertInto('units')
          .values({ ...values, contest_id: contestId, created_at: deps.clock().toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
      } else {
        const row = await trx
          .updateTable('units')
          .set(values)
          .where('id', '=', unitId)
          .where('contest_id', '=', contestId)
          .returning('id')
          .executeTakeFirst();
        if (!row) throw new AppError('unit.notFound');
        id = unitId;
      }
      await appendAudit(trx, deps, actor, {
        action: unitId === undefined ? 'unit.create' : 'unit.update',
        contestId,
        target: `unit:${id}`,
        // The contact's name and position, but never the phone or e-mail (the audit log holds no contact details).
        details: {
          name: input.name,
          category: input.categoryCode,
          contactName: input.contactName ?? null,
          contactPosition: input.contactPosition ?? null,
          hasContactPhone: !!input.contactPhone,
          hasContactEmail: !!input.contactEmail,
        },
      });
      return { id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('unit.nameTaken', { name: input.name });
    throw err;
  }
}
