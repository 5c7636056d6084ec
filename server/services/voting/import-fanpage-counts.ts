import { parseFanpageCsv } from '@core/voting/fanpage-csv.ts';
import { problem } from '@core/voting/messages.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { galleryEntries } from './fanpage-rows.ts';
import { upsertFanpageFigures } from './record-fanpage-count.ts';
import { votingError } from './voting-errors.ts';
import { loadVotingContest } from './voting-contest.ts';

/**
 * Imports the fanpage's figures from a CSV file (core/voting/fanpage-csv.ts), all or nothing: any bad row and nothing
 * is written, every bad row listed in `details.rows`. Changed rows lose their confirmation; one audit record.
 * Screenshots are attached per entry afterwards.
 */
export async function importFanpageCounts(
  deps: Deps,
  actor: Actor,
  slug: string,
  file: Buffer | string,
): Promise<{ rows: number; changed: number }> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'fanpage.record');
  const gallery = await galleryEntries(deps.db, v.contest.id);
  const text = (Buffer.isBuffer(file) ? file.toString('utf8') : String(file)).replace(/^\uFEFF/, '');
  const parsed = parseFanpageCsv(
    text,
    gallery.map((g) => g.code),
  );
  if (!parsed.ok)
    throw votingError(problem('fanpage.csvRowErrors', { count: parsed.errors.length }), v.timeZone, {
      rows: parsed.errors,
    });
  const ids = new Map(gallery.map((g) => [g.code, g.id]));
  const now = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const changes: { entry: string; before: unknown; after: unknown }[] = [];
    for (const r of parsed.rows) {
      const after = { postUrl: r.postUrl, reactions: r.reactions, shares: r.shares, comments: r.comments };
      const { before, changed } = await upsertFanpageFigures(
        trx,
        v.contest.id,
        ids.get(r.entry)!,
        after,
        actor.userId!,
        now,
      );
      if (changed) changes.push({ entry: r.entry, before, after });
    }
    await appendAudit(trx, deps, actor, {
      action: 'fanpage.import',
      contestId: v.contest.id,
      target: `contest:${v.contest.id}`,
      details: { rows: parsed.rows.length, changed: changes },
    });
    return { rows: parsed.rows.length, changed: changes.length };
  });
}
