import type { EntryDraft } from '@core/entry.ts';
import { AppError } from '@core/errors.ts';
import { recordEntryConsent } from '../privacy/record-entry-consent.ts';
import { foldVietnamese } from '@core/normalize.ts';
import type { EntryRow } from '../../db/schema.ts';
import { draftEditRefusal } from '../access/edit-window.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize, requireLogin } from '../access/authorize.ts';
import { checkStaffExclusion } from './check-staff-exclusion.ts';
import type { Actor, Deps } from '../../context.ts';
import { entryAccess } from '../access/entry-access.ts';
import { loadContest } from '../contests/load-contest.ts';
import { recordEntryEvent } from './record-entry-event.ts';
import { resolveParty } from './resolve-party.ts';

/**
 * Creates a draft entry, or saves changes to one. Drafts may be incomplete; they can be started any time until the
 * submission deadline. With `intake`, the secretariat registers an entry received by e-mail or in person (R13).
 */
export async function saveEntryDraft(
  deps: Deps,
  actor: Actor,
  slug: string,
  draft: EntryDraft,
  opts: { entryId?: number; intake?: boolean } = {},
): Promise<{ id: number }> {
  requireLogin(actor);
  const contest = await loadContest(deps.db, { slug });
  const now = deps.clock();
  let intake = opts.intake ?? false;
  let existing: EntryRow | null = null;
  if (opts.entryId !== undefined) {
    const access = await entryAccess(deps, actor, opts.entryId, 'write');
    if (access.entry.contest_id !== contest.id) throw new AppError('entry.notFound');
    if (access.entry.status !== 'draft') throw new AppError('entry.locked');
    intake = access.entry.is_intake;
    existing = access.entry;
  } else if (intake) {
    await authorize(deps, actor, contest.id, 'entries.intake');
  }
  // A returned entry stays editable until its fix deadline, even after submissions closed.
  const refusal = draftEditRefusal(contest, existing, now);
  if (refusal) throw refusal;
  if (opts.entryId === undefined && !intake) {
    const { n } = await deps.db
      .selectFrom('entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('contest_id', '=', contest.id)
      .where('owner_user_id', '=', actor.userId)
      .where('status', '=', 'draft')
      .executeTakeFirstOrThrow();
    // Enough for any honest entrant (the quota is 2), and a bound on the disk one account can claim with uploads.
    if (n >= deps.config.maxDraftsPerEntrant)
      throw new AppError('entry.tooManyDrafts', { max: deps.config.maxDraftsPerEntrant });
  }
  const party = await resolveParty(deps.db, actor, contest.id, draft, { intake });
  await checkStaffExclusion(deps.db, contest.id, intake ? null : actor.userId, draft);
  const at = now.toISOString();
  const values = {
    party_kind: party.partyKind,
    unit_id: party.unitId,
    quota_key: party.quotaKey,
    draft_json: JSON.stringify(draft),
    title_folded: foldVietnamese(draft.title),
    consent_at: draft.consentGiven ? at : null,
    updated_at: at,
  };
  return deps.db.transaction().execute(async (trx) => {
    let id: number;
    if (opts.entryId === undefined) {
      const row = await trx
        .insertInto('entries')
        .values({
          ...values,
          contest_id: contest.id,
          owner_user_id: intake ? null : actor.userId,
          status: 'draft',
          is_intake: intake,
          intake_by_user_id: intake ? actor.userId : null,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
      await recordEntryEvent(trx, id, at, actor.userId, intake ? 'intake.created' : 'created');
      if (intake)
        await appendAudit(trx, deps, actor, {
          action: 'entry.intake',
          contestId: contest.id,
          target: `entry:${id}`,
          details: { party: party.partyKind, unitId: party.unitId },
        });
    } else {
      id = opts.entryId;
      await trx.updateTable('entries').set(values).where('id', '=', id).where('status', '=', 'draft').execute();
      if (intake)
        await appendAudit(trx, deps, actor, {
          action: 'entry.intakeEdit',
          contestId: contest.id,
          target: `entry:${id}`,
        });
    }
    await recordEntryConsent(trx, id, intake ? null : actor.userId, draft.consentGiven, at);
    return { id };
  });
}
