import { AppError } from '@core/errors.ts';
import { formatVoteInstant } from '@core/voting/vote-day.ts';
import { talliesVisible } from '@core/voting/vote-window.ts';
import type { Deps } from '../../context.ts';
import { loadVotingContest } from './voting-contest.ts';

/**
 * The contest's pseudonymous vote log in its file format (core/voting/vote-log.ts), for anyone to check with
 * `npm run votes:verify FILE`. Given when the tallies are (it reveals them), in pages of lines so memory stays flat.
 */
export async function openVoteLog(deps: Deps, slug: string): Promise<AsyncGenerator<string>> {
  const v = await loadVotingContest(deps.db, { slug });
  if (!talliesVisible(v.settings.tallies, v.contest.phases, deps.clock())) {
    const end = v.window ? new Date(v.window.endsAt) : null;
    const at = (lang: 'vi' | 'en') => (end ? formatVoteInstant(end, v.timeZone, lang) : '—');
    throw new AppError('voting.resultsAtEnd', { end: { vi: at('vi'), en: at('en') } });
  }
  return lines(deps, v.contest.id);
}

async function* lines(deps: Deps, contestId: number): AsyncGenerator<string> {
  const head = await deps.db
    .selectFrom('vote_log_heads')
    .select(['header_line', 'seq'])
    .where('contest_id', '=', contestId)
    .executeTakeFirst();
  if (!head) return;
  yield `${head.header_line}\n`;
  const PAGE = 5000;
  for (let from = 1; from <= head.seq; from += PAGE) {
    const rows = await deps.db
      .selectFrom('vote_log')
      .select('line')
      .where('contest_id', '=', contestId)
      .where('seq', '>=', from)
      .where('seq', '<', Math.min(from + PAGE, head.seq + 1))
      .orderBy('seq')
      .execute();
    yield rows.map((r) => `${r.line}\n`).join('');
  }
}
