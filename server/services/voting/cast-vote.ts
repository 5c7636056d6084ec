/**
 * A verified voter votes for a published entry while voting is open. The rule is held by the database: the vote's
 * unique keys (`voteKeys`) make a second vote in the same scope and day fail however many requests race, and the
 * loser is told when their next vote opens. What needs no database is checked first (the window, the cookies, the
 * proof of work's signatures); then the vote joins its contest's next group commit (vote-batcher.ts, ADR 0043), on
 * SQLite in the vote thread (vote-thread.ts, ADR 0061), which runs `submitCast` on its own connection. A
 * batch reads at once, under the contest's log head, what all of its votes need: the contest's version, the voters'
 * sessions, the entries' publication, the voters' and devices' earlier votes, and it spends all their challenges in
 * one statement. Each vote is then decided in order in memory; the batch inserts the kept ones in one statement,
 * gives back the challenges of the refused ones, appends the log's lines and commits (SQLite synchronous FULL,
 * PostgreSQL commit) before any answer. So a batch costs the same dozen statements however many votes it holds
 * (ADR 0056), and a revoked session, a withdrawn entry or a changed contest is seen by the very next batch.
 *
 * Signals checked here are the ones about the voter and the device, never volume on an address (a carrier's NAT puts
 * hundreds of honest people behind one): a disposable mailbox, and too many identities on one device in a day, which
 * quarantines that device's votes of the day with the reason.
 */
import { AppError } from '@core/errors.ts';
import { isDisposableDomain } from '@core/voting/email.ts';
import { problem } from '@core/voting/messages.ts';
import { canonicalIp, networkOf } from '@core/voting/network.ts';
import type { ReasonCode } from '@core/voting/reasons.ts';
import { decodeVoteReasons } from '../../db/json-columns.ts';
import { formatVoteInstant, nextVoteOpensAt } from '@core/voting/vote-day.ts';
import { freeSlot, ruleProblem, slotOfKey, voteKeys } from '@core/voting/vote-key.ts';
import type { LogRecord } from '@core/voting/vote-log.ts';
import { entryVotableProblem, voteWindowProblem } from '@core/voting/vote-window.ts';
import { startOfLocalDay } from '@core/time.ts';
import type { Deps } from '../../context.ts';
import { checkChallenge, type ChallengeCheck } from '../../security/altcha.ts';
import type { DialectName, Tx } from '../../db/dialect.ts';
import * as postgresJson from 'kysely/helpers/postgres';
import * as sqliteJson from 'kysely/helpers/sqlite';
import { sql, type ExpressionBuilder, type Insertable } from 'kysely';
import type { DB, VotesTable } from '../../db/schema.ts';
import { sha256Hex } from '../../security/tokens.ts';
import type { LogContest } from './append-vote-log.ts';
import { voteBatcher, type BatchLog } from './vote-batcher.ts';
import { ContestChanged, type CastAttempt } from './cast-attempt.ts';
import { voteThreadOf, VoteThreadStopped } from './vote-thread.ts';
import { challengeError, votingError } from './voting-errors.ts';
import { voterHash } from './voter-keys.ts';
import { plausibleToken, sessionHolds } from './voter-session.ts';
import {
  currentVotingContest,
  keptVotingContest,
  loadVotingContest,
  type KeptVotingContest,
} from './voting-contest.ts';

export interface CastVoteInput {
  entryId: number;
  altcha?: string;
  session: string | undefined;
  device: string | undefined;
  ip: string;
}

export interface VoteCast {
  status: 'counted' | 'quarantined';
  castAt: string;
  /** When this voter may vote again; null under a fixed total or on the last day. */
  nextVoteOpensAt: string | null;
  message: { vi: string; en: string };
}

interface SessionRow {
  token_hash: string;
  id: number;
  kind: 'phone' | 'email';
  pseudonym: string;
  email_domain: string | null;
  device_id: string;
  expires_at: string;
}
interface EntryRow {
  id: number;
  code: string | null;
  published_at: string | null;
  unpublished_at: string | null;
}
interface PastVote {
  entry_id: number;
  cast_at: string;
  rule_key: string;
  entry_key: string | null;
}
type VoteRow = Insertable<VotesTable> & { status: 'counted' | 'quarantined'; reasons_json: string };
/** What a vote's signals read of the device's other votes of the day. */
const DEVICE_VOTE_COLUMNS = ['id', 'seq', 'voter_id', 'entry_id', 'status', 'reasons_json', 'cast_at'] as const;
interface DeviceVote {
  /** Null while the vote waits for this batch's insert (`pending`). */
  id: number | null;
  seq: number;
  voter_id: number;
  entry_id: number;
  status: string;
  reasons_json: string;
  cast_at: string;
  pending?: VoteRow;
}
/** What one attempt brings to its batch's reads. */
interface Hint {
  tokenHash: string;
  deviceHash: string;
  entryId: number;
  /** The signature of its checked challenge, spent by the batch; null when the check failed. */
  challenge: { signature: string; expiresAt: string } | null;
}
/** What a batch's votes read at once, under the contest's log head, and what they leave to its one insert. */
interface Batch {
  version: number | undefined;
  sessions: Map<string, SessionRow>;
  entries: Map<number, EntryRow>;
  past: Map<number, PastVote[]>;
  device: Map<string, DeviceVote[]>;
  /** By device: its votes read are those cast from this instant on (earlier once the clock went back). */
  readFrom: Map<string, string>;
  /** Challenges this batch spent and no kept vote has taken yet, with their expiry; what is left is given back. */
  fresh: Map<string, string>;
  rows: VoteRow[];
}

/**
 * Rows read as a JSON array, decoded (PostgreSQL returns it parsed, SQLite as text), their instants written as the
 * rest of the code reads them: PostgreSQL's JSON writes a timestamptz as `…+00:00`, and without its fraction when it
 * is zero, which would not compare as text with the ISO instants (`….000Z`).
 */
function rowsOf<T>(value: unknown, instants: readonly (keyof T & string)[]): T[] {
  const rows = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as Record<string, unknown>[];
  for (const r of rows) for (const k of instants) if (typeof r[k] === 'string') r[k] = new Date(r[k]).toISOString();
  return rows as T[];
}

/**
 * The voters with a session on one of the devices: the only ones whose votes can come from them, since a session holds
 * only on the device that verified it (`sessionHolds`). Votes are found by device through them (ADR 0062): an index of
 * votes by device, a random key, cost each vote a page or more of the write-ahead log.
 */
function votersOnDevices(devices: string[]) {
  return (eb: ExpressionBuilder<DB, 'votes'>) =>
    eb.selectFrom('voter_sessions').select('voter_id').where('voter_sessions.device_id', 'in', devices);
}

/**
 * What a batch reads: one statement (a round trip to PostgreSQL waits for the busy event loop's next turn, so each one
 * saved shortens every answer), which on PostgreSQL also spends the batch's challenges (a data-modifying CTE).
 */
function loadBatch(dialect: DialectName, contestId: number, since: () => string) {
  const { jsonArrayFrom } = dialect === 'postgres' ? postgresJson : sqliteJson;
  return async (trx: Tx, hints: Hint[]): Promise<Batch> => {
    const tokens = [...new Set(hints.map((h) => h.tokenHash))];
    const entryIds = [...new Set(hints.map((h) => h.entryId))];
    const devices = [...new Set(hints.map((h) => h.deviceHash))];
    const from = since();
    const challenges = new Map<string, string>();
    for (const h of hints) if (h.challenge) challenges.set(h.challenge.signature, h.challenge.expiresAt);
    // In one order, so that two batches of different contests spending the same challenges cannot deadlock.
    const spending = [...challenges]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([signature, expires_at]) => ({ signature, expires_at }));
    // PostgreSQL spends them in the same statement as the reads; SQLite, whose statements cost no round trip, after.
    const spendHere = dialect === 'postgres' && spending.length > 0;
    const db = (
      spendHere
        ? trx.with('spent', (w) =>
            w
              .insertInto('altcha_spent')
              .values(spending)
              .onConflict((oc) => oc.columns(['expires_at', 'signature']).doNothing())
              .returning('signature'),
          )
        : trx
    ) as Tx;
    const read = await db
      .selectNoFrom((eb) => [
        eb.selectFrom('contests').select('version').where('id', '=', contestId).as('version'),
        jsonArrayFrom(
          eb
            .selectFrom('voter_sessions as s')
            .innerJoin('voters as v', 'v.id', 's.voter_id')
            .select(['s.token_hash', 'v.id', 'v.contest_id', 'v.kind', 'v.pseudonym', 'v.email_domain'])
            .select(['s.device_id', 's.expires_at'])
            // The contest is checked below: as a condition here, it led SQLite's planner to scan the contest's
            // voters rather than look up each session by its key.
            .where('s.token_hash', 'in', tokens),
        ).as('sessions'),
        jsonArrayFrom(
          eb
            .selectFrom('entries')
            .leftJoin('publications', 'publications.entry_id', 'entries.id')
            .select(['entries.id', 'entries.code', 'publications.published_at', 'publications.unpublished_at'])
            .where('entries.id', 'in', entryIds)
            .where('entries.contest_id', '=', contestId),
        ).as('entries'),
        jsonArrayFrom(
          eb
            .selectFrom('votes')
            .select(['voter_id', 'entry_id', 'cast_at', 'rule_key', 'entry_key'])
            .where('contest_id', '=', contestId)
            .where('voter_id', 'in', (sub) =>
              sub.selectFrom('voter_sessions').select('voter_id').where('token_hash', 'in', tokens),
            ),
        ).as('past'),
        jsonArrayFrom(
          eb
            .selectFrom('votes')
            .select([...DEVICE_VOTE_COLUMNS, 'device_id'])
            .where('contest_id', '=', contestId)
            .where('voter_id', 'in', votersOnDevices(devices))
            .where('device_id', 'in', devices)
            .where('cast_at', '>=', from),
        ).as('device'),
        (spendHere ? sql<string[] | null>`(select array_agg(signature) from spent)` : sql<null>`null`).as('spent'),
      ])
      .executeTakeFirstOrThrow();
    const fresh = new Map<string, string>((read.spent ?? []).map((s) => [s, challenges.get(s)!]));
    if (spending.length > 0 && !spendHere)
      for (const r of await trx
        .insertInto('altcha_spent')
        .values(spending)
        .onConflict((oc) => oc.columns(['expires_at', 'signature']).doNothing())
        .returning('signature')
        .execute())
        fresh.set(r.signature, challenges.get(r.signature)!);

    const sessions = new Map(
      rowsOf<SessionRow & { contest_id: number }>(read.sessions, ['expires_at'])
        .filter((r) => r.contest_id === contestId)
        .map((r) => [r.token_hash, r]),
    );
    const entries = new Map(rowsOf<EntryRow>(read.entries, ['published_at', 'unpublished_at']).map((r) => [r.id, r]));
    const past = new Map<number, PastVote[]>([...sessions.values()].map((r) => [r.id, []]));
    for (const r of rowsOf<PastVote & { voter_id: number }>(read.past, ['cast_at'])) past.get(r.voter_id)?.push(r);
    const device = new Map<string, DeviceVote[]>(devices.map((d) => [d, []]));
    for (const r of rowsOf<DeviceVote & { device_id: string }>(read.device, ['cast_at']))
      device.get(r.device_id)!.push(r);
    return {
      version: read.version ?? undefined,
      sessions,
      entries,
      past,
      device,
      readFrom: new Map(devices.map((d) => [d, from])),
      fresh,
      rows: [],
    };
  };
}

async function flushBatch(trx: Tx, shared: unknown): Promise<void> {
  const batch = shared as Batch;
  // No conflict is possible: every vote of the contest is written under its log head, and the rule was decided from
  // the voters' votes read under it. Were one to happen, the whole batch fails and no one is told a vote was kept.
  if (batch.rows.length > 0) await trx.insertInto('votes').values(batch.rows).execute();
  if (batch.fresh.size > 0)
    await trx
      .deleteFrom('altcha_spent')
      .where((eb) =>
        eb.or(
          [...batch.fresh].map(([signature, expiresAt]) =>
            eb.and([eb('expires_at', '=', expiresAt), eb('signature', '=', signature)]),
          ),
        ),
      )
      .execute();
}

export async function castVote(deps: Deps, slug: string, input: CastVoteInput): Promise<VoteCast> {
  // The contest as this process last read it, checked against its version by the batch; read again when it changed.
  const kept = keptVotingContest(deps, slug);
  if (kept) {
    try {
      return await castIn(deps, slug, kept, input, true);
    } catch (e) {
      if (!(e instanceof ContestChanged)) throw e;
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await castIn(deps, slug, await currentVotingContest(deps, slug), input, false);
    } catch (e) {
      // Changed again between its read and the batch, three times over: the voter is asked to send again.
      if (!(e instanceof ContestChanged) || attempt === 3) throw e;
    }
  }
}

async function castIn(
  deps: Deps,
  slug: string,
  v: KeptVotingContest,
  input: CastVoteInput,
  fromKept: boolean,
): Promise<VoteCast> {
  const tz = v.timeZone;
  const windowProblem = voteWindowProblem(v.contest.phases, deps.clock());
  if (windowProblem || !v.window) {
    // A refusal by a kept copy is said only once the contest as it is now agrees (the window may just have moved).
    if (fromKept) throw new ContestChanged();
    throw votingError(windowProblem ?? problem('vote.unscheduled'), tz);
  }
  const window = v.window;

  const token = input.session;
  if (!plausibleToken(token) || !input.device) throw votingError(problem('vote.verifyFirst'), tz);
  const deviceHash = voterHash(deps, `device:${input.device}`);
  const checked: ChallengeCheck = await checkChallenge(deps, input.altcha);

  const ip = canonicalIp(input.ip) ?? input.ip;
  const attempt: CastAttempt = {
    slug,
    version: v.version,
    entryId: input.entryId,
    tokenHash: sha256Hex(token),
    deviceHash,
    checked,
    ip,
    network: networkOf(ip) ?? ip,
    checkedAt: deps.clock().toISOString(),
  };
  const thread = voteThreadOf(deps);
  const { status, now } = thread
    ? await thread.cast(attempt).catch((e: unknown) => {
        if (e instanceof VoteThreadStopped) return submitCast(deps, v, attempt, deps.clock);
        throw e;
      })
    : await submitCast(deps, v, attempt, deps.clock);
  const next = nextVoteOpensAt(v.settings.rule, now, tz, window.endsAt);
  return {
    status,
    castAt: now.toISOString(),
    nextVoteOpensAt: next?.toISOString() ?? null,
    message: { vi: castMessage('vi', status, next, tz), en: castMessage('en', status, next, tz) },
  };
}

function castMessage(lang: 'vi' | 'en', status: VoteCast['status'], next: Date | null, tz: string): string {
  const done = lang === 'vi' ? 'Đã ghi nhận lượt bình chọn của bạn.' : 'Your vote has been recorded.';
  const review =
    status === 'quarantined'
      ? lang === 'vi'
        ? ' Lượt này đang được Ban Tổ chức xem xét trước khi tính.'
        : ' The organizers will review it before it counts.'
      : '';
  const after = next
    ? lang === 'vi'
      ? ` Lượt bình chọn tiếp theo của bạn mở lúc ${formatVoteInstant(next, tz, lang)}.`
      : ` Your next vote opens at ${formatVoteInstant(next, tz, lang)}.`
    : '';
  return (done + review + after).normalize('NFC');
}

async function entryCodes(trx: Tx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await trx.selectFrom('entries').select(['id', 'code']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.code ?? `#${r.id}`]));
}

async function voterPseudonyms(trx: Tx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await trx.selectFrom('voters').select(['id', 'pseudonym']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.pseudonym]));
}

/**
 * Joins the vote to its contest's next batch, with the contest as checked (`v`), and settles after that batch's
 * commit. `clock` gives the vote's instant, taken under the log's head (never before its last line).
 */
export function submitCast(
  deps: Pick<Deps, 'db' | 'dialect'>,
  v: KeptVotingContest,
  a: CastAttempt,
  clock: () => Date,
): Promise<{ status: 'counted' | 'quarantined'; now: Date }> {
  const tz = v.timeZone;
  const window = v.window!;
  const contestId = v.contest.id;
  const rule = v.settings.rule;
  const { deviceHash, checked, ip, network } = a;
  // The log's header, if this vote is the contest's first: from the contest as it is under the lock, not this copy.
  const header = {
    id: contestId,
    header: async (trx: Tx): Promise<LogContest> => {
      const now = await loadVotingContest(trx, { id: contestId }).catch((e: unknown) => {
        if (e instanceof AppError) return null;
        throw e;
      });
      if (!now?.window) throw new ContestChanged();
      const { contest, settings, timeZone, window: w } = now;
      return {
        id: contestId,
        slug: contest.slug,
        rule: settings.rule,
        timeZone,
        startsAt: w.startsAt,
        endsAt: w.endsAt,
      };
    },
  };
  const hint: Hint = {
    tokenHash: a.tokenHash,
    deviceHash,
    entryId: a.entryId,
    challenge: checked.ok ? { signature: checked.signature, expiresAt: checked.expiresAt } : null,
  };

  // Every refusal below happens before any write (the batch gives back an unused challenge): no savepoint.
  const write = async (trx: Tx, log: BatchLog, shared: unknown) => {
    const batch = shared as Batch;
    if (batch.version !== v.version) throw new ContestChanged();
    // The instant is taken under the head, never before the log's last line, so the log's times never go back.
    const at = clock();
    const now = log.lastAt && at.toISOString() < log.lastAt ? new Date(log.lastAt) : at;

    const session = batch.sessions.get(hint.tokenHash);
    if (!session || !sessionHolds(session, deviceHash, now)) throw votingError(problem('vote.verifyFirst'), tz);
    const entry = batch.entries.get(a.entryId);
    if (!entry) throw new AppError('entry.notFound');
    const entryProblem = entryVotableProblem(
      !entry.published_at ? 'unpublished' : entry.unpublished_at ? 'withdrawn' : 'published',
    );
    if (entryProblem) throw votingError(entryProblem, tz);
    if (!checked.ok) throw challengeError(checked.reason);
    const lateProblem = voteWindowProblem(v.contest.phases, now);
    if (lateProblem) throw votingError(lateProblem, tz);

    const castAt = now.toISOString();
    const voterId = session.id;
    const past = batch.past.get(voterId)!;
    const refusal = () =>
      votingError(
        ruleProblem(
          rule,
          past.map((p) => ({ entryId: p.entry_id, at: new Date(p.cast_at) })),
          { entryId: a.entryId, at: now },
          tz,
          window.endsAt,
        ) ?? problem('vote.alreadyToday', { next: nextVoteOpensAt(rule, now, tz, window.endsAt) ?? now }),
        tz,
      );
    let slot: number | undefined;
    if (rule.kind === 'total') {
      const free = freeSlot(
        past.map((p) => slotOfKey(p.rule_key)).filter((s): s is number => s !== null),
        rule.votes,
      );
      if (free === null || past.some((p) => p.entry_id === a.entryId)) throw refusal();
      slot = free;
    }
    const keys = voteKeys(rule, { entryId: a.entryId, at: now, timeZone: tz, slot });
    // The rule decided from the voter's votes read under the head; the unique keys still hold it.
    if (past.some((p) => p.rule_key === keys.ruleKey || (keys.entryKey !== null && p.entry_key === keys.entryKey)))
      throw refusal();
    // Spent by the batch; another vote of this batch or of an earlier one may have taken it.
    if (!batch.fresh.delete(checked.signature)) throw challengeError('replayed');

    // Signals about this voter and device.
    const reasons: ReasonCode[] = [];
    if (session.email_domain && isDisposableDomain(session.email_domain, v.settings.disposableDomains))
      reasons.push('disposable_email');
    const dayStart = startOfLocalDay(now, tz).toISOString();
    const deviceVotes = batch.device.get(deviceHash)!;
    // The batch read the devices' votes from the start of its day; a device's earlier ones only if the clock went back
    // since.
    const readFrom = batch.readFrom.get(deviceHash)!;
    if (dayStart < readFrom) {
      deviceVotes.unshift(
        ...(await trx
          .selectFrom('votes')
          .select(DEVICE_VOTE_COLUMNS)
          .where('contest_id', '=', contestId)
          .where('voter_id', 'in', votersOnDevices([deviceHash]))
          .where('device_id', '=', deviceHash)
          .where('cast_at', '>=', dayStart)
          .where('cast_at', '<', readFrom)
          .execute()),
      );
      batch.readFrom.set(deviceHash, dayStart);
    }
    const sameDevice = deviceVotes.filter((r) => r.cast_at >= dayStart);
    const identities = new Set([...sameDevice.map((r) => r.voter_id), voterId]);
    const deviceShared = identities.size >= v.settings.integrity.deviceIdentitiesPerDay;
    if (deviceShared) reasons.push('device_shared');
    const status = reasons.length ? ('quarantined' as const) : ('counted' as const);

    const seq = log.seq + 1;
    const row: VoteRow = {
      contest_id: contestId,
      seq,
      voter_id: voterId,
      entry_id: a.entryId,
      cast_at: castAt,
      rule_key: keys.ruleKey,
      entry_key: keys.entryKey,
      status,
      reasons_json: JSON.stringify(reasons),
      ip,
      network,
      device_id: deviceHash,
    };
    batch.rows.push(row);
    past.push({ entry_id: a.entryId, cast_at: castAt, rule_key: keys.ruleKey, entry_key: keys.entryKey });

    const records: LogRecord[] = [
      {
        seq,
        at: castAt,
        type: 'cast',
        vote: seq,
        entry: entry.code ?? `#${entry.id}`,
        voter: session.pseudonym,
        status,
        reasons,
      },
    ];
    if (deviceShared) {
      // The device's earlier counted votes of the day join the quarantine, each as a status line.
      const earlier = sameDevice.filter((r) => r.status === 'counted');
      const codes = await entryCodes(
        trx,
        earlier.map((r) => r.entry_id),
      );
      const pseudonyms = await voterPseudonyms(
        trx,
        earlier.map((r) => r.voter_id),
      );
      let next = seq;
      for (const r of earlier) {
        const rs = [...new Set([...(decodeVoteReasons(r.reasons_json) as ReasonCode[]), 'device_shared' as const])];
        r.status = 'quarantined';
        r.reasons_json = JSON.stringify(rs);
        if (r.pending) {
          r.pending.status = 'quarantined';
          r.pending.reasons_json = r.reasons_json;
        } else
          await trx
            .updateTable('votes')
            .set({ status: 'quarantined', reasons_json: r.reasons_json })
            .where('id', '=', r.id!)
            .execute();
        records.push({
          seq: ++next,
          at: castAt,
          type: 'status',
          vote: r.seq,
          entry: codes.get(r.entry_id) ?? `#${r.entry_id}`,
          voter: pseudonyms.get(r.voter_id)!,
          status: 'quarantined',
          reasons: rs,
        });
      }
    }
    deviceVotes.push({
      id: null,
      seq,
      voter_id: voterId,
      entry_id: a.entryId,
      status,
      reasons_json: row.reasons_json,
      cast_at: castAt,
      pending: row,
    });
    log.add(records);
    return { status, now };
  };
  return voteBatcher(deps).submit(header, write, {
    key: `cast:${contestId}`,
    hint,
    load: loadBatch(deps.dialect, contestId, () => startOfLocalDay(clock(), tz).toISOString()),
    flush: flushBatch,
    cleanRefusals: true,
  });
}
