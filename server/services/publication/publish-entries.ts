/**
 * R11, R16: the publisher (or the organizer) publishes approved entries in the public gallery, one or all at once,
 * each with a caption that credits its authors by name and unit (core/caption.ts). Entries not approved, or whose
 * streaming copy is not ready, are skipped and named in the answer; publishing again refreshes the caption.
 */
import { hashtagOf, publicCaption, publicCredits } from '@core/caption.ts';
import { AppError } from '@core/errors.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { invalidateGallery } from './gallery-cache.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { notifyEntrant } from '../../notify/notify-entrant.ts';
import { publicationMessage } from '@core/publication-messages.ts';
import { decodeDraft } from '../../db/json-columns.ts';

export type SkipReason = 'notApproved' | 'notReady' | 'alreadyPublished';
export interface PublishResult {
  published: number[];
  skipped: { entryId: number; code: string | null; reason: SkipReason }[];
}

/** The public page of a published entry (also what share links point at). */
export function publicEntryUrl(deps: Pick<Deps, 'config'>, slug: string, entryId: number): string {
  return `${deps.config.publicUrl}/c/${encodeURIComponent(slug)}/e/${entryId}`;
}

function contestHashtag(contest: { hashtag: string | null; slug: string }): string {
  return contest.hashtag ?? hashtagOf(contest.slug.replace(/-/g, ' '));
}

/** `entryIds`: those to publish; null: every approved entry not yet in the gallery. `caption` overrides one entry's. */
export async function publishEntries(
  deps: Deps,
  actor: Actor,
  slug: string,
  req: { entryIds: number[] | null; caption?: string },
): Promise<PublishResult> {
  const contest = await findContestRow(deps.db, { slug });
  const contestId = contest.id;
  await authorize(deps, actor, contestId, 'entries.publish');
  if (req.caption !== undefined && req.entryIds?.length !== 1) throw new AppError('publish.captionForOne');
  const caption = req.caption?.normalize('NFC').trim();
  if (caption !== undefined && (caption.length < 3 || caption.length > 3000))
    throw new AppError('publish.captionLength');

  let q = deps.db
    .selectFrom('entries')
    .leftJoin('units', 'units.id', 'entries.unit_id')
    .leftJoin('renditions', 'renditions.upload_id', 'entries.accepted_upload_id')
    .leftJoin('publications', 'publications.entry_id', 'entries.id')
    .select([
      'entries.id',
      'entries.code',
      'entries.status',
      'entries.review_status',
      'entries.draft_json',
      'entries.owner_user_id',
      'units.name as unit_name',
      'renditions.status as renditions_status',
      'publications.entry_id as pub_entry',
      'publications.unpublished_at',
    ])
    .where('entries.contest_id', '=', contestId);
  if (req.entryIds) {
    if (!req.entryIds.length) return { published: [], skipped: [] };
    q = q.where('entries.id', 'in', req.entryIds);
  } else {
    q = q.where('entries.review_status', '=', 'approved');
  }
  const rows = await q.orderBy('entries.id').execute();
  if (req.entryIds && rows.length !== new Set(req.entryIds).size) throw new AppError('entry.notFound');

  const result: PublishResult = { published: [], skipped: [] };
  const now = deps.clock().toISOString();
  const hashtag = contestHashtag(contest);
  const toNotify: { entryId: number; code: string; title: string }[] = [];
  await deps.db.transaction().execute(async (trx) => {
    for (const r of rows) {
      const entryId = r.id;
      const live = r.pub_entry !== null && r.unpublished_at === null;
      if (r.status !== 'submitted' || r.review_status !== 'approved')
        result.skipped.push({ entryId, code: r.code, reason: 'notApproved' });
      else if (r.renditions_status !== 'done') result.skipped.push({ entryId, code: r.code, reason: 'notReady' });
      else if (live && !req.entryIds) result.skipped.push({ entryId, code: r.code, reason: 'alreadyPublished' });
      else {
        const draft = decodeDraft(r.draft_json);
        const text =
          caption ??
          publicCaption({
            title: draft.title,
            form: draft.form,
            credits: publicCredits(draft, r.unit_name ?? null),
            hashtag,
            contestName: contest.name,
          });
        if (r.pub_entry === null) {
          await trx
            .insertInto('publications')
            .values({
              entry_id: entryId,
              contest_id: contestId,
              caption: text,
              published_at: now,
              published_by: actor.userId ?? null,
            })
            .execute();
        } else {
          await trx
            .updateTable('publications')
            .set({
              caption: text,
              ...(live ? {} : { published_at: now, published_by: actor.userId ?? null }),
              unpublished_at: null,
              unpublished_by: null,
              unpublish_reason: null,
            })
            .where('entry_id', '=', entryId)
            .execute();
        }
        result.published.push(entryId);
        if (!live) toNotify.push({ entryId, code: r.code ?? String(entryId), title: draft.title });
      }
    }
    if (result.published.length) {
      await appendAudit(trx, deps, actor, {
        action: 'entry.publish',
        contestId,
        target: result.published.length === 1 ? `entry:${result.published[0]}` : null,
        details: { entries: result.published, captionEdited: caption !== undefined },
      });
    }
  });
  invalidateGallery(deps, contestId);
  for (const n of toNotify) {
    const msg = publicationMessage({
      event: 'published',
      contestName: contest.name,
      entryCode: n.code,
      title: n.title,
      reason: '',
      url: publicEntryUrl(deps, contest.slug, n.entryId),
    });
    await notifyEntrant(deps, n.entryId, msg).catch((err: unknown) =>
      deps.logger.warn({ err, entryId: n.entryId }, 'could not notify the entrant of the publication'),
    );
  }
  return result;
}
