/**
 * Brings a contest quickly to the awards: entries approved, the one judging round scored by one juror (the chair),
 * submitted and locked, votes counted, and if asked the allocation proposed, the ties ordered, approved and announced.
 * Services are called directly (no HTTP), votes are written as the voting service stores them, so that tests about
 * awards, documents or the ceremony start from there in a second or two.
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { roundJurorsInputSchema } from '@core/judging/round-input.ts';
import type { Prize } from '@core/contest.ts';
import type { EntryDraft } from '@core/entry.ts';
import type { PrizeSource } from '@core/voting/settings.ts';
import type { Actor } from '../../server/context.ts';
import { demoContest } from '../../server/demo/vinh-linh-2024.ts';
import { createContest } from '../../server/services/contests/create-contest.ts';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { listJurorEntries } from '../../server/services/judging/list-juror-entries.ts';
import { lockJudgingRound } from '../../server/services/judging/lock-round.ts';
import { openJudgingRound } from '../../server/services/judging/open-round.ts';
import { saveScoreSheet } from '../../server/services/judging/save-score-sheet.ts';
import { setRoundJurors } from '../../server/services/judging/set-round-jurors.ts';
import { submitScoreSheets } from '../../server/services/judging/submit-score-sheets.ts';
import { updateVotingSettings } from '../../server/services/voting/update-voting-settings.ts';
import { announceResults } from '../../server/services/awards/announce-results.ts';
import { approveAllocation } from '../../server/services/awards/approve-allocation.ts';
import { getAllocation } from '../../server/services/awards/get-allocation.ts';
import { proposeAllocation } from '../../server/services/awards/propose-allocation.ts';
import { recordTieDecision } from '../../server/services/awards/record-tie-decision.ts';
import { approvedEntry } from './entries.ts';
import { makeUser, type TestApp } from './test-app.ts';

export interface JudgedContest {
  slug: string;
  contestId: number;
  /** In the order of `scores`. */
  entryIds: number[];
  roundId: number;
  /** The site administrator, organizer of every contest. */
  organizer: Actor;
  /** The instant the clock was left at: in the awards phase, voting closed. */
  awardsTime: Date;
}

let contestCounter = 0;

const AUTHORS = [
  'Nguyễn Thị Ỷ Lan',
  'Trần Văn Bình',
  'Lê Thị Hồng Nhung',
  'Phạm Quốc Việt',
  'Hoàng Minh Đức',
  'Võ Thị Thu Hà',
  'Đặng Văn Khải',
  'Bùi Thị Ngọc Ánh',
  'Ngô Quang Huy',
  'Dương Thị Mỹ Duyên',
];

/**
 * A new contest (the demo's settings and prize structure unless `prizes` is given) whose single judging round is
 * locked with `scores[i]` (0–10, whole or half points) for entry i, and `votes[i]` counted votes for it. The vote
 * prize follows `prizeSource`, stated in the voting settings; absent, the platform's votes (`{ show: 'platform' }`),
 * which is what `votes` are. The clock is left in the awards phase (`awardsTime`); the caller sets it back if it
 * needs to.
 */
export async function judgedContest(
  t: TestApp,
  opts: {
    scores: number[];
    votes?: number[];
    prizes?: Prize[];
    slug?: string;
    drafts?: Partial<EntryDraft>[];
    prizeSource?: PrizeSource;
  },
): Promise<JudgedContest> {
  const organizer: Actor = { userId: t.admin.userId, isSiteAdmin: true, ip: null };
  t.setNow(null);
  const slug = opts.slug ?? `giai-thuong-${++contestCounter}-${crypto.randomBytes(3).toString('hex')}`;
  const base = demoContest(new Date());
  const { id: contestId } = await createContest(t.deps, organizer, {
    ...base,
    slug,
    prizes: opts.prizes ?? base.prizes,
  });
  await updateVotingSettings(t.deps, organizer, slug, { prizeSource: opts.prizeSource ?? { show: 'platform' } });
  const entrant = await makeUser(t, { fullName: 'Người Dự Thi Giải' });
  const entryIds: number[] = [];
  for (const [i] of opts.scores.entries()) {
    const author = AUTHORS[i % AUTHORS.length]!;
    entryIds.push(
      await approvedEntry(t, entrant, {
        slug,
        draft: {
          title: `Phóng sự cải cách hành chính số ${i + 1}`,
          authors: [
            {
              fullName: author,
              position: 'Công chức',
              unitName: `UBND xã Vĩnh ${['Thái', 'Tú', 'Hòa', 'Lâm', 'Sơn'][i % 5]}`,
              address: `Thôn ${i + 1}, xã Vĩnh Thái`,
              phone: `0912 000 ${String(100 + i)}`,
              email: `tac-gia-${i}@example.vn`,
            },
          ],
          ...opts.drafts?.[i],
        },
      }),
    );
  }
  const contest = await loadContest(t.deps.db, { id: contestId });
  const phase = (k: string) => contest.phases.find((p) => p.kind === k)!;
  const round = await t.deps.db
    .selectFrom('judging_rounds')
    .select('id')
    .where('contest_id', '=', contestId)
    .orderBy('position', 'desc')
    .executeTakeFirstOrThrow();
  const juror = await makeUser(t, { role: 'juror', slug, fullName: 'Chủ tịch Hội đồng Giám khảo' });
  const jurorActor: Actor = { userId: juror.id, isSiteAdmin: false, ip: null };
  await setRoundJurors(
    t.deps,
    organizer,
    round.id,
    roundJurorsInputSchema.parse({ jurors: [{ userId: juror.id, isChair: true }] }),
  );
  await openJudgingRound(t.deps, organizer, round.id);
  t.setNow(new Date(Date.parse(phase('judging').startsAt) + 3_600_000));
  const mine = await listJurorEntries(t.deps, jurorActor, round.id);
  const codes = await t.deps.db
    .selectFrom('judging_blind_codes')
    .select(['entry_id', 'code'])
    .where('contest_id', '=', contestId)
    .execute();
  const entryCodes = await t.deps.db.selectFrom('entries').select(['id', 'code']).where('id', 'in', entryIds).execute();
  // The juror sees an entry by its blind code in blind mode, else by its code.
  const refOf = new Map([
    ...codes.map((c) => [c.code, c.entry_id] as const),
    ...entryCodes.map((e) => [e.code ?? '', e.id] as const),
  ]);
  for (const e of mine.entries) {
    const v = opts.scores[entryIds.indexOf(refOf.get(e.ref)!)]!;
    const values = Object.fromEntries(mine.rubric.criteria.map((c) => [c.key, v]));
    await saveScoreSheet(t.deps, jurorActor, round.id, e.ref, {
      baseVersion: e.version,
      sheet: { values, comments: {}, abstain: null, note: '' },
    });
  }
  await submitScoreSheets(t.deps, jurorActor, round.id);
  await lockJudgingRound(t.deps, organizer, round.id);
  if (opts.votes) await castCountedVotes(t, contestId, entryIds, opts.votes, phase('public_voting').startsAt);
  const awardsTime = new Date(Date.parse(phase('judging').endsAt) + 3_600_000);
  t.setNow(awardsTime);
  return { slug, contestId, entryIds, roundId: round.id, organizer, awardsTime };
}

/**
 * Counted votes as the voting service stores them: voter k votes once for every entry given more than k votes, an
 * hour after the window opened plus k minutes (so the earlier-to-the-final-count rule has instants to compare).
 */
export async function castCountedVotes(
  t: TestApp,
  contestId: number,
  entryIds: readonly number[],
  votes: readonly number[],
  windowStart: string,
): Promise<void> {
  const max = Math.max(0, ...votes);
  const last = await t.deps.db
    .selectFrom('votes')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('contest_id', '=', contestId)
    .executeTakeFirst();
  let seq = Number(last?.seq ?? 0);
  for (let k = 0; k < max; k++) {
    const at = new Date(Date.parse(windowStart) + 3_600_000 + k * 60_000).toISOString();
    const voter = await t.deps.db
      .insertInto('voters')
      .values({
        contest_id: contestId,
        identity_hash: crypto.randomBytes(16).toString('hex'),
        kind: 'phone',
        display: `09xx xxx ${String(k).padStart(3, '0')}`,
        email_domain: null,
        pseudonym: `cu-tri-${crypto.randomBytes(4).toString('hex')}`,
        verified_at: at,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = entryIds.flatMap((entryId, i) =>
      (votes[i] ?? 0) > k
        ? [
            {
              contest_id: contestId,
              seq: ++seq,
              voter_id: voter.id,
              entry_id: entryId,
              cast_at: at,
              rule_key: `test:${entryId}`,
              entry_key: null,
              status: 'counted' as const,
              reasons_json: '[]',
            },
          ]
        : [],
    );
    if (rows.length) await t.deps.db.insertInto('votes').values(rows).execute();
  }
}

/**
 * Proposes, orders every open tie (by `tieOrders[tieId]`, else in the listed order) with a reason, approves and
 * announces, as the organizer. Returns the allocation view after announcement.
 */
export async function announceAwards(
  t: TestApp,
  j: Pick<JudgedContest, 'slug' | 'organizer'>,
  opts: { tieOrders?: Record<string, number[]> } = {},
) {
  await proposeAllocation(t.deps, j.organizer, j.slug);
  for (let guard = 0; guard < 20; guard++) {
    const view = await getAllocation(t.deps, j.organizer, j.slug);
    const tie = view.current?.openTies[0];
    if (!tie) break;
    await recordTieDecision(t.deps, j.organizer, j.slug, {
      kind: 'breakTie',
      tieId: tie.tieId,
      order: opts.tieOrders?.[tie.tieId] ?? tie.entries.map((e) => e.entryId),
      reason: 'Ban Tổ chức họp ngày xét giải và thống nhất thứ tự.',
    });
  }
  await approveAllocation(t.deps, j.organizer, j.slug);
  await announceResults(t.deps, j.organizer, j.slug);
  return getAllocation(t.deps, j.organizer, j.slug);
}

/** `judgedContest` then `announceAwards`: a contest with its results announced. */
export async function contestWithAnnouncedAwards(
  t: TestApp,
  opts: Parameters<typeof judgedContest>[1] & { tieOrders?: Record<string, number[]> },
) {
  const j = await judgedContest(t, opts);
  const view = await announceAwards(t, j, opts);
  return { ...j, view };
}

/**
 * Stores `bytes` as the entry's accepted original, as the storage move would leave it (key, size and SHA-256 on the
 * upload), for tests that read the video back.
 */
export async function storeAcceptedOriginal(t: TestApp, entryId: number, bytes: Buffer): Promise<void> {
  const e = await t.deps.db
    .selectFrom('entries')
    .select(['contest_id', 'accepted_upload_id'])
    .where('id', '=', entryId)
    .executeTakeFirstOrThrow();
  const key = `contests/${e.contest_id}/entries/${entryId}/original/${e.accepted_upload_id}.mp4`;
  await t.deps.storage.putStream(key, Readable.from([bytes]), { contentType: 'video/mp4' });
  await t.deps.db
    .updateTable('uploads')
    .set({
      storage_key: key,
      size_bytes: bytes.length,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    })
    .where('id', '=', e.accepted_upload_id!)
    .execute();
}
