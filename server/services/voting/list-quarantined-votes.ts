import { reasonText } from '@core/voting/reasons.ts';
import { authorize } from '../access/authorize.ts';
import { decodeVoteReasons } from '../../db/json-columns.ts';
import type { Actor, Deps } from '../../context.ts';
import { loadVotingContest } from './voting-contest.ts';

export interface QuarantinedVote {
  id: number;
  entryId: number;
  entryCode: string;
  castAt: string;
  voter: string;
  /** The /24 or /64 the vote came from (never the address itself). */
  network: string | null;
  reasons: { code: string; vi: string; en: string }[];
}

/** Votes awaiting review, oldest first, with their reasons, for staff who count or invalidate them (`votes.review`). */
export async function listQuarantinedVotes(deps: Deps, actor: Actor, slug: string): Promise<QuarantinedVote[]> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'votes.review', { auditDenied: false });
  const rows = await deps.db
    .selectFrom('votes')
    .innerJoin('entries', 'entries.id', 'votes.entry_id')
    .innerJoin('voters', 'voters.id', 'votes.voter_id')
    .select(['votes.id', 'votes.entry_id', 'entries.code', 'votes.cast_at', 'voters.pseudonym', 'votes.network'])
    .select('votes.reasons_json')
    .where('votes.contest_id', '=', v.contest.id)
    .where('votes.status', '=', 'quarantined')
    .orderBy('votes.seq')
    .limit(5000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    entryId: r.entry_id,
    entryCode: r.code ?? `#${r.entry_id}`,
    castAt: r.cast_at,
    voter: r.pseudonym,
    network: r.network,
    reasons: decodeVoteReasons(r.reasons_json).map((code) => ({
      code,
      vi: reasonText(code, 'vi'),
      en: reasonText(code, 'en'),
    })),
  }));
}
