import ExcelJS from 'exceljs';
import { AppError } from '@core/errors.ts';
import { foldVietnamese } from '@core/normalize.ts';
import { parseCsv, parseUnitRows } from '@core/units.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { loadContest } from '../contests/load-contest.ts';

async function readRows(file: Buffer, filename: string): Promise<unknown[][]> {
  const isXlsx = filename.toLowerCase().endsWith('.xlsx') || file.subarray(0, 2).toString('latin1') === 'PK';
  if (!isXlsx) return parseCsv(file.toString('utf8'));
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError('import.invalidFile');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('import.invalidFile');
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(
      values.map((v) => (v && typeof v === 'object' && 'text' in v ? (v as { text: string }).text : (v ?? ''))),
    );
  });
  return rows;
}

/**
 * Imports units from CSV or XLSX. All or nothing: one bad row rejects the file with every error listed, so that a
 * half-imported list never needs cleaning up. Units already present (same name) are updated, not duplicated.
 */
export async function importUnits(deps: Deps, actor: Actor, slug: string, file: Buffer, filename: string) {
  const contest = await loadContest(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'units.edit');
  const rows = await readRows(file, filename);
  const { units, errors } = parseUnitRows(rows, contest.unitCategories);
  if (errors.length) throw new AppError('import.rowErrors', { count: errors.length }, { rows: errors });
  if (units.length === 0) throw new AppError('import.invalidFile');
  const catIds = new Map(contest.unitCategories.map((c) => [c.code, c.id]));
  let created = 0;
  let updated = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const u of units) {
      const folded = foldVietnamese(u.name);
      const existing = await trx
        .selectFrom('units')
        .select('id')
        .where('contest_id', '=', contest.id)
        .where('name_folded', '=', folded)
        .executeTakeFirst();
      const values = {
        name: u.name,
        name_folded: folded,
        category_id: catIds.get(u.categoryCode)!,
        contact_email: u.contactEmail ?? null,
        // A file without these columns (the older template) leaves what was entered by hand.
        ...(u.contactName ? { contact_name: u.contactName } : {}),
        ...(u.contactPosition ? { contact_position: u.contactPosition } : {}),
        ...(u.contactPhone ? { contact_phone: u.contactPhone } : {}),
      };
      if (existing) {
        await trx.updateTable('units').set(values).where('id', '=', existing.id).execute();
        updated++;
      } else {
        await trx
          .insertInto('units')
          .values({ ...values, contest_id: contest.id, created_at: deps.clock().toISOString() })
          .execute();
        created++;
      }
    }
    await appendAudit(trx, deps, actor, {
      action: 'unit.import',
      contestId: contest.id,
      details: { filename: filename.slice(0, 200), created, updated },
    });
  });
  return { created, updated };
}
