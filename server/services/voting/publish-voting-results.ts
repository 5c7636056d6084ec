import { AppError } from '@core/errors.ts';
import { problem } from '@core/voting/messages.ts';
import { publishProblem } from '@core/voting/publication.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { takeVoteLogHead } from './append-vote-log.ts';
import { getVotingResults } from './get-voting-results.ts';
import { votingError } from './voting-errors.ts';
import { loadVotingContest } from './voting-contest.ts';

/**
 * The organizer publishes the public vote's result as final: after voting closed, with no vote held for review and
 * the most-voted entries decided. The result is frozen with the log head it was computed from (under the log's lock,
 * so no review decision slips in between), after which votes can no longer change status. Audited.
 */
export async function publishVotingResults(
  deps: Deps,
  actor: Actor,
  slug: string,
): Promise<{ publishedAt: string; logSeq: number }> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'contest.edit');
  if (!v.window) throw votingError({ code: 'vote.unscheduled', params: {} }, v.timeZone);
  const window = v.window;
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const head = await takeVoteLogHead(trx, deps.dialect, {
      id: v.contest.id,
      slug,
      rule: v.settings.rule,
      timeZone: v.timeZone,
      startsAt: window.startsAt,
      endsAt: window.endsAt,
    });
    const results = await getVotingResults({ ...deps, db: trx }, slug);
    const refusal = publishProblem({
      votingEndsAt: window.endsAt,
      now,
      publishedAt: results.published?.at ?? null,
      quarantined: results.totals.quarantined,
      outcome: results.mostVoted ?? { kind: 'noVotes' },
    });
    // The fanpage's tie, when its figures decide the prize, needs the committee too before anything is final.
    const deciding = results.prize?.outcome;
    const fanpageRefusal =
      deciding?.kind === 'committeeNeeded'
        ? problem('results.committeeNeeded', { entries: deciding.tied.join(', ') })
        : null;
    if (refusal ?? fanpageRefusal) throw votingError((refusal ?? fanpageRefusal)!, v.timeZone);
    if (!results.visible) throw new AppError('internal');
    const publishedAt = now.toISOString();
    const { published: _p, ...snapshot } = results;
    await trx
      .insertInto('voting_results')
      .values({
        contest_id: v.contest.id,
        published_at: publishedAt,
        published_by: actor.userId,
        snapshot_json: JSON.stringify({ ...snapshot, logSeq: head.seq, logHash: head.hash }),
        log_seq: head.seq,
        log_hash: head.hash,
      })
      .execute();
    await appendAudit(trx, deps, actor, {
      action: 'voting.publishResults',
      contestId: v.contest.id,
      target: `contest:${v.contest.id}`,
      details: { mostVoted: results.mostVoted, totals: results.totals, logSeq: head.seq, logHash: head.hash },
    });
    return { publishedAt, logSeq: head.seq };
  });
}
