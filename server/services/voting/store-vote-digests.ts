import { voteDay } from '@core/voting/vote-day.ts';
import { genesisHash } from '@core/voting/vote-log.ts';
import { startOfLocalDay } from '@core/time.ts';
import { ANONYMOUS, type Deps } from '../../context.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { sha256Hex } from '../../security/tokens.ts';
import { loadVotingContest } from './voting-contest.ts';

/**
 * Stores the vote log's head at the end of each finished contest day of the voting window (the day in the contest's
 * time zone): the daily digest published on the results, and written to the audit log, so that a log rewritten after
 * that day no longer matches what anyone could note. A day without records carries the head before it (seq 0 and the
 * header's hash before the first vote). Nothing is stored before the log exists. Returns how many days were stored.
 */
export async function storeVoteDigests(deps: Deps, contestId: number): Promise<number> {
  const v = await loadVotingContest(deps.db, { id: contestId });
  if (!v.window) return 0;
  const head = await deps.db
    .selectFrom('vote_log_heads')
    .select('header_line')
    .where('contest_id', '=', contestId)
    .executeTakeFirst();
  if (!head) return 0;
  const tz = v.timeZone;
  const today = startOfLocalDay(deps.clock(), tz);
  const end = Math.min(Date.parse(v.window.endsAt), today.getTime());
  const stored = new Set(
    (await deps.db.selectFrom('vote_digests').select('day').where('contest_id', '=', contestId).execute()).map(
      (d) => d.day,
    ),
  );
  let n = 0;
  for (let d = startOfLocalDay(new Date(v.window.startsAt), tz); d.getTime() < end;) {
    const next = startOfLocalDay(d, tz, 1);
    const day = voteDay(d, tz);
    // Only whole days: the window's last day is stored once it has ended.
    if (!stored.has(day) && next.getTime() <= today.getTime()) {
      const last = await deps.db
        .selectFrom('vote_log')
        .select(['seq', 'hash'])
        .where('contest_id', '=', contestId)
        .where('at', '<', next.toISOString())
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const digest = last ?? { seq: 0, hash: genesisHash(head.header_line, sha256Hex) };
      await deps.db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('vote_digests')
          .values({
            contest_id: contestId,
            day,
            seq: digest.seq,
            hash: digest.hash,
            stored_at: deps.clock().toISOString(),
          })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
          await appendAudit(trx, deps, ANONYMOUS, {
            action: 'votes.digest',
            contestId,
            target: `contest:${contestId}`,
            details: { day, seq: digest.seq, hash: digest.hash },
          });
          n++;
        }
      });
    }
    d = next;
  }
  return n;
}

/** Stores the finished days' digests of every contest that has a vote log. */
export async function storeAllVoteDigests(deps: Deps): Promise<number> {
  const contests = await deps.db.selectFrom('vote_log_heads').select('contest_id').execute();
  let n = 0;
  for (const c of contests) n += await storeVoteDigests(deps, c.contest_id);
  return n;
}
