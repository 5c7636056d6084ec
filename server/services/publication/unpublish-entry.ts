/** Takes an entry out of the public gallery with a reason that its author is told (publisher, organizer), audited. */
import { AppError } from '@core/errors.ts';
import { publicationMessage } from '@core/publication-messages.ts';
import { notifyEntrant } from '../../notify/notify-entrant.ts';
import { changedRows, type Tx } from '../../db/dialect.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { invalidateGallery } from './gallery-cache.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { decodeDraft } from '../../db/json-columns.ts';

/** Inside the caller's transaction (a report's outcome uses it too); returns the contest and entry for the notice. */
export async function unpublishInTx(
  trx: Tx,
  deps: Deps,
  actor: Actor,
  entryId: number,
  reason: string,
  via: string,
): Promise<void> {
  const done = await trx
    .updateTable('publications')
    .set({ unpublished_at: deps.clock().toISOString(), unpublished_by: actor.userId ?? null, unpublish_reason: reason })
    .where('entry_id', '=', entryId)
    .where('unpublished_at', 'is', null)
    .executeTakeFirst();
  if (changedRows(done) !== 1) throw new AppError('publish.notPublished');
  const row = await trx
    .selectFrom('publications')
    .select('contest_id')
    .where('entry_id', '=', entryId)
    .executeTakeFirstOrThrow();
  await appendAudit(trx, deps, actor, {
    action: 'entry.unpublish',
    contestId: row.contest_id,
    target: `entry:${entryId}`,
    details: { reason, via },
  });
}

export async function tellUnpublished(deps: Deps, entryId: number, reason: string): Promise<void> {
  const e = await deps.db
    .selectFrom('entries')
    .innerJoin('contests', 'contests.id', 'entries.contest_id')
    .select(['entries.code', 'entries.draft_json', 'contests.name'])
    .where('entries.id', '=', entryId)
    .executeTakeFirst();
  if (!e) return;
  const msg = publicationMessage({
    event: 'unpublished',
    contestName: e.name,
    entryCode: e.code ?? String(entryId),
    title: decodeDraft(e.draft_json).title,
    reason,
    url: `${deps.config.publicUrl}/entries/${entryId}`,
  });
  await notifyEntrant(deps, entryId, msg).catch((err: unknown) =>
    deps.logger.warn({ err, entryId }, 'could not notify the entrant of the unpublication'),
  );
}

export async function unpublishEntry(
  deps: Deps,
  actor: Actor,
  slug: string,
  entryId: number,
  reasonIn: string,
): Promise<void> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'entries.publish');
  const reason = reasonIn.normalize('NFC').trim();
  if (reason.length < 5) throw new AppError('publish.reasonRequired');
  const pub = await deps.db
    .selectFrom('publications')
    .select('contest_id')
    .where('entry_id', '=', entryId)
    .executeTakeFirst();
  if (!pub || pub.contest_id !== contest.id) throw new AppError('entry.notFound');
  await deps.db.transaction().execute((trx) => unpublishInTx(trx, deps, actor, entryId, reason, 'publisher'));
  invalidateGallery(deps, contest.id);
  await tellUnpublished(deps, entryId, reason);
}
