/**
 * A verified voter votes for a published entry while voting is open. The rule is held by the database: the vote's
 * unique keys (`voteKeys`) make a second vote in the same scope and day fail however many requests race, and the
 * loser is told when their next vote opens. What needs no lock is checked first (window, voter, entry, the proof of
 * work's signatures); then the vote joins its contest's next group commit (vote-batcher.ts, ADR 0043), where the
 * proof of work is spent, the rule applied, the vote inserted and its line appended to the hash-chained log, in the
 * batch's one transaction, committed (SQLite synchronous FULL, PostgreSQL commit) before the answer.
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
import { checkChallenge } from '../../security/altcha.ts';
import type { Tx } from '../../db/dialect.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import { voteBatcher, type BatchLog } from './vote-batcher.ts';
import { challengeError, votingError } from './voting-errors.ts';
import { voterHash } from './voter-keys.ts';
import { resolveVoter } from './voter-session.ts';
import { currentVotingContest } from './voting-contest.ts';

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

const entryForVote = preparedQuery((db: Tx, entryId: number, contestId: number) =>
  db
    .selectFrom('entries')
    .leftJoin('publications', 'publications.entry_id', 'entries.id')
    .select(['entries.code', 'publications.published_at', 'publications.unpublished_at'])
    .where('entries.id', '=', entryId)
    .where('entries.contest_id', '=', contestId),
);

const spend = preparedQuery((db: Tx, signature: string, expiresAt: string) =>
  db
    .insertInto('altcha_spent')
    .values({ signature, expires_at: expiresAt })
    .onConflict((oc) => oc.column('signature').doNothing())
    .returning('signature'),
);

const giveBack = preparedQuery((db: Tx, signature: string) =>
  db.deleteFrom('altcha_spent').where('signature', '=', signature),
);

const insertVote = preparedQuery(
  (
    db: Tx,
    contestId: number,
    seq: number,
    voterId: number,
    entryId: number,
    castAt: string,
    ruleKey: string,
    entryKey: string | null,
    status: string,
    reasonsJson: string,
    ip: string,
    network: string,
    deviceId: string | null,
  ) =>
    db
      .insertInto('votes')
      .values({
        contest_id: contestId,
        seq,
        voter_id: voterId,
        entry_id: entryId,
        cast_at: castAt,
        rule_key: ruleKey,
        entry_key: entryKey,
        status: status as 'counted',
        reasons_json: reasonsJson,
        ip,
        network,
        device_id: deviceId,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id'),
);

interface PastVote {
  entry_id: number;
  cast_at: string;
  rule_key: string;
  entry_key: string | null;
}
interface DeviceVote {
  id: number;
  seq: number;
  voter_id: number;
  entry_id: number;
  status: string;
  reasons_json: string;
  cast_at: string;
}
/** What a batch's votes read at once, under the contest's log head (every vote of the contest is written under it). */
interface BatchReads {
  past: Map<number, PastVote[]>;
  device: Map<string, DeviceVote[]>;
  /** The device votes read are those cast from this instant on. */
  since: string;
}
interface Hint {
  voterId: number;
  deviceHash: string | null;
}

function batchReads(contestId: number, since: () => string) {
  return async (trx: Tx, hints: Hint[]): Promise<BatchReads> => {
    const voterIds = [...new Set(hints.map((h) => h.voterId))];
    const devices = [...new Set(hints.map((h) => h.deviceHash).filter((d): d is string => d !== null))];
    const from = since();
    const past = new Map<number, PastVote[]>(voterIds.map((id) => [id, []]));
    for (const r of await trx
      .selectFrom('votes')
      .select(['voter_id', 'entry_id', 'cast_at', 'rule_key', 'entry_key'])
      .where('contest_id', '=', contestId)
      .where('voter_id', 'in', voterIds)
      .execute())
      past.get(r.voter_id)!.push(r);
    const device = new Map<string, DeviceVote[]>(devices.map((d) => [d, []]));
    if (devices.length > 0)
      for (const r of await trx
        .selectFrom('votes')
        .select(['id', 'seq', 'voter_id', 'entry_id', 'status', 'reasons_json', 'cast_at', 'device_id'])
        .where('contest_id', '=', contestId)
        .where('device_id', 'in', devices)
        .where('cast_at', '>=', from)
        .execute())
        device.get(r.device_id!)!.push(r);
    return { past, device, since: from };
  };
}

export async function castVote(deps: Deps, slug: string, input: CastVoteInput): Promise<VoteCast> {
  const v = await currentVotingContest(deps, slug);
  const tz = v.timeZone;
  const windowProblem = voteWindowProblem(v.contest.phases, deps.clock());
  if (windowProblem || !v.window) throw votingError(windowProblem ?? problem('vote.unscheduled'), tz);
  const window = v.window;
  const contestId = v.contest.id;

  const deviceHash = input.device ? voterHash(deps, `device:${input.device}`) : null;
  const voter = await resolveVoter(deps, contestId, input.session, deviceHash, deps.clock());
  if (!voter) throw votingError(problem('vote.verifyFirst'), tz);

  const [entry] = await entryForVote(deps.db, deps.dialect, input.entryId, contestId);
  if (!entry) throw new AppError('entry.notFound');
  const entryProblem = entryVotableProblem(
    !entry.published_at ? 'unpublished' : entry.unpublished_at ? 'withdrawn' : 'published',
  );
  if (entryProblem) throw votingError(entryProblem, tz);
  const entryCode = entry.code ?? `#${input.entryId}`;
  const challenge = await checkChallenge(deps, input.altcha);
  if (!challenge.ok) throw challengeError(challenge.reason);

  const ip = canonicalIp(input.ip) ?? input.ip;
  const network = networkOf(ip) ?? ip;
  const rule = v.settings.rule;
  const header = {
    id: contestId,
    slug,
    rule,
    timeZone: tz,
    startsAt: window.startsAt,
    endsAt: window.endsAt,
  };

  // Every refusal below happens before any write, or undoes what was written (`cleanRefusals`): no savepoint.
  const write = async (trx: Tx, log: BatchLog, shared: unknown) => {
    const reads = shared as BatchReads;
    // The instant is taken under the head, never before the log's last line, so the log's times never go back.
    const clock = deps.clock();
    const now = log.lastAt && clock.toISOString() < log.lastAt ? new Date(log.lastAt) : clock;
    const lateProblem = voteWindowProblem(v.contest.phases, now);
    if (lateProblem) throw votingError(lateProblem, tz);
    const castAt = now.toISOString();
    const past = reads.past.get(voter.id)!;
    const refusal = () =>
      votingError(
        ruleProblem(
          rule,
          past.map((p) => ({ entryId: p.entry_id, at: new Date(p.cast_at) })),
          { entryId: input.entryId, at: now },
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
      if (free === null || past.some((p) => p.entry_id === input.entryId)) throw refusal();
      slot = free;
    }
    const keys = voteKeys(rule, { entryId: input.entryId, at: now, timeZone: tz, slot });
    // The rule decided from the voter's votes read for the batch; the unique keys below still hold it.
    if (past.some((p) => p.rule_key === keys.ruleKey || (keys.entryKey !== null && p.entry_key === keys.entryKey)))
      throw refusal();
    if ((await spend(trx, deps.dialect, challenge.signature, challenge.expiresAt)).length !== 1)
      throw challengeError('replayed');

    // Signals about this voter and device.
    const reasons: ReasonCode[] = [];
    if (voter.emailDomain && isDisposableDomain(voter.emailDomain, v.settings.disposableDomains))
      reasons.push('disposable_email');
    const dayStart = startOfLocalDay(now, tz).toISOString();
    let deviceVotes: DeviceVote[] = [];
    if (deviceHash) {
      deviceVotes = reads.device.get(deviceHash)!;
      // The batch read the device's votes from the start of its day; earlier ones only if the clock went back since.
      if (dayStart < reads.since)
        deviceVotes.unshift(
          ...(await trx
            .selectFrom('votes')
            .select(['id', 'seq', 'voter_id', 'entry_id', 'status', 'reasons_json', 'cast_at'])
            .where('contest_id', '=', contestId)
            .where('device_id', '=', deviceHash)
            .where('cast_at', '>=', dayStart)
            .where('cast_at', '<', reads.since)
            .execute()),
        );
      if (dayStart < reads.since) reads.since = dayStart;
    }
    const sameDevice = deviceVotes.filter((r) => r.cast_at >= dayStart);
    const identities = new Set([...sameDevice.map((r) => r.voter_id), voter.id]);
    const deviceShared = identities.size >= v.settings.integrity.deviceIdentitiesPerDay;
    if (deviceShared) reasons.push('device_shared');
    const status = reasons.length ? ('quarantined' as const) : ('counted' as const);

    const seq = log.seq + 1;
    const reasonsJson = JSON.stringify(reasons);
    const [inserted] = await insertVote(
      trx,
      deps.dialect,
      contestId,
      seq,
      voter.id,
      input.entryId,
      castAt,
      keys.ruleKey,
      keys.entryKey,
      status,
      reasonsJson,
      ip,
      network,
      deviceHash,
    );
    if (!inserted) {
      // A vote written since the batch read (a race the contest's head should make impossible): refused all the same.
      await giveBack(trx, deps.dialect, challenge.signature);
      throw refusal();
    }
    past.push({ entry_id: input.entryId, cast_at: castAt, rule_key: keys.ruleKey, entry_key: keys.entryKey });

    const records: LogRecord[] = [
      { seq, at: castAt, type: 'cast', vote: seq, entry: entryCode, voter: voter.pseudonym, status, reasons },
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
        await trx
          .updateTable('votes')
          .set({ status: 'quarantined', reasons_json: r.reasons_json })
          .where('id', '=', r.id)
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
    if (deviceHash)
      deviceVotes.push({
        id: Number(inserted.id),
        seq,
        voter_id: voter.id,
        entry_id: input.entryId,
        status,
        reasons_json: reasonsJson,
        cast_at: castAt,
      });
    log.add(records);
    return { status, now };
  };
  const { status, now } = await voteBatcher(deps).submit(header, write, {
    key: `cast:${contestId}`,
    hint: { voterId: voter.id, deviceHash },
    load: batchReads(contestId, () => startOfLocalDay(deps.clock(), tz).toISOString()),
    cleanRefusals: true,
  });

  const next = nextVoteOpensAt(rule, now, tz, window.endsAt);
  const say = (lang: 'vi' | 'en') => {
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
  };
  return {
    status,
    castAt: now.toISOString(),
    nextVoteOpensAt: next?.toISOString() ?? null,
    message: { vi: say('vi'), en: say('en') },
  };
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
