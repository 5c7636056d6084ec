import { AppError } from '@core/errors.ts';
import { formatVoteInstant } from '@core/voting/vote-day.ts';
import { talliesVisible } from '@core/voting/vote-window.ts';
import type { Deps } from '../../context.ts';
import { loadVotingContest } from './voting-contest.ts';

export interface VoteDigest {
  day: string;
  seq: number;
  hash: string;
}

/** The published daily digests of the contest's vote log, oldest first; given when the log itself is. */
export async function listVoteDigests(deps: Deps, slug: string): Promise<VoteDigest[]> {
  const v = await loadVotingContest(deps.db, { slug });
  if (!talliesVisible(v.settings.tallies, v.contest.phases, deps.clock())) {
    const end = v.window ? new Date(v.window.endsAt) : null;
    const at = (lang: 'vi' | 'en') => (end ? formatVoteInstant(end, v.timeZone, lang) : '—');
    throw new AppError('voting.resultsAtEnd', { end: { vi: at('vi'), en: at('en') } });
  }
  return deps.db
    .selectFrom('vote_digests')
    .select(['day', 'seq', 'hash'])
    .where('contest_id', '=', v.contest.id)
    .orderBy('day')
    .execute();
}

/** The digests as the text file `npm run votes:verify FILE --digests DIGESTS` reads: `day<TAB>seq<TAB>hash`. */
export function digestsText(digests: readonly VoteDigest[]): string {
  return digests.map((d) => `${d.day}\t${d.seq}\t${d.hash}\n`).join('');
}
