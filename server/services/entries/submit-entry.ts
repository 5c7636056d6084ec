import { submissionWindow } from '@core/eligibility.ts';
import { cleanFileName } from '@core/file-name.ts';
import { CURRENT_LICENCE } from '@core/licence.ts';
import { missingForSubmission, entryCode } from '@core/entry.ts';
import { AppError } from '@core/errors.ts';
import { formatDateTime } from '@core/time.ts';
import { personQuotaKey } from './resolve-party.ts';
import { submissionPhaseError } from '../contests/submission-phase-error.ts';
import { fixWindowOpen } from '@core/review.ts';
import { fixDeadlinePassedError } from '../access/edit-window.ts';
import { changedRows, type Tx } from '../../db/dialect.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { assertRepresents } from '../access/unit-representative.ts';
import { checkStaffExclusion } from './check-staff-exclusion.ts';
import type { Actor, Deps } from '../../context.ts';
import { entryAccess } from '../access/entry-access.ts';
import { loadContest, type LoadedContest } from '../contests/load-contest.ts';
import { recordEntryEvent } from './record-entry-event.ts';
import { sendReceipt, type Receipt } from './send-receipt.ts';
import { decodeVerdict } from '../../db/json-columns.ts';

/** Claims the lowest free quota slot; the primary key on (contest, quota_key, slot) settles every race. */
async function claimSlot(
  trx: Tx,
  contestId: number,
  quotaKey: string,
  max: number,
  entryId: number,
): Promise<number | null> {
  for (let slot = 1; slot <= max; slot++) {
    const row = await trx
      .insertInto('entry_slots')
      .values({ contest_id: contestId, quota_key: quotaKey, slot, entry_id: entryId })
      .onConflict((oc) => oc.doNothing())
      .returning('slot')
      .executeTakeFirst();
    if (row) return slot;
  }
  return null;
}

async function nextCode(trx: Tx, contest: LoadedContest): Promise<string> {
  const row = await trx
    .insertInto('entry_code_counters')
    .values({ contest_id: contest.id, last: 1 })
    .onConflict((oc) => oc.column('contest_id').doUpdateSet((eb) => ({ last: eb('entry_code_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  const prefix =
    contest.slug
      .replace(/[^a-z0-9]/gi, '')
      .slice(0, 8)
      .toUpperCase() || 'CT';
  return entryCode(prefix, row.last);
}

/**
 * Submits a complete entry whose file passed every check, while submissions are open (or within the grace period
 * for an upload begun in time). Quotas (R2, R3) and the staff exclusion (R4) are enforced here, and the quota by the
 * database itself. The entrant gets a receipt.
 */
export async function submitEntry(deps: Deps, actor: Actor, entryId: number): Promise<Receipt> {
  const { entry, draft } = await entryAccess(deps, actor, entryId, 'write');
  if (entry.status !== 'draft') throw new AppError('entry.locked');
  const contest = await loadContest(deps.db, { id: entry.contest_id });
  await assertRepresents(deps.db, actor, entry);
  const now = deps.clock();
  const tz = contest.settings.timeZone;
  const upload = entry.accepted_upload_id
    ? await deps.db
        .selectFrom('uploads')
        .selectAll()
        .where('id', '=', entry.accepted_upload_id)
        .where('status', '=', 'accepted')
        .executeTakeFirst()
    : undefined;
  const window = submissionWindow(contest.phases, contest.settings.entryRules, now, upload?.created_at);
  // An entry returned on review may be sent again until its fix deadline, whatever the submission phase.
  const resubmission = fixWindowOpen(entry.review_status, entry.fix_deadline, now);
  if (!window.ok && !resubmission)
    throw entry.review_status === 'returned'
      ? fixDeadlinePassedError(contest, entry.fix_deadline)
      : submissionPhaseError(contest, window.reason);
  const inGrace = window.ok && !resubmission ? window.inGrace : false;
  const missing = missingForSubmission(draft, contest.settings.entryRules.allowedForms);
  if (missing.length) throw new AppError('entry.incomplete', { count: missing.length }, { missing });
  if (!upload || !upload.sha256) throw new AppError('entry.noAcceptedFile');
  await checkStaffExclusion(deps.db, contest.id, entry.is_intake ? null : entry.owner_user_id, draft);

  let max = contest.settings.maxEntriesPerPerson;
  let unitName = '';
  if (entry.unit_id !== null) {
    const unit = await deps.db
      .selectFrom('units')
      .innerJoin('unit_categories', 'unit_categories.id', 'units.category_id')
      .select(['units.name', 'unit_categories.max_entries'])
      .where('units.id', '=', entry.unit_id)
      .executeTakeFirstOrThrow();
    max = unit.max_entries;
    unitName = unit.name;
  }
  // A person's quota follows the first author's phone, whoever sends the entry (R3): checked complete above.
  const quotaKey = entry.unit_id !== null ? entry.quota_key : personQuotaKey(draft);
  const at = now.toISOString();
  const code = await deps.db.transaction().execute(async (trx) => {
    // Taking the entry first serializes a double submission on its row; the file must be the one checked above.
    const taken = await trx
      .updateTable('entries')
      // Each submission opens a fresh review round.
      .set((eb) => ({
        status: 'submitted',
        submitted_at: at,
        updated_at: at,
        quota_key: quotaKey,
        review_status: 'pending',
        review_round: eb('review_round', '+', 1),
        fix_deadline: null,
        licence_version: CURRENT_LICENCE.version,
      }))
      .where('id', '=', entryId)
      .where('status', '=', 'draft')
      .where('accepted_upload_id', '=', upload.id)
      .executeTakeFirst();
    if (changedRows(taken) !== 1) throw new AppError('entry.locked');
    // A returned entry kept its place while being fixed; it keeps it unless the fix moved it to another quota.
    const held = await trx
      .selectFrom('entry_slots')
      .select(['quota_key', 'slot'])
      .where('entry_id', '=', entryId)
      .executeTakeFirst();
    if (held && held.quota_key !== quotaKey)
      await trx.deleteFrom('entry_slots').where('entry_id', '=', entryId).execute();
    const slot =
      held && held.quota_key === quotaKey ? held.slot : await claimSlot(trx, contest.id, quotaKey, max, entryId);
    if (slot === null)
      throw new AppError(entry.unit_id !== null ? 'entry.unitQuotaFull' : 'entry.personQuotaFull', {
        unit: unitName,
        max,
      });
    const code = entry.code ?? (await nextCode(trx, contest));
    await trx.updateTable('entries').set({ code }).where('id', '=', entryId).execute();
    await recordEntryEvent(trx, entryId, at, actor.userId, 'submitted', {
      code,
      slot,
      inGrace,
      ...(resubmission ? { resubmission: true } : {}),
    });
    if (entry.is_intake)
      await appendAudit(trx, deps, actor, {
        action: 'entry.intakeSubmit',
        contestId: contest.id,
        target: `entry:${entryId}`,
        details: { code },
      });
    return code;
  });

  const verdict = decodeVerdict(upload.verdict_json);
  const receipt: Receipt = {
    entryId,
    code,
    contestName: contest.settings.name,
    title: draft.title,
    submittedAt: at,
    submittedAtLocal: formatDateTime(at, tz),
    timeZone: tz,
    fileName: cleanFileName(upload.filename),
    fileSizeBytes: upload.size_bytes,
    sha256: upload.sha256,
    checksPassed: verdict?.passed ?? [],
    inGrace,
    licence: CURRENT_LICENCE,
  };
  const owner =
    entry.owner_user_id === null
      ? null
      : await deps.db
          .selectFrom('users')
          .select(['email', 'locale'])
          .where('id', '=', entry.owner_user_id)
          .executeTakeFirst();
  if (owner?.email) {
    // The mail error may name the recipient: log its code only.
    await sendReceipt(deps, owner.email, owner.locale, receipt).catch((err: { code?: string }) =>
      deps.logger.warn({ code: err?.code ?? 'unknown', entryId }, 'receipt e-mail not sent'),
    );
  }
  return receipt;
}
