/**
 * The stream checks of core/voting/integrity.ts over a contest's votes, in log order: bursts per entry, address and
 * /24 (only when one-sided: volume on a shared address alone is never a reason, ADR 0021), many identities on one
 * device, machine-regular timing, waves of stockpiled identities, disposable mailboxes. A vote found suspect — or an
 * earlier one a pattern now shows to be part of it — moves from counted to quarantined with the reasons, each as a
 * status line of the public log. Votes staff have already reviewed are left as they decided.
 *
 * The monitor's state lives in the thread that runs the checks (integrity-checks.ts), keyed by contest, with the
 * number of the last vote it read. A thread that finds the stored cursor elsewhere (it restarted, or another worker
 * ran) replays the votes up to the cursor without acting, then goes on. Each run's changes and the cursor move are
 * one transaction under the log's head lock; a run that finds the cursor moved meanwhile changes nothing.
 */
import { IntegrityMonitor, type VoteEvent } from '@core/voting/integrity.ts';
import type { ReasonCode } from '@core/voting/reasons.ts';
import type { LogRecord } from '@core/voting/vote-log.ts';
import type { Deps } from '../../context.ts';
import type { Tx } from '../../db/dialect.ts';
import { decodeVoteReasons } from '../../db/json-columns.ts';
import { appendVoteLog, takeVoteLogHead } from './append-vote-log.ts';
import { loadVotingContest } from './voting-contest.ts';

interface Running {
  monitor: IntegrityMonitor;
  lastSeq: number;
  /** Votes per voter read so far (the monitor's `priorVotes`). */
  votesOf: Map<number, number>;
}

/** What the checks use: they run on the main thread, or on their own thread with its own connection (ADR 0066). */
export type CheckDeps = Pick<Deps, 'db' | 'dialect' | 'clock'>;

const running = new WeakMap<CheckDeps, Map<number, Running>>();
/**
 * Votes read and judged at a time, each batch's holds with the cursor in one transaction. After each batch a pass
 * rests as long as the batch took, so that it uses at most half of a core while the votes it reads keep arriving
 * (ADR 0064, 0066). At 5,000 a batch back to back on the main thread, a batch took up to half a second of the thread
 * that answers the voters; on their own thread, passes back to back still doubled the votes' p99 on two cores.
 */
const BATCH = 100;
const restAfter = (since: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(1, performance.now() - since)));

interface VoteRow {
  id: number;
  seq: number;
  voter_id: number;
  entry_id: number;
  cast_at: string;
  status: 'counted' | 'quarantined' | 'invalidated';
  reasons_json: string;
  ip: string | null;
  network: string | null;
  device_id: string | null;
  verified_at: string;
  kind: 'phone' | 'email';
  email_domain: string | null;
  pseudonym: string;
  code: string | null;
}

async function votesAfter(
  db: Tx,
  contestId: number,
  after: number,
  upTo: number | null,
  batch: number,
): Promise<VoteRow[]> {
  let q = db
    .selectFrom('votes')
    .innerJoin('voters', 'voters.id', 'votes.voter_id')
    .innerJoin('entries', 'entries.id', 'votes.entry_id')
    .select([
      'votes.id',
      'votes.seq',
      'votes.voter_id',
      'votes.entry_id',
      'votes.cast_at',
      'votes.status',
      'votes.reasons_json',
      'votes.ip',
      'votes.network',
      'votes.device_id',
      'voters.verified_at',
      'voters.kind',
      'voters.email_domain',
      'voters.pseudonym',
      'entries.code',
    ])
    .where('votes.contest_id', '=', contestId)
    .where('votes.seq', '>', after);
  if (upTo !== null) q = q.where('votes.seq', '<=', upTo);
  return q.orderBy('votes.seq').limit(batch).execute() as Promise<VoteRow[]>;
}

function eventOf(r: VoteRow, prior: number): VoteEvent {
  return {
    id: r.id,
    at: Date.parse(r.cast_at),
    entry: String(r.entry_id),
    voter: String(r.voter_id),
    verifiedAt: Date.parse(r.verified_at),
    identityKind: r.kind,
    emailDomain: r.email_domain,
    address: r.ip ?? `vote:${r.id}`,
    network: r.network ?? `vote:${r.id}`,
    device: r.device_id,
    priorVotes: prior,
  };
}

function feed(state: Running, r: VoteRow) {
  const prior = state.votesOf.get(r.voter_id) ?? 0;
  state.votesOf.set(r.voter_id, prior + 1);
  state.lastSeq = r.seq;
  return state.monitor.assess(eventOf(r, prior));
}

/** Reads the contest's new votes through the checks; returns how many votes it read and how many it quarantined. */
export async function runIntegrityChecks(
  deps: CheckDeps,
  contestId: number,
  { batch = BATCH }: { batch?: number } = {},
): Promise<{ read: number; quarantined: number }> {
  const v = await loadVotingContest(deps.db, { id: contestId });
  if (!v.window) return { read: 0, quarantined: 0 };
  const window = v.window;
  let byContest = running.get(deps);
  if (!byContest) running.set(deps, (byContest = new Map()));
  const cursor =
    (
      await deps.db
        .selectFrom('vote_integrity_cursor')
        .select('last_seq')
        .where('contest_id', '=', contestId)
        .executeTakeFirst()
    )?.last_seq ?? 0;
  let state = byContest.get(contestId);
  if (!state || state.lastSeq !== cursor) {
    state = {
      monitor: new IntegrityMonitor(v.settings.integrity, v.timeZone, v.settings.disposableDomains),
      lastSeq: 0,
      votesOf: new Map(),
    };
    byContest.set(contestId, state);
    // Replay what was already judged, acting on nothing.
    for (;;) {
      const started = performance.now();
      const rows = await votesAfter(deps.db, contestId, state.lastSeq, cursor, batch);
      for (const r of rows) {
        feed(state, r);
        // Staff counted a wave member: as the live run would have been told.
        if (r.status === 'counted' && decodeVoteReasons(r.reasons_json).includes('staff_counted'))
          state.monitor.clearCohort(String(r.voter_id));
      }
      if (rows.length < batch) break;
      await restAfter(started);
    }
    state.lastSeq = cursor;
  }

  let read = 0;
  let quarantined = 0;
  // The cursor as stored: it moves with a batch's holds, or once at the end of the pass when nothing was held (a
  // commit per batch would wait for its sync to disk each time).
  const live = state;
  const contests = byContest;
  let stored = live.lastSeq;
  const store = async (held: Map<number, ReasonCode[]>): Promise<boolean> => {
    const applied = await applyHolds(deps, v, window, contestId, stored, live.lastSeq, held);
    if (applied === null) {
      // Another process moved the cursor: start again from what it stored.
      contests.delete(contestId);
      return false;
    }
    stored = live.lastSeq;
    quarantined += applied;
    return true;
  };
  // A pass ends at the log's head as it started: votes arriving meanwhile wait for the next one, so that a pass that
  // rests between batches ends even while votes arrive faster than it reads them.
  const end =
    (await deps.db.selectFrom('vote_log_heads').select('seq').where('contest_id', '=', contestId).executeTakeFirst())
      ?.seq ?? 0;
  for (;;) {
    const started = performance.now();
    const rows = await votesAfter(deps.db, contestId, state.lastSeq, end, batch);
    if (rows.length === 0) break;
    const held = new Map<number, ReasonCode[]>();
    for (const r of rows) {
      const a = feed(state, r);
      if (a.verdict.status === 'quarantined') held.set(r.id, a.verdict.reasons);
      for (const l of a.later) held.set(l.id, l.reasons);
    }
    read += rows.length;
    if (held.size && !(await store(held))) return { read, quarantined };
    if (rows.length < batch) break;
    await restAfter(started);
  }
  if (stored !== state.lastSeq) await store(new Map());
  return { read, quarantined };
}

async function applyHolds(
  deps: CheckDeps,
  v: Awaited<ReturnType<typeof loadVotingContest>>,
  window: { startsAt: string; endsAt: string },
  contestId: number,
  from: number,
  to: number,
  held: Map<number, ReasonCode[]>,
): Promise<number | null> {
  return deps.db.transaction().execute(async (trx) => {
    const head = await takeVoteLogHead(trx, deps.dialect, {
      id: contestId,
      slug: v.contest.slug,
      rule: v.settings.rule,
      timeZone: v.timeZone,
      startsAt: window.startsAt,
      endsAt: window.endsAt,
    });
    const stored = await trx
      .selectFrom('vote_integrity_cursor')
      .select('last_seq')
      .where('contest_id', '=', contestId)
      .executeTakeFirst();
    if ((stored?.last_seq ?? 0) !== from) return null;
    const ids = [...held.keys()];
    const rows = ids.length
      ? await trx
          .selectFrom('votes')
          .innerJoin('voters', 'voters.id', 'votes.voter_id')
          .innerJoin('entries', 'entries.id', 'votes.entry_id')
          .select(['votes.id', 'votes.seq', 'votes.status', 'votes.reasons_json', 'votes.entry_id'])
          .select(['voters.pseudonym', 'entries.code'])
          .where('votes.id', 'in', ids)
          .orderBy('votes.seq')
          .execute()
      : [];
    const records: LogRecord[] = [];
    // Never before the log's last line: a thread's clock runs apart from the one that stamped the votes.
    const now = deps.clock().toISOString();
    const at = now > head.lastAt ? now : head.lastAt;
    let seq = head.seq;
    for (const r of rows) {
      const had = decodeVoteReasons(r.reasons_json);
      // Only votes still counted by the checks' own account: a staff decision stands.
      if (r.status !== 'counted' || had.includes('staff_counted')) continue;
      const reasons = [...new Set([...(had as ReasonCode[]), ...held.get(r.id)!])];
      await trx
        .updateTable('votes')
        .set({ status: 'quarantined', reasons_json: JSON.stringify(reasons) })
        .where('id', '=', r.id)
        .execute();
      records.push({
        seq: ++seq,
        at,
        type: 'status',
        vote: r.seq,
        entry: r.code ?? `#${r.entry_id}`,
        voter: r.pseudonym,
        status: 'quarantined',
        reasons,
      });
    }
    await appendVoteLog(trx, head, records);
    await trx
      .insertInto('vote_integrity_cursor')
      .values({ contest_id: contestId, last_seq: to })
      .onConflict((oc) => oc.column('contest_id').doUpdateSet({ last_seq: to }))
      .execute();
    return records.length;
  });
}

/** Forgets this process's monitors, as a restart does: the next run replays the votes up to the stored cursor. */
export function forgetIntegrityState(deps: CheckDeps): void {
  running.delete(deps);
}

/** The contests with votes the checks have not read. */
export async function contestsWithUnreadVotes(deps: Pick<Deps, 'db'>): Promise<number[]> {
  const contests = await deps.db
    .selectFrom('vote_log_heads')
    .leftJoin('vote_integrity_cursor', 'vote_integrity_cursor.contest_id', 'vote_log_heads.contest_id')
    .select(['vote_log_heads.contest_id'])
    .where((eb) =>
      eb.or([
        eb('vote_integrity_cursor.last_seq', 'is', null),
        eb('vote_integrity_cursor.last_seq', '<', eb.ref('vote_log_heads.seq')),
      ]),
    )
    .execute();
  return contests.map((c) => c.contest_id);
}

/** Runs the checks for each contest given, one after the other; returns how many votes they quarantined. */
export async function runIntegrityChecksOf(deps: CheckDeps, contests: number[]): Promise<number> {
  let quarantined = 0;
  for (const id of contests) quarantined += (await runIntegrityChecks(deps, id)).quarantined;
  return quarantined;
}
