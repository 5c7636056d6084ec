import { AppError } from '@core/errors.ts';
import { changedRows } from '../../db/dialect.ts';
import { checkPrefix } from '../../storage/storage.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { requireSiteAdmin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { removeEntryMedia } from '../media/remove-entry-media.ts';
import { invalidateGallery } from '../publication/gallery-cache.ts';
import { findContestRow } from './load-contest.ts';

/** What removing the demo takes with it, as the confirmation names it and the audit record keeps it. */
export interface DemoContents {
  slug: string;
  name: string;
  units: number;
  rosterMembers: number;
  roles: number;
  entries: number;
  uploads: number;
  newsPosts: number;
}

async function demoRow(deps: Deps, actor: Actor, slug: string) {
  requireSiteAdmin(actor);
  const row = await findContestRow(deps.db, { slug });
  if (!row.is_demo) throw new AppError('contest.notDemo');
  return row;
}

async function countIn(
  deps: Deps,
  table: 'units' | 'roster_members' | 'contest_roles' | 'entries' | 'news_posts',
  id: number,
) {
  const r = await deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contest_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function contentsOf(deps: Deps, row: { id: number; slug: string; name: string }): Promise<DemoContents> {
  const uploads = await deps.db
    .selectFrom('uploads')
    .innerJoin('entries', 'entries.id', 'uploads.entry_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entries.contest_id', '=', row.id)
    .executeTakeFirstOrThrow();
  return {
    slug: row.slug,
    name: row.name,
    units: await countIn(deps, 'units', row.id),
    rosterMembers: await countIn(deps, 'roster_members', row.id),
    roles: await countIn(deps, 'contest_roles', row.id),
    entries: await countIn(deps, 'entries', row.id),
    uploads: Number(uploads.n),
    newsPosts: await countIn(deps, 'news_posts', row.id),
  };
}

/** What deleting the demo contest would remove. Refused for a real contest. */
export async function previewDemoDeletion(deps: Deps, actor: Actor, slug: string): Promise<DemoContents> {
  return contentsOf(deps, await demoRow(deps, actor, slug));
}

/**
 * A site administrator removes the demo contest with all its data: its rows go in one transaction (every table that
 * belongs to a contest cascades from it), audited with what was removed; then its media files, through the storage
 * and the upload directory as for a deleted entry. Only the demo: a real contest is archived, never deleted.
 */
export async function deleteDemoContest(deps: Deps, actor: Actor, slug: string): Promise<DemoContents> {
  const row = await demoRow(deps, actor, slug);
  const contents = await contentsOf(deps, row);
  const uploads = await deps.db
    .selectFrom('uploads')
    .innerJoin('entries', 'entries.id', 'uploads.entry_id')
    .select(['uploads.id', 'uploads.entry_id'])
    .where('entries.contest_id', '=', row.id)
    .execute();
  const entries = await deps.db.selectFrom('entries').select('id').where('contest_id', '=', row.id).execute();
  await deps.db.transaction().execute(async (trx) => {
    const done = await trx
      .deleteFrom('contests')
      .where('id', '=', row.id)
      .where('is_demo', '=', true)
      .executeTakeFirst();
    if (changedRows(done) !== 1) throw new AppError('contest.notFound');
    await appendAudit(trx, deps, actor, {
      action: 'contest.deleteDemo',
      contestId: row.id,
      target: `contest:${row.id}`,
      details: { ...contents },
    });
  });
  // Its published entries leave the public gallery and share pages now, not when the cache expires.
  invalidateGallery(deps, row.id);
  let failures = 0;
  for (const e of entries) {
    const removed = await removeEntryMedia(
      deps,
      row.id,
      e.id,
      uploads.filter((u) => u.entry_id === e.id).map((u) => u.id),
    );
    failures += removed.failures;
  }
  try {
    await deps.storage.deletePrefix(checkPrefix(`contests/${row.id}/`));
  } catch (err) {
    failures++;
    deps.logger.error({ err, contestId: row.id }, 'could not remove the media of the deleted demo contest');
  }
  deps.logger.info({ contestId: row.id, ...contents, failures }, 'demo contest deleted');
  return contents;
}
