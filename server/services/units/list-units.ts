import { foldVietnamese } from '@core/normalize.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';

const collator = new Intl.Collator('vi');

/** Units of a contest in Vietnamese order, with an optional search that ignores diacritics ("vinh thai"). */
export async function listUnits(deps: Deps, actor: Actor, slug: string, opts: { q?: string } = {}) {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'units.view', { auditDenied: false });
  let q = deps.db
    .selectFrom('units')
    .innerJoin('unit_categories', 'unit_categories.id', 'units.category_id')
    .select([
      'units.id',
      'units.name',
      'units.contact_email',
      'units.contact_name',
      'units.contact_position',
      'units.contact_phone',
      'unit_categories.code as categoryCode',
      'unit_categories.name as categoryName',
    ])
    .where('units.contest_id', '=', contest.id);
  if (opts.q?.trim()) q = q.where('units.name_folded', 'like', `%${foldVietnamese(opts.q).replace(/[%_\\]/g, '')}%`);
  const rows = await q.execute();
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      contactEmail: r.contact_email,
      contactName: r.contact_name,
      contactPosition: r.contact_position,
      contactPhone: r.contact_phone,
      categoryCode: r.categoryCode,
      categoryName: r.categoryName,
    }))
    .sort((a, b) => a.categoryCode.localeCompare(b.categoryCode) || collator.compare(a.name, b.name));
}
