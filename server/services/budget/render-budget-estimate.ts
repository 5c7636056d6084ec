import { formatDateTime } from '@core/time.ts';
import { upperVi } from '@core/documents/text.ts';
import type { Actor, Deps } from '../../context.ts';
import { budgetXlsx } from '../../documents/lists-xlsx.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import { findContestRow, settingsOf } from '../contests/load-contest.ts';
import { loadDocumentSettings } from '../documents/document-settings-facts.ts';
import { loadBudgetFacts } from './budget-facts.ts';

/** The estimate as XLSX for finance: prize section, cost lines by category, subtotals, total and total in words. */
export async function renderBudgetEstimate(
  deps: Deps,
  actor: Actor,
  slug: string,
  issuer: string | undefined,
): Promise<{ file: Buffer; revision: number }> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'budget.view', { auditDenied: false });
  const settings = settingsOf(contest);
  const f = await loadBudgetFacts(deps.db, contest.id, settings);
  const file = await budgetXlsx(f.estimate, {
    issuer: upperVi(issuer ?? (await loadDocumentSettings(deps.db, contest.id)).settings.issuer),
    contestName: settings.name,
    madeAt: `${formatDateTime(deps.clock(), settings.timeZone)} (giờ Việt Nam)`,
  });
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps, actor, {
      action: 'budget.exported',
      contestId: contest.id,
      target: f.estimateId ? `budget:${f.estimateId}` : null,
      details: { revision: f.revision, state: f.state, total: f.estimate.totalVnd },
    }),
  );
  return { file, revision: f.revision };
}
