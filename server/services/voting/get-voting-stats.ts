import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { loadVotingContest } from './voting-contest.ts';

type Counts = { counted: number; quarantined: number; invalidated: number };

export interface VotingStats {
  timeZone: string;
  /** Votes cast per hour (the hour's start, ISO), by their status now, oldest first; hours without votes left out. */
  perHour: ({ hour: string } & Counts)[];
  /** Votes per entry by status, most counted first. */
  perEntry: ({ code: string } & Counts)[];
  totals: Counts;
}

const HOUR = 3_600_000;

/** The staff's charts of the vote: per hour and per entry, with what was held for review or invalidated. */
export async function getVotingStats(deps: Deps, actor: Actor, slug: string): Promise<VotingStats> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'votes.view');
  const rows = await deps.db
    .selectFrom('votes')
    .innerJoin('entries', 'entries.id', 'votes.entry_id')
    .select(['votes.cast_at', 'votes.status', 'votes.entry_id', 'entries.code'])
    .where('votes.contest_id', '=', v.contest.id)
    .execute();
  const zero = (): Counts => ({ counted: 0, quarantined: 0, invalidated: 0 });
  const hours = new Map<number, Counts>();
  const entries = new Map<string, Counts>();
  const totals = zero();
  for (const r of rows) {
    // Whole-hour buckets in UTC are whole hours in Asia/Ho_Chi_Minh (and any zone with a whole-hour offset).
    const h = Math.floor(Date.parse(r.cast_at) / HOUR) * HOUR;
    let hc = hours.get(h);
    if (!hc) hours.set(h, (hc = zero()));
    const code = r.code ?? `#${r.entry_id}`;
    let ec = entries.get(code);
    if (!ec) entries.set(code, (ec = zero()));
    hc[r.status]++;
    ec[r.status]++;
    totals[r.status]++;
  }
  return {
    timeZone: v.timeZone,
    perHour: [...hours.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([h, c]) => ({ hour: new Date(h).toISOString(), ...c })),
    perEntry: [...entries.entries()]
      .map(([code, c]) => ({ code, ...c }))
      .sort((a, b) => b.counted - a.counted || a.code.localeCompare(b.code)),
    totals,
  };
}
