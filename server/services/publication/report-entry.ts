/**
 * Anyone (signed in or not) may report a published entry: copied content, someone else's rights, inappropriate
 * content, or another reason. The report joins the committee's queue; the reporter's contact, if given, is only
 * for the committee to reply and never shown publicly.
 */
import { AppError } from '@core/errors.ts';
import type { Actor, Deps } from '../../context.ts';
import { findPublishedEntry } from './gallery-cache.ts';

export const REPORT_KINDS = ['copied', 'rights', 'inappropriate', 'other'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export async function reportEntry(
  deps: Deps,
  actor: Actor,
  entryId: number,
  req: { kind: ReportKind; reason: string; contact?: string },
): Promise<{ id: number }> {
  const e = await findPublishedEntry(deps, entryId);
  if (!e) throw new AppError('entry.notFound');
  const reason = req.reason.normalize('NFC').trim();
  if (reason.length < 10) throw new AppError('report.reasonRequired');
  const row = await deps.db
    .insertInto('entry_reports')
    .values({
      entry_id: entryId,
      contest_id: e.contestId,
      kind: req.kind,
      reason,
      contact: (req.contact ?? '').normalize('NFC').trim(),
      reporter_user_id: actor.userId ?? null,
      created_at: deps.clock().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  deps.logger.info({ entryId, reportId: row.id, kind: req.kind }, 'entry reported');
  return { id: row.id };
}
