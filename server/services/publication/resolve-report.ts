/**
 * The committee records the outcome of a report: dismissed, or upheld — and, when upheld, may take the entry out of
 * the gallery in the same step (its author is told the outcome as the reason). Audited.
 */
import { AppError } from '@core/errors.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { invalidateGallery } from './gallery-cache.ts';
import { tellUnpublished, unpublishInTx } from './unpublish-entry.ts';
import { changedRows } from '../../db/dialect.ts';

export async function resolveReport(
  deps: Deps,
  actor: Actor,
  reportId: number,
  req: { status: 'dismissed' | 'upheld'; outcome: string; unpublish?: boolean },
): Promise<void> {
  const report = await deps.db
    .selectFrom('entry_reports')
    .select(['id', 'contest_id', 'entry_id', 'status'])
    .where('id', '=', reportId)
    .executeTakeFirst();
  if (!report) throw new AppError('report.notFound');
  const contestId = report.contest_id;
  await authorize(deps, actor, contestId, 'reports.handle');
  const outcome = req.outcome.normalize('NFC').trim();
  if (outcome.length < 5) throw new AppError('report.outcomeRequired');
  const unpublish = req.status === 'upheld' && req.unpublish === true;
  const entryId = report.entry_id;
  await deps.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('entry_reports')
      .set({ status: req.status, outcome, resolved_by: actor.userId ?? null, resolved_at: deps.clock().toISOString() })
      .where('id', '=', reportId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (changedRows(done) !== 1) throw new AppError('report.alreadyResolved');
    await appendAudit(trx, deps, actor, {
      action: 'report.resolve',
      contestId,
      target: `entry:${entryId}`,
      details: { reportId, status: req.status, outcome, unpublish },
    });
    if (unpublish) await unpublishInTx(trx, deps, actor, entryId, outcome, `report:${reportId}`);
  });
  if (unpublish) {
    invalidateGallery(deps, contestId);
    await tellUnpublished(deps, entryId, outcome);
  }
}
