import { AppError } from '@core/errors.ts';
import { planStaffDecision, type StaffDecision } from '@core/voting/vote-status.ts';
import type { LogRecord } from '@core/voting/vote-log.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendVoteLog, takeVoteLogHead } from './append-vote-log.ts';
import { votingError } from './voting-errors.ts';
import { loadVotingContest } from './voting-contest.ts';

/**
 * Staff count or invalidate quarantined votes in a batch, all or nothing (`planStaffDecision`): each change is a
 * status line of the public log, and the batch one audit record with the staff's note, in one transaction.
 */
export async function decideQuarantinedVotes(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: { voteIds: number[]; decision: StaffDecision; note: string },
): Promise<{ changed: number }> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'votes.review');
  if (!v.window) throw votingError({ code: 'vote.unscheduled', params: {} }, v.timeZone);
  const window = v.window;
  const ids = [...new Set(input.voteIds)];
  const now = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const head = await takeVoteLogHead(trx, deps.dialect, {
      id: v.contest.id,
      slug,
      rule: v.settings.rule,
      timeZone: v.timeZone,
      startsAt: window.startsAt,
      endsAt: window.endsAt,
    });
    // Published results are final (the publication holds the same lock, so this read is current).
    const published = await trx
      .selectFrom('voting_results')
      .select('contest_id')
      .where('contest_id', '=', v.contest.id)
      .executeTakeFirst();
    if (published) throw votingError({ code: 'quarantine.resultsFinal', params: {} }, v.timeZone);
    const votes = await trx
      .selectFrom('votes')
      .innerJoin('entries', 'entries.id', 'votes.entry_id')
      .innerJoin('voters', 'voters.id', 'votes.voter_id')
      .select(['votes.id', 'votes.seq', 'votes.status', 'votes.entry_id', 'entries.code', 'voters.pseudonym'])
      .where('votes.contest_id', '=', v.contest.id)
      .where('votes.id', 'in', ids)
      .orderBy('votes.seq')
      .execute();
    if (votes.length !== ids.length) throw new AppError('notFound');
    // Only quarantined votes are reviewed here (a list gone stale refuses the whole batch).
    const notQuarantined = votes.filter((x) => x.status !== 'quarantined').length;
    if (notQuarantined > 0)
      throw votingError({ code: 'quarantine.notAllowed', params: { count: notQuarantined } }, v.timeZone);
    const plan = planStaffDecision(
      votes.map((x) => ({ id: x.id, status: x.status })),
      input.decision,
      input.note,
      false,
    );
    if (!plan.ok) throw votingError(plan.problem, v.timeZone);
    const bySeq = new Map(votes.map((x) => [x.id, x]));
    const records: LogRecord[] = [];
    let seq = head.seq;
    for (const change of plan.changes) {
      const vote = bySeq.get(change.voteId)!;
      await trx
        .updateTable('votes')
        .set({ status: change.to, reasons_json: JSON.stringify(change.reasons) })
        .where('id', '=', change.voteId)
        .execute();
      records.push({
        seq: ++seq,
        at: now,
        type: 'status',
        vote: vote.seq,
        entry: vote.code ?? `#${vote.entry_id}`,
        voter: vote.pseudonym,
        status: change.to,
        reasons: change.reasons,
      });
    }
    await appendVoteLog(trx, head, records);
    await appendAudit(trx, deps, actor, {
      action: 'votes.decide',
      contestId: v.contest.id,
      target: `contest:${v.contest.id}`,
      details: {
        to: input.decision.to,
        reason: input.decision.to === 'invalidated' ? input.decision.reason : null,
        note: input.note.normalize('NFC'),
        votes: votes.map((x) => x.seq),
      },
    });
    return { changed: records.length };
  });
}
