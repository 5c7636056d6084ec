/**
 * Staff carry out a person's request to erase their data (docs/decisions/0042), in one transaction:
 * - the account keeps only its id (the audit log and scores refer to it): name, e-mail and phone go, the password
 *   can never match, sessions, reset links, codes, roles and notifications are deleted, consents are marked
 *   withdrawn;
 * - each entry they own loses its authors' addresses, phones and e-mails; one that did not win also loses the
 *   authors' names and its video files, is taken out of the gallery and, if still in the running, withdrawn; a
 *   winner keeps the names and unit on the results and certificates, as the plan needs, and the person is told so.
 * Then the person is told by e-mail, at the address that is no longer stored.
 */
import { AppError } from '@core/errors.ts';
import { eraseDraft } from '@core/privacy-erasure.ts';
import { requireSiteAdmin } from '../access/authorize.ts';
import { clearAccountFailures } from '../accounts/login-throttle.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { removeEntryMedia } from '../media/remove-entry-media.ts';
import { invalidateGallery } from '../publication/gallery-cache.ts';
import { unpublishInTx } from '../publication/unpublish-entry.ts';
import { changedRows } from '../../db/dialect.ts';
import { decodeDraft, type ErasureOutcome } from '../../db/json-columns.ts';
import { hashPassword } from '../../security/passwords.ts';
import { randomToken } from '../../security/tokens.ts';
import type { Actor, Deps } from '../../context.ts';
import { resultsAnnouncedAt, winningEntryIds } from './contest-outcome.ts';
import { recordEntryEvent } from '../entries/record-entry-event.ts';
import { tellErasureOutcome } from './tell-erasure-outcome.ts';

const ERASED_ACCOUNT_NAME = 'Người dùng đã xóa';
const TAKEDOWN_REASON = 'Tác giả yêu cầu xóa dữ liệu cá nhân / The author asked for their personal data to be erased';

export async function carryOutErasure(deps: Deps, actor: Actor, requestId: number): Promise<ErasureOutcome> {
  requireSiteAdmin(actor);
  const req = await deps.db.selectFrom('erasure_requests').selectAll().where('id', '=', requestId).executeTakeFirst();
  if (!req) throw new AppError('privacy.erasureNotFound');
  if (req.status !== 'pending') throw new AppError('privacy.erasureHandled');
  const user = await deps.db.selectFrom('users').selectAll().where('id', '=', req.user_id).executeTakeFirstOrThrow();
  if (user.is_site_admin) throw new AppError('privacy.erasureSiteAdmin');
  const entries = await deps.db
    .selectFrom('entries')
    .leftJoin('publications', 'publications.entry_id', 'entries.id')
    .select([
      'entries.id',
      'entries.contest_id',
      'entries.code',
      'entries.status',
      'entries.draft_json',
      'publications.published_at',
      'publications.unpublished_at',
    ])
    .where('entries.owner_user_id', '=', user.id)
    .execute();
  const contestIds = [...new Set(entries.map((e) => e.contest_id))];
  const winners = await winningEntryIds(deps.db, contestIds);
  // Once results are announced the ranking is a record: a non-winner is erased but not withdrawn from it.
  const decided = new Set<number>();
  for (const id of contestIds) if (await resultsAnnouncedAt(deps.db, id)) decided.add(id);
  const erased = entries.filter((e) => !winners.has(e.id));
  const uploads = erased.length
    ? await deps.db
        .selectFrom('uploads')
        .select(['id', 'entry_id'])
        .where(
          'entry_id',
          'in',
          erased.map((e) => e.id),
        )
        .execute()
    : [];
  const now = deps.clock().toISOString();
  const unusable = await hashPassword(randomToken());

  const outcome = await deps.db.transaction().execute(async (trx) => {
    const out: ErasureOutcome = {
      keptWinners: [],
      entriesErased: erased.length,
      fieldsCleared: 0,
      withdrawn: 0,
      takenDown: 0,
      mediaRemoved: 0,
      sessionsEnded: 0,
      rolesRemoved: 0,
      notificationsDeleted: 0,
    };
    const claimed = await trx
      .updateTable('erasure_requests')
      .set({ status: 'done', handled_by_user_id: actor.userId, handled_at: now })
      .where('id', '=', requestId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (changedRows(claimed) !== 1) throw new AppError('privacy.erasureHandled');

    for (const e of entries) {
      const winner = winners.has(e.id);
      const draft = decodeDraft(e.draft_json);
      const r = eraseDraft(draft, winner ? 'keepNames' : 'all');
      out.fieldsCleared += r.cleared;
      if (winner) out.keptWinners.push({ id: e.id, code: e.code, title: draft.title });
      const running = !winner && e.status === 'submitted' && !decided.has(e.contest_id);
      await trx
        .updateTable('entries')
        .set({
          draft_json: JSON.stringify(r.draft),
          updated_at: now,
          ...(running
            ? { status: 'draft', submitted_at: null, withdrawn_at: now, review_status: null, fix_deadline: null }
            : {}),
        })
        .where('id', '=', e.id)
        .execute();
      if (running) {
        await trx.deleteFrom('entry_slots').where('entry_id', '=', e.id).execute();
        await recordEntryEvent(trx, e.id, now, actor.userId, 'withdrawn', { code: e.code, via: 'erasure' });
        out.withdrawn++;
      }
      if (!winner && e.published_at && !e.unpublished_at) {
        await unpublishInTx(trx, deps, actor, e.id, TAKEDOWN_REASON, 'erasure');
        out.takenDown++;
      }
      if (!winner) await trx.updateTable('publications').set({ caption: '' }).where('entry_id', '=', e.id).execute();
    }

    out.sessionsEnded = Number(
      (await trx.deleteFrom('sessions').where('user_id', '=', user.id).executeTakeFirst()).numDeletedRows,
    );
    out.rolesRemoved = Number(
      (await trx.deleteFrom('contest_roles').where('user_id', '=', user.id).executeTakeFirst()).numDeletedRows,
    );
    out.notificationsDeleted = Number(
      (await trx.deleteFrom('notifications').where('user_id', '=', user.id).executeTakeFirst()).numDeletedRows,
    );
    await trx.deleteFrom('password_resets').where('user_id', '=', user.id).execute();
    const addresses = [user.email, user.phone].filter((v): v is string => !!v);
    await trx
      .deleteFrom('address_codes')
      .where((eb) => eb.or([eb('user_id', '=', user.id), ...(addresses.length ? [eb('target', 'in', addresses)] : [])]))
      .execute();
    await clearAccountFailures(trx, user);
    await trx.updateTable('entry_reports').set({ contact: '' }).where('reporter_user_id', '=', user.id).execute();
    await trx
      .updateTable('consents')
      .set({ withdrawn_at: now })
      .where('user_id', '=', user.id)
      .where('withdrawn_at', 'is', null)
      .execute();
    await trx
      .updateTable('users')
      .set({
        full_name: ERASED_ACCOUNT_NAME,
        // An account needs an e-mail or a phone: a reserved, undeliverable address that names no one.
        email: `erased-${user.id}@erased.invalid`,
        phone: null,
        password_hash: unusable,
        updated_at: now,
      })
      .where('id', '=', user.id)
      .execute();
    out.mediaRemoved = uploads.length;
    await trx
      .updateTable('erasure_requests')
      .set({ outcome_json: JSON.stringify(out), note: '' })
      .where('id', '=', requestId)
      .execute();
    await appendAudit(trx, deps, actor, {
      action: 'privacy.erasureCarryOut',
      contestId: null,
      target: `user:${user.id}`,
      details: {
        request: requestId,
        entriesErased: out.entriesErased,
        winnersKept: out.keptWinners.map((w) => w.id),
        fieldsCleared: out.fieldsCleared,
      },
    });
    return out;
  });

  for (const e of erased) {
    await removeEntryMedia(
      deps,
      e.contest_id,
      e.id,
      uploads.filter((u) => u.entry_id === e.id).map((u) => u.id),
    );
    invalidateGallery(deps, e.contest_id);
  }
  await tellErasureOutcome(
    deps,
    { email: user.email, locale: user.locale },
    { kind: 'done', keptWinners: outcome.keptWinners, entriesErased: outcome.entriesErased },
  );
  return outcome;
}
