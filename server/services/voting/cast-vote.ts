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
import { entryVotableProblem, voteWindowProblem, type PublicationState } from '@core/voting/vote-window.ts';
import { startOfLocalDay } from '@core/time.ts';
import type { Deps } from '../../context.ts';
import { checkChallenge, spendChallenge } from '../../security/altcha.ts';
import type { Tx } from '../../db/dialect.ts';
import { voteBatcher } from './vote-batcher.ts';
import { challengeError, votingError } from './voting-errors.ts';
import { voterHash } from './voter-keys.ts';
import { resolveVoter } from './voter-session.ts';
import { loadVotingContest } from './voting-contest.ts';

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

async function publicationState(deps: Deps, contestId: number, entryId: number): Promise<PublicationState | null> {
  const row = await deps.db
    .selectFrom('entries')
    .leftJoin('publications', 'publications.entry_id', 'entries.id')
    .select(['entries.id', 'publications.published_at', 'publications.unpublished_at'])
    .where('entries.id', '=', entryId)
    .where('entries.contest_id', '=', contestId)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.published_at) return 'unpublished';
  return row.unpublished_at ? 'withdrawn' : 'published';
}

export async function castVote(deps: Deps, slug: string, input: CastVoteInput): Promise<VoteCast> {
  const v = await loadVotingContest(deps.db, { slug });
  const tz = v.timeZone;
  const windowProblem = voteWindowProblem(v.contest.phases, deps.clock());
  if (windowProblem || !v.window) throw votingError(windowProblem ?? problem('vote.unscheduled'), tz);
  const window = v.window;

  const deviceHash = input.device ? voterHash(deps, `device:${input.device}`) : null;
  const voter = await resolveVoter(deps.db, v.contest.id, input.session, deviceHash, deps.clock());
  if (!voter) throw votingError(problem('vote.verifyFirst'), tz);

  const state = await publicationState(deps, v.contest.id, input.entryId);
  if (state === null) throw new AppError('entry.notFound');
  const entryProblem = entryVotableProblem(state);
  if (entryProblem) throw votingError(entryProblem, tz);
  const entry = await deps.db
    .selectFrom('entries')
    .select(['code'])
    .where('id', '=', input.entryId)
    .executeTakeFirstOrThrow();
  const entryCode = entry.code ?? `#${input.entryId}`;
  const challenge = await checkChallenge(deps, input.altcha);
  if (!challenge.ok) throw challengeError(challenge.reason);

  const ip = canonicalIp(input.ip) ?? input.ip;
  const network = networkOf(ip) ?? ip;
  const rule = v.settings.rule;
  const header = {
    id: v.contest.id,
    slug,
    rule,
    timeZone: tz,
    startsAt: window.startsAt,
    endsAt: window.endsAt,
  };

  const { status, now } = await voteBatcher(deps).submit(header, async (trx, log) => {
    // The instant is taken under the head, never before the log's last line, so the log's times never go back.
    const clock = deps.clock();
    const now = log.lastAt && clock.toISOString() < log.lastAt ? new Date(log.lastAt) : clock;
    const lateProblem = voteWindowProblem(v.contest.phases, now);
    if (lateProblem) throw votingError(lateProblem, tz);
    const castAt = now.toISOString();
    if (!(await spendChallenge(trx, challenge))) throw challengeError('replayed');
    const past = await trx
      .selectFrom('votes')
      .select(['entry_id', 'cast_at', 'rule_key'])
      .where('contest_id', '=', v.contest.id)
      .where('voter_id', '=', voter.id)
      .execute();
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

    // Signals about this voter and device.
    const reasons: ReasonCode[] = [];
    if (voter.emailDomain && isDisposableDomain(voter.emailDomain, v.settings.disposableDomains))
      reasons.push('disposable_email');
    const dayStart = startOfLocalDay(now, tz).toISOString();
    const sameDevice = deviceHash
      ? await trx
          .selectFrom('votes')
          .select(['id', 'seq', 'voter_id', 'entry_id', 'status', 'reasons_json'])
          .where('contest_id', '=', v.contest.id)
          .where('device_id', '=', deviceHash)
          .where('cast_at', '>=', dayStart)
          .execute()
      : [];
    const identities = new Set([...sameDevice.map((r) => r.voter_id), voter.id]);
    const deviceShared = identities.size >= v.settings.integrity.deviceIdentitiesPerDay;
    if (deviceShared) reasons.push('device_shared');
    const status = reasons.length ? ('quarantined' as const) : ('counted' as const);

    const seq = log.seq + 1;
    const inserted = await trx
      .insertInto('votes')
      .values({
        contest_id: v.contest.id,
        seq,
        voter_id: voter.id,
        entry_id: input.entryId,
        cast_at: castAt,
        rule_key: keys.ruleKey,
        entry_key: keys.entryKey,
        status,
        reasons_json: JSON.stringify(reasons),
        ip,
        network,
        device_id: deviceHash,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw refusal();

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
        await trx
          .updateTable('votes')
          .set({ status: 'quarantined', reasons_json: JSON.stringify(rs) })
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
    log.add(records);
    return { status, now };
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
