import { isFacebookPostUrl } from '@core/voting/fanpage.ts';
import { problem } from '@core/voting/messages.ts';
import { AppError } from '@core/errors.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import type { Tx } from '../../db/dialect.ts';
import { galleryEntries } from './fanpage-rows.ts';
import { votingError } from './voting-errors.ts';
import { loadVotingContest } from './voting-contest.ts';

export interface FanpageFigures {
  postUrl: string;
  reactions: number;
  shares: number;
  comments: number;
}

/**
 * Writes one entry's figures (new or changed) as `editor`; a change clears the row's confirmation, since the figures
 * the confirmer saw are no longer these. Returns the figures before, null when there were none; nothing is written
 * when they are the same.
 */
export async function upsertFanpageFigures(
  trx: Tx,
  contestId: number,
  entryId: number,
  figures: FanpageFigures,
  editor: number,
  now: string,
): Promise<{ before: FanpageFigures | null; changed: boolean }> {
  const prior = await trx
    .selectFrom('fanpage_counts')
    .select(['post_url', 'reactions', 'shares', 'comments'])
    .where('contest_id', '=', contestId)
    .where('entry_id', '=', entryId)
    .executeTakeFirst();
  const before = prior
    ? {
        postUrl: prior.post_url,
        reactions: Number(prior.reactions),
        shares: Number(prior.shares),
        comments: Number(prior.comments),
      }
    : null;
  const same =
    before &&
    before.postUrl === figures.postUrl &&
    before.reactions === figures.reactions &&
    before.shares === figures.shares &&
    before.comments === figures.comments;
  if (same) return { before, changed: false };
  const values = {
    post_url: figures.postUrl,
    reactions: figures.reactions,
    shares: figures.shares,
    comments: figures.comments,
    edited_by: editor,
    edited_at: now,
    confirmed_by: null,
    confirmed_at: null,
  };
  await trx
    .insertInto('fanpage_counts')
    .values({ contest_id: contestId, entry_id: entryId, ...values })
    .onConflict((oc) => oc.columns(['contest_id', 'entry_id']).doUpdateSet(values))
    .execute();
  return { before, changed: true };
}

/** Staff enter or correct one published entry's fanpage figures at the close; audited with before and after. */
export async function recordFanpageCount(
  deps: Deps,
  actor: Actor,
  slug: string,
  entryId: number,
  input: FanpageFigures,
): Promise<{ changed: boolean }> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'fanpage.record');
  const postUrl = input.postUrl.trim();
  if (!isFacebookPostUrl(postUrl)) throw votingError(problem('fanpage.postUrlInvalid'), v.timeZone);
  const gallery = await galleryEntries(deps.db, v.contest.id);
  const entry = gallery.find((g) => g.id === entryId);
  if (!entry) {
    const exists = await deps.db
      .selectFrom('entries')
      .select('id')
      .where('id', '=', entryId)
      .where('contest_id', '=', v.contest.id)
      .executeTakeFirst();
    if (!exists) throw new AppError('entry.notFound');
    throw votingError(problem('fanpage.notInGallery'), v.timeZone);
  }
  const figures = { ...input, postUrl };
  const now = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const { before, changed } = await upsertFanpageFigures(trx, v.contest.id, entryId, figures, actor.userId!, now);
    if (changed) {
      await appendAudit(trx, deps, actor, {
        action: 'fanpage.record',
        contestId: v.contest.id,
        target: `entry:${entryId}`,
        details: { entry: entry.code, before, after: figures },
      });
    }
    return { changed };
  });
}
