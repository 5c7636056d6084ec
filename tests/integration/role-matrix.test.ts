/**
 * For every API endpoint, which callers may use it and which are refused. The table below is written from the
 * product's rules, not read from the code; the last test fails if an endpoint exists that the table does not cover.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { addRosterMember } from '../../server/services/units/add-roster-member.ts';
import { grantContestRole } from '../../server/services/units/grant-contest-role.ts';
import { requestPasswordReset } from '../../server/services/accounts/request-password-reset.ts';
import { saveUnit } from '../../server/services/units/save-unit.ts';
import { createContest } from '../../server/services/contests/create-contest.ts';
import { demoContest } from '../../server/demo/vinh-linh-2024.ts';
import type { ContestRole } from '@core/roles.ts';
import { saveEntryDraft } from '../../server/services/entries/save-entry-draft.ts';
import { saveEntrySubtitles } from '../../server/services/media/save-entry-subtitles.ts';
import { submitEntry } from '../../server/services/entries/submit-entry.ts';
import { updateContest } from '../../server/services/contests/update-contest.ts';
import { findContestRow, loadContest } from '../../server/services/contests/load-contest.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { approvedEntry, attachAcceptedFile, completeDraft, storeStandInRenditions } from '../helpers/entries.ts';
import { publishEntries } from '../../server/services/publication/publish-entries.ts';
import { recordReview } from '../../server/services/reviews/record-review.ts';
import { reportEntry } from '../../server/services/publication/report-entry.ts';
import { reviewInputSchema } from '@core/review.ts';
import { saveNewsPost } from '../../server/services/publication/save-news-post.ts';
import {
  Client,
  codeSentTo,
  loggedInClient,
  makeUser,
  registerOverApi,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../helpers/test-app.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';
import { runFfmpeg } from '../helpers/videos.ts';
import { setVotingWindow, smsCodes, solvedChallenge, verifyPhone } from '../helpers/voting.ts';
import { roundJurorsInputSchema } from '@core/judging/round-input.ts';
import { createRound } from '../../server/services/judging/create-round.ts';
import { declareConflict } from '../../server/services/judging/declare-conflict.ts';
import { recuseJuror } from '../../server/services/judging/recuse-juror.ts';
import { checkPaperSheet } from '../../server/services/judging/check-paper-sheet.ts';
import { enterPaperSheet } from '../../server/services/judging/enter-paper-sheet.ts';
import { getRoundRanking } from '../../server/services/judging/get-round-ranking.ts';
import { listJurorEntries } from '../../server/services/judging/list-juror-entries.ts';
import { lockJudgingRound } from '../../server/services/judging/lock-round.ts';
import { openJudgingRound } from '../../server/services/judging/open-round.ts';
import { saveScoreSheet } from '../../server/services/judging/save-score-sheet.ts';
import { setRoundJurors } from '../../server/services/judging/set-round-jurors.ts';
import { submitScoreSheets } from '../../server/services/judging/submit-score-sheets.ts';
import { updateRound } from '../../server/services/judging/update-round.ts';
import { requestErasure } from '../../server/services/privacy/request-erasure.ts';
import { approveAllocation } from '../../server/services/awards/approve-allocation.ts';
import { getAllocation } from '../../server/services/awards/get-allocation.ts';
import { proposeAllocation } from '../../server/services/awards/propose-allocation.ts';
import { announceAwards, judgedContest, storeAcceptedOriginal } from '../helpers/awards.ts';
import { storeCertificates } from '../../server/services/certificates/store-certificates.ts';
import { DEMO_DOCUMENT_SETTINGS } from '../../server/demo/vinh-linh-2024.ts';
import { attachFanpageEvidence } from '../../server/services/voting/attach-fanpage-evidence.ts';
import { recordFanpageCount } from '../../server/services/voting/record-fanpage-count.ts';

type Caller = 'anonymous' | 'no_role' | ContestRole | 'organizer_of_other_contest' | 'site_admin';
const CONTEST_ROLE_CALLERS: ContestRole[] = [
  'organizer',
  'secretariat',
  'secretary',
  'juror',
  'publisher',
  'finance',
  'unit_rep',
  'entrant',
];
const CALLERS: Caller[] = ['anonymous', 'no_role', ...CONTEST_ROLE_CALLERS, 'organizer_of_other_contest', 'site_admin'];

const EVERYONE = CALLERS;
const LOGGED_IN = CALLERS.filter((c) => c !== 'anonymous');
const ADMIN_ONLY: Caller[] = ['site_admin'];
const ORGANIZER: Caller[] = ['organizer', 'site_admin'];
const INTAKE_READ: Caller[] = ['organizer', 'secretariat', 'secretary', 'site_admin'];
const INTAKE_WRITE: Caller[] = ['organizer', 'secretariat', 'site_admin'];
/** Staff of the demo contest: R4 bars them from entering it (the site admin created it and is its organizer). */
const STAFF_OF_CONTEST: Caller[] = ['organizer', 'secretariat', 'secretary', 'juror', 'site_admin'];
const ENTRY_READERS: Caller[] = ['entrant', ...INTAKE_READ];
/** An entry belongs to its entrant: staff who may read it are refused a change; to anyone else it does not exist. */
const ownedBy = (notFound: string) => (caller: Caller) =>
  caller === 'anonymous' ? 'auth.required' : INTAKE_READ.includes(caller) ? 'auth.forbidden' : notFound;

let t: TestApp;
let slug: string;
const clients = new Map<Caller, Client>();
const emails = new Map<Caller, string>();
let seq = 0;
const uniq = () => `${Date.now().toString(36)}${++seq}`;
/** A phone number no account has: 09 and eight digits. */
const newPhone = () => `09${String(Date.now() % 1e6).padStart(6, '0')}${String(++seq % 100).padStart(2, '0')}`;

interface Case {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  route: string;
  allowed: readonly Caller[];
  /** The error a refused caller gets, when not the default (auth.required / auth.forbidden). */
  denied?: (caller: Caller) => string;
  /** Builds a request that succeeds for an allowed caller (fresh targets for deletions). */
  call(c: Client, caller: Caller): Promise<LightMyRequestResponse>;
}

const admin = () => ({ userId: t.admin.userId, isSiteAdmin: true, ip: null });
let entrantActor: { userId: number; isSiteAdmin: boolean; ip: null };
let unitForIntake: number;
/** HEAD answers carry no body: the status stands for the error. */
const STATUS_OF: Record<string, number> = {
  'auth.required': 401,
  'auth.forbidden': 403,
  'upload.notFound': 404,
  'entry.notFound': 404,
};

/** A fresh draft of the entrant's, complete and with an accepted file when asked. */
async function entrantDraft(opts: { file?: boolean; submitted?: boolean } = {}): Promise<number> {
  const { id } = await saveEntryDraft(
    t.deps,
    entrantActor,
    slug,
    completeDraft({ kind: 'person' }, { title: `Tác phẩm ${uniq()}` }),
  );
  if (opts.file || opts.submitted) await attachAcceptedFile(t, id);
  if (opts.submitted) await submitEntry(t.deps, entrantActor, id);
  return id;
}

/** A waiting erasure request of a new account, for the staff's routes to handle. */
async function freshErasureRequest(): Promise<number> {
  const u = await makeUser(t);
  const r = await requestErasure(t.deps, { userId: u.id, isSiteAdmin: false, ip: null }, { password: u.password });
  return r.id;
}

/** A draft of the entrant's with an accepted file on disk and its renditions made (small stand-in files). */
async function entrantMedia(): Promise<number> {
  const id = await entrantDraft();
  const uploadId = await attachAcceptedFile(t, id);
  fs.mkdirSync(path.dirname(uploadPath(t.deps, uploadId)), { recursive: true });
  fs.writeFileSync(uploadPath(t.deps, uploadId), Buffer.alloc(2048, 7));
  await storeStandInRenditions(t, id, uploadId);
  return id;
}

const tusHeaders = (entryId: number) => ({
  'tus-resumable': '1.0.0',
  'upload-length': '1000',
  'upload-metadata':
    `entryId ${Buffer.from(String(entryId)).toString('base64')},filename ` +
    `${Buffer.from('video.mp4').toString('base64')}`,
});

async function entrantUpload(): Promise<string> {
  const entryId = await entrantDraft();
  const res = await clients
    .get('entrant')!
    .request('POST', '/api/uploads', undefined, { headers: tusHeaders(entryId) });
  if (res.statusCode !== 201) throw new Error(`upload not created: ${res.statusCode} ${res.body}`);
  return res.headers.location!.toString().split('/').pop()!;
}

let failingJob: string | null = null;
/**
 * A failed job of an upload of the contest (a worker that always throws runs it); waits until it is failed again after
 * a retry.
 */
async function failedJobId(): Promise<string> {
  if (!failingJob) {
    const uploadId = await attachAcceptedFile(t, await entrantDraft());
    failingJob = (await t.deps.jobs.send(
      'fingerprint-upload',
      { uploadId },
      { singletonKey: uploadId, retryLimit: 0 },
    ))!;
  }
  for (let i = 0; i < 300 && (await t.deps.jobs.getJob(failingJob))?.state !== 'failed'; i++)
    await new Promise((r) => setTimeout(r, 50));
  return failingJob;
}

let referenceFile: string | null = null;
/** A short video the fingerprinting can read, made once. */
async function referenceVideo(): Promise<string> {
  if (referenceFile) return referenceFile;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'role-matrix-')), 'reference.mp4');
  const source = 'cellauto=s=96x54:r=10:seed=3:rule=110,scale=160:90:flags=neighbor';
  await runFfmpeg(['-f', 'lavfi', '-i', source, '-t', '8', '-c:v', 'libx264', '-preset', 'ultrafast', file]);
  return (referenceFile = file);
}

/** A fresh clip of the demo contest's reference library, for a deletion. */
async function referenceClipId(): Promise<number> {
  const row = await t.deps.db
    .insertInto('reference_clips')
    .values({
      contest_id: Number((await loadContest(t.deps.db, { slug })).id),
      title: `Đoạn phim ${uniq()}`,
      fps: 2,
      frame_hashes: '',
      audio_bits: null,
      duration_ms: 0,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

const SRT_SAMPLE = '1\n00:00:01,000 --> 00:00:03,000\nXin chào bà con\n';

/** An entrant's entry returned for a fix, due in two days. */
async function returnedEntry(): Promise<number> {
  const id = await entrantDraft({ submitted: true });
  await recordReview(
    t.deps,
    admin(),
    id,
    reviewInputSchema.parse({
      decision: 'return',
      reason: 'Cần bổ sung chức vụ tác giả',
      checklist: {},
      fixDeadline: new Date(Date.now() + 48 * 3600_000).toISOString(),
    }),
  );
  return id;
}

const REVIEW_OK = {
  decision: 'approve',
  checklist: { onTheme: { ok: true }, lawfulRespectful: { ok: true }, originalRights: { ok: true } },
};
/**
 * Reviewers (organizer, secretariat) decide; staff who see entries, and the entrant, are refused; to others the entry
 * does not exist.
 */
const reviewDenied = (caller: Caller) =>
  caller === 'anonymous'
    ? 'auth.required'
    : caller === 'secretary' || caller === 'entrant'
      ? 'auth.forbidden'
      : 'entry.notFound';

/** A fresh unread notification of the caller's (anonymous: someone else's). */
async function notificationOf(caller: Caller): Promise<number> {
  const email = caller === 'anonymous' ? t.admin.email : emails.get(caller)!;
  const user = await t.deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const row = await t.deps.db
    .insertInto('notifications')
    .values({
      user_id: Number(user.id),
      kind: 'published',
      entry_id: null,
      payload_json: JSON.stringify({ title: { vi: 'Thử', en: 'Test' }, body: { vi: 'Thử', en: 'Test' } }),
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A fresh draft of the entrant's with a Vietnamese subtitle track. */
async function entrantSubtitled(): Promise<number> {
  const id = await entrantDraft();
  await saveEntrySubtitles(t.deps, entrantActor, id, 'vi', Buffer.from(SRT_SAMPLE));
  return id;
}

const PUBLISHERS: Caller[] = ['organizer', 'publisher', 'site_admin'];
const COMMITTEE: Caller[] = ['organizer', 'secretariat', 'site_admin'];
const FANPAGE_RECORD: Caller[] = ['organizer', 'publisher', 'site_admin'];
const FANPAGE_CONFIRM: Caller[] = ['organizer', 'publisher', 'secretariat', 'site_admin'];
const PNG_BYTES = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

/** A published entry with fanpage figures entered (by the site admin). */
async function fanpageRow(): Promise<number> {
  const entryId = await approvedId({ published: true });
  await recordFanpageCount(t.deps, admin(), slug, entryId, {
    postUrl: `https://www.facebook.com/dai/posts/${entryId}`,
    reactions: 3,
    shares: 1,
    comments: 0,
  });
  return entryId;
}

/** An approved entry of the entrant's with its stand-in renditions; published when asked (as the site admin). */
async function approvedId(opts: { published?: boolean; subtitled?: boolean } = {}): Promise<number> {
  const id = await approvedEntry(t, { id: entrantActor.userId }, { draft: { title: `Đã duyệt ${uniq()}` } });
  if (opts.subtitled) await saveEntrySubtitles(t.deps, admin(), id, 'vi', Buffer.from(SRT_SAMPLE));
  if (opts.published) await publishEntries(t.deps, admin(), slug, { entryIds: [id] });
  return id;
}

async function openReportId(): Promise<number> {
  const entryId = await approvedId({ published: true });
  return (await reportEntry(t.deps, admin(), entryId, { kind: 'other', reason: 'Phản ánh để kiểm tra quyền' })).id;
}

async function newsPostId(): Promise<number> {
  return (await saveNewsPost(t.deps, admin(), slug, null, { title: 'Tin thử', body: 'Nội dung' })).id;
}

/* ---- Judging (issue 11): rounds made fresh for each allowed call, the 'juror' caller as chair ---- */

const CHAIR_DENIED = (caller: Caller) =>
  caller === 'anonymous'
    ? 'auth.required'
    : caller === 'organizer' || caller === 'site_admin'
      ? 'judging.chairOnly'
      : 'auth.forbidden';
const FOLLOWERS: Caller[] = ['organizer', 'secretary', 'juror', 'site_admin'];
const CHAIR_OR_MANAGER: Caller[] = ['organizer', 'juror', 'site_admin'];
let jurorCallerId = 0;
let secondJurorId = 0;
/** A secretary who types paper sheets for the check's callers (the secretary caller types for the others). */
let paperTypistId = 0;
let judgingStart = 0;
const HOUR = 3600_000;

/** Runs `fn` with the clock inside the judging phase (scores are saved only then). */
async function inJudging<T>(fn: () => Promise<T>): Promise<T> {
  t.setNow(new Date(judgingStart + HOUR));
  try {
    return await fn();
  } finally {
    t.setNow(null);
  }
}

const jurorActor = (id: number) => ({ userId: id, isSiteAdmin: false, ip: null });

/** Locks every round of the demo contest that is not (opening drafts first), so that a new round may open. */
async function settleRounds(): Promise<void> {
  const rows = await t.deps.db
    .selectFrom('judging_rounds')
    .innerJoin('contests', 'contests.id', 'judging_rounds.contest_id')
    .select(['judging_rounds.id', 'judging_rounds.state'])
    .where('contests.slug', '=', slug)
    .orderBy('position')
    .execute();
  for (const r of rows) {
    if (r.state === 'draft') {
      await updateRound(t.deps, admin(), r.id, { name: `Vòng ${r.id}`, entrySet: { kind: 'all_approved' } });
      await setRoundJurors(
        t.deps,
        admin(),
        r.id,
        roundJurorsInputSchema.parse({
          jurors: [{ userId: jurorCallerId, isChair: true }, { userId: secondJurorId }],
        }),
      );
      await openJudgingRound(t.deps, admin(), r.id);
    }
    if (r.state !== 'locked') await lockJudgingRound(t.deps, admin(), r.id);
  }
}

/** A new round with the 'juror' caller as chair and a second juror, in the state asked. */
async function freshRound(state: 'draft' | 'open' | 'locked' = 'open'): Promise<number> {
  if (state !== 'draft') await settleRounds();
  const { id } = await createRound(t.deps, admin(), slug, {
    name: `Vòng thử ${uniq()}`,
    entrySet: { kind: 'all_approved' },
  });
  await setRoundJurors(
    t.deps,
    admin(),
    id,
    roundJurorsInputSchema.parse({
      jurors: [{ userId: jurorCallerId, isChair: true }, { userId: secondJurorId }],
    }),
  );
  if (state === 'draft') return id;
  await openJudgingRound(t.deps, admin(), id);
  if (state === 'locked') await lockJudgingRound(t.deps, admin(), id);
  return id;
}

/** A new open round whose second juror scores on paper, and the blind code of one of its entries. */
async function paperRound(allowed: readonly Caller[], caller: Caller): Promise<{ roundId: number; ref: string }> {
  if (!allowed.includes(caller)) return { roundId: await anyRoundId(), ref: 'P-000' };
  await settleRounds();
  const { id } = await createRound(t.deps, admin(), slug, {
    name: `Vòng giấy ${uniq()}`,
    entrySet: { kind: 'all_approved' },
  });
  await setRoundJurors(
    t.deps,
    admin(),
    id,
    roundJurorsInputSchema.parse({
      jurors: [
        { userId: jurorCallerId, isChair: true },
        { userId: secondJurorId, mode: 'paper' },
      ],
    }),
  );
  await openJudgingRound(t.deps, admin(), id);
  const { code } = await t.deps.db
    .selectFrom('judging_assignments')
    .innerJoin('judging_blind_codes', 'judging_blind_codes.entry_id', 'judging_assignments.entry_id')
    .select('judging_blind_codes.code')
    .where('judging_assignments.round_id', '=', id)
    .where('judging_assignments.juror_user_id', '=', secondJurorId)
    .orderBy('judging_assignments.entry_id')
    .executeTakeFirstOrThrow();
  return { roundId: id, ref: code };
}

const PAPER_SHEET = { values: { c1: 7, c2: 8, c3: 9 }, comments: {}, abstain: null, note: '' };
const PAPER_DESK: Caller[] = ['organizer', 'secretary', 'juror', 'site_admin'];
const PAPER_ENTER: Caller[] = ['secretary', 'site_admin'];

/** Any existing round, for callers who are refused before the round matters. */
async function anyRoundId(): Promise<number> {
  const r = await t.deps.db
    .selectFrom('judging_rounds')
    .innerJoin('contests', 'contests.id', 'judging_rounds.contest_id')
    .select('judging_rounds.id')
    .where('contests.slug', '=', slug)
    .orderBy('judging_rounds.id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const roundFor = (allowed: readonly Caller[], caller: Caller, state: 'draft' | 'open' | 'locked' = 'open') =>
  allowed.includes(caller) ? freshRound(state) : anyRoundId();

/** A new approved entry (its original on disk) in a new open round: the round and the entry's blind code. */
async function jurorEntry(caller: Caller): Promise<{ roundId: number; ref: string }> {
  if (caller !== 'juror') return { roundId: await anyRoundId(), ref: 'P-000' };
  const entryId = await approvedId();
  const { accepted_upload_id } = await t.deps.db
    .selectFrom('entries')
    .select('accepted_upload_id')
    .where('id', '=', entryId)
    .executeTakeFirstOrThrow();
  fs.mkdirSync(path.dirname(uploadPath(t.deps, accepted_upload_id!)), { recursive: true });
  fs.writeFileSync(uploadPath(t.deps, accepted_upload_id!), Buffer.alloc(2048, 7));
  const roundId = await freshRound('open');
  const { code } = await t.deps.db
    .selectFrom('judging_blind_codes')
    .select('code')
    .where('entry_id', '=', entryId)
    .executeTakeFirstOrThrow();
  return { roundId, ref: code };
}

/** A juror scores every entry of theirs in a round (the value by position) and, when asked, submits. */
async function scoreAll(roundId: number, jurorId: number, submit: boolean): Promise<void> {
  await inJudging(async () => {
    const mine = await listJurorEntries(t.deps, jurorActor(jurorId), roundId);
    for (const [i, e] of mine.entries.entries()) {
      const v = 3 + (i % 7);
      await saveScoreSheet(t.deps, jurorActor(jurorId), roundId, e.ref, {
        baseVersion: e.version,
        sheet: { values: { c1: v, c2: v, c3: v }, comments: {}, abstain: null, note: '' },
      });
    }
    if (submit) await submitScoreSheets(t.deps, jurorActor(jurorId), roundId);
  });
}

let tieRound: { roundId: number; order: string[] } | null = null;
/** A locked round whose ranking has a tie waiting for the chair. */
async function roundWithTie(): Promise<{ roundId: number; order: string[] }> {
  if (tieRound) return tieRound;
  const roundId = await freshRound('open');
  await scoreAll(roundId, jurorCallerId, true);
  await scoreAll(roundId, secondJurorId, true);
  await lockJudgingRound(t.deps, admin(), roundId);
  const ranking = await getRoundRanking(t.deps, jurorActor(jurorCallerId), roundId, {});
  const waiting = ranking.ties.find((x) => x.awaitingChair)!.awaitingChair!;
  tieRound = { roundId, order: [...waiting].reverse() };
  return tieRound;
}

const AWARDS_VIEW: Caller[] = ['organizer', 'secretariat', 'secretary', 'publisher', 'finance', 'site_admin'];
const AWARDS_ALLOCATE: Caller[] = ['organizer', 'secretariat', 'site_admin'];
/**
 * For an allowed caller, a new contest at the awards stage asked, the caller holding their role in it (the clock is
 * left in its awards phase until `awardsCall` resets it); for a refused one, the demo contest. Entries E1–E3 are scored
 * 9, 8, 8 (a tie across the second and third prizes) or, from `proposed` on, 9, 8, 7.
 */
async function awardsStage(
  caller: Caller,
  allowed: readonly Caller[],
  stage: 'judged' | 'tied' | 'proposed' | 'approved' | 'announced' | 'withdrawn',
): Promise<{ slug: string; entryIds: number[]; tieId: string }> {
  if (!allowed.includes(caller)) return { slug, entryIds: [1, 2], tieId: 'jury:1-2' };
  const j = await judgedContest(t, {
    scores: stage === 'judged' || stage === 'tied' ? [9, 8, 8] : [9, 8, 7],
    prizeSource: { show: 'platform' },
  });
  if (caller !== 'site_admin')
    await grantContestRole(t.deps, admin(), j.slug, { identifier: emails.get(caller)!, role: caller as ContestRole });
  let tieId = '';
  if (stage === 'tied') {
    await proposeAllocation(t.deps, admin(), j.slug);
    tieId = (await getAllocation(t.deps, admin(), j.slug)).current!.openTies[0]!.tieId;
  }
  if (stage === 'proposed' || stage === 'approved') await proposeAllocation(t.deps, admin(), j.slug);
  if (stage === 'approved') await approveAllocation(t.deps, admin(), j.slug);
  if (stage === 'announced' || stage === 'withdrawn') await announceAwards(t, { slug: j.slug, organizer: admin() });
  if (stage === 'withdrawn')
    await t.deps.db.updateTable('entries').set({ status: 'draft' }).where('id', '=', j.entryIds[1]!).execute();
  return { slug: j.slug, entryIds: j.entryIds, tieId };
}

let publicResultsSlug = '';

async function awardsCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    t.setNow(null);
  }
}

/* ---- Budget estimate and the bodies' decisions (issue 13) ---- */

const BUDGET_VIEW: Caller[] = ['organizer', 'secretariat', 'finance', 'site_admin'];
const FINANCE: Caller[] = ['finance', 'site_admin'];

/** Puts the demo contest's current budget estimate in `state` (creating it), for a step that needs that state. */
async function budgetIn(state: 'draft' | 'submitted' | 'approved'): Promise<void> {
  const contestId = Number((await loadContest(t.deps.db, { slug })).id);
  const row = await t.deps.db
    .selectFrom('budget_estimates')
    .select(['id', 'revision'])
    .where('contest_id', '=', contestId)
    .orderBy('revision', 'desc')
    .executeTakeFirst();
  if (!row)
    await t.deps.db
      .insertInto('budget_estimates')
      .values({ contest_id: contestId, revision: 1, state, updated_at: new Date().toISOString() })
      .execute();
  else await t.deps.db.updateTable('budget_estimates').set({ state }).where('id', '=', row.id).execute();
}

const DECISION_QUERY = `issuer=${encodeURIComponent('Ủy ban nhân dân huyện Vĩnh Linh')}&place=Vinh%20Linh`;

/** A valid certificate of the demo contest, stored as issuance does (for the printing and revocation rows). */
async function certificateId(): Promise<number> {
  const entryId = await approvedId();
  const e = await t.deps.db.selectFrom('entries').selectAll().where('id', '=', entryId).executeTakeFirstOrThrow();
  const contest = await findContestRow(t.deps.db, { slug });
  await storeCertificates(
    t.deps,
    admin(),
    contest,
    1,
    [
      {
        prizeIndex: 0,
        place: entryId,
        prize: { name: 'Giải Nhất' },
        entry: {
          entryId,
          code: e.code ?? `#${entryId}`,
          title: 'Tác phẩm',
          unit: null,
          isGroup: false,
          groupName: '',
          authors: [{ fullName: 'Nguyễn Văn An', unitName: '' }],
        },
      },
    ],
    { place: 'Vĩnh Linh', superior: '', signer: 'Lê Văn Hòa' },
  );
  const row = await t.deps.db
    .selectFrom('certificates')
    .select('id')
    .where('entry_id', '=', entryId)
    .executeTakeFirstOrThrow();
  return row.id;
}

const CASES: Case[] = [
  { method: 'GET', route: '/api/health', allowed: EVERYONE, call: (c) => c.get('/api/health') },
  { method: 'GET', route: '/api/ready', allowed: EVERYONE, call: (c) => c.get('/api/ready') },
  { method: 'GET', route: '/api/challenge', allowed: EVERYONE, call: (c) => c.get('/api/challenge') },
  { method: 'GET', route: '/api/openapi.json', allowed: EVERYONE, call: (c) => c.get('/api/openapi.json') },
  { method: 'GET', route: '/api/auth/session', allowed: EVERYONE, call: (c) => c.get('/api/auth/session') },
  {
    method: 'POST',
    route: '/api/auth/register',
    allowed: EVERYONE,
    call: (c) =>
      c.post('/api/auth/register', {
        fullName: 'Nguyễn Văn Mới',
        email: `new-${uniq()}@example.vn`,
        password: TEST_PASSWORD,
      }),
  },
  {
    method: 'POST',
    route: '/api/auth/register/confirm',
    allowed: EVERYONE,
    call: (c) => {
      const email = `new-${uniq()}@example.vn`;
      return registerOverApi(t, c, { fullName: 'Nguyễn Văn Mới', email, password: TEST_PASSWORD }, email);
    },
  },
  {
    method: 'POST',
    route: '/api/auth/login',
    allowed: EVERYONE,
    call: async (_c, caller) =>
      new Client(t.app).login(
        caller === 'anonymous' ? emails.get('no_role')! : emails.get(caller)!,
        caller === 'site_admin' ? t.admin.password : TEST_PASSWORD,
      ),
  },
  {
    method: 'POST',
    route: '/api/auth/logout',
    allowed: EVERYONE,
    call: async (_c, caller) => {
      const fresh =
        caller === 'anonymous'
          ? new Client(t.app)
          : await loggedInClient(t, emails.get(caller)!, caller === 'site_admin' ? t.admin.password : TEST_PASSWORD);
      return fresh.post('/api/auth/logout');
    },
  },
  {
    method: 'POST',
    route: '/api/auth/password-reset/request',
    allowed: EVERYONE,
    call: (c) => c.post('/api/auth/password-reset/request', { email: `nobody-${uniq()}@example.vn` }),
  },
  {
    method: 'POST',
    route: '/api/auth/password-reset/confirm',
    allowed: EVERYONE,
    call: async (c) => {
      const u = await makeUser(t);
      await requestPasswordReset(t.deps, { email: u.email });
      const token = /token=([^\s]+)/.exec(t.sentMail.at(-1)!.text)![1]!;
      return c.post('/api/auth/password-reset/confirm', {
        token: decodeURIComponent(token),
        password: 'mat-khau-moi-12345',
      });
    },
  },
  {
    method: 'PATCH',
    route: '/api/account',
    allowed: LOGGED_IN,
    call: (c) => c.patch('/api/account', { locale: 'vi' }),
  },
  {
    method: 'POST',
    route: '/api/account/password',
    allowed: LOGGED_IN,
    call: (c, caller) =>
      c.post('/api/account/password', {
        currentPassword: caller === 'site_admin' ? t.admin.password : TEST_PASSWORD,
        newPassword: caller === 'site_admin' ? t.admin.password : TEST_PASSWORD,
      }),
  },
  {
    method: 'POST',
    route: '/api/account/contact',
    allowed: LOGGED_IN,
    call: (c, caller) =>
      c.post('/api/account/contact', {
        kind: 'phone',
        value: newPhone(),
        currentPassword: caller === 'site_admin' ? t.admin.password : TEST_PASSWORD,
      }),
  },
  {
    method: 'POST',
    route: '/api/account/contact/confirm',
    allowed: LOGGED_IN,
    call: async (c, caller) => {
      if (caller === 'anonymous') return c.post('/api/account/contact/confirm', { kind: 'phone', code: '000000' });
      const phone = newPhone();
      await c.post('/api/account/contact', {
        kind: 'phone',
        value: phone,
        currentPassword: caller === 'site_admin' ? t.admin.password : TEST_PASSWORD,
      });
      return c.post('/api/account/contact/confirm', { kind: 'phone', code: await codeSentTo(t, phone) });
    },
  },
  {
    method: 'GET',
    route: '/api/account/personal-data',
    allowed: LOGGED_IN,
    call: (c) => c.get('/api/account/personal-data'),
  },
  {
    method: 'GET',
    route: '/api/account/personal-data.pdf',
    allowed: LOGGED_IN,
    call: (c) => c.get('/api/account/personal-data.pdf'),
  },
  {
    method: 'GET',
    route: '/api/account/erasure-request',
    allowed: LOGGED_IN,
    call: (c) => c.get('/api/account/erasure-request'),
  },
  {
    method: 'POST',
    route: '/api/account/erasure-request',
    allowed: LOGGED_IN,
    call: (c, caller) =>
      c.post('/api/account/erasure-request', {
        password: caller === 'site_admin' ? t.admin.password : TEST_PASSWORD,
      }),
  },
  {
    method: 'GET',
    route: '/api/admin/erasure-requests',
    allowed: ADMIN_ONLY,
    call: (c) => c.get('/api/admin/erasure-requests'),
  },
  {
    method: 'POST',
    route: '/api/admin/erasure-requests/:requestId/carry-out',
    allowed: ADMIN_ONLY,
    call: async (c) => c.post(`/api/admin/erasure-requests/${await freshErasureRequest()}/carry-out`, {}),
  },
  {
    method: 'POST',
    route: '/api/admin/erasure-requests/:requestId/refuse',
    allowed: ADMIN_ONLY,
    call: async (c) =>
      c.post(`/api/admin/erasure-requests/${await freshErasureRequest()}/refuse`, {
        reason: 'Đang giải quyết khiếu nại liên quan.',
      }),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/retention',
    allowed: ORGANIZER,
    call: (c) => c.get(`/api/contests/${slug}/retention`),
  },
  {
    method: 'PUT',
    route: '/api/contests/:slug/retention',
    allowed: ORGANIZER,
    call: (c) => c.put(`/api/contests/${slug}/retention`, { months: 12 }),
  },
  { method: 'GET', route: '/api/contests', allowed: EVERYONE, call: (c) => c.get('/api/contests') },
  {
    method: 'POST',
    route: '/api/contests',
    allowed: ADMIN_ONLY,
    call: (c) => c.post('/api/contests', { ...demoContest(new Date()), slug: `cuoc-thi-${uniq()}` }),
  },
  { method: 'GET', route: '/api/contests/:slug', allowed: EVERYONE, call: (c) => c.get(`/api/contests/${slug}`) },
  {
    method: 'GET',
    route: '/api/contests/:slug/voting/settings',
    allowed: ['organizer', 'secretariat', 'secretary', 'publisher', 'site_admin'],
    call: (c) => c.get(`/api/contests/${slug}/voting/settings`),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/voting/me',
    allowed: EVERYONE,
    call: (c) => c.get(`/api/contests/${slug}/voting/me`),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/voting/codes',
    allowed: EVERYONE,
    call: async (c) => {
      await setVotingWindow(t, slug);
      c.remoteAddress = `10.77.${++seq % 250}.1`;
      return c.post(`/api/contests/${slug}/voting/codes`, {
        kind: 'phone',
        value: `0981${String(++seq).padStart(6, '0')}`,
        altcha: await solvedChallenge(c),
      });
    },
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/voting/codes/confirm',
    allowed: EVERYONE,
    call: async (c) => {
      await setVotingWindow(t, slug);
      c.remoteAddress = `10.78.${++seq % 250}.1`;
      const local = `0982${String(++seq).padStart(6, '0')}`;
      await c.post(`/api/contests/${slug}/voting/codes`, {
        kind: 'phone',
        value: local,
        altcha: await solvedChallenge(c),
      });
      return c.post(`/api/contests/${slug}/voting/codes/confirm`, { code: smsCodes(t, `+84${local.slice(1)}`).at(-1) });
    },
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/entries/:entryId/votes',
    allowed: EVERYONE,
    call: async (c) => {
      // Anyone may vote once verified by a code: each caller verifies a number of its own first.
      await setVotingWindow(t, slug);
      c.remoteAddress = `10.79.${++seq % 250}.1`;
      const entryId = await approvedId({ published: true });
      await verifyPhone(t, c, slug, `0983${String(++seq).padStart(6, '0')}`);
      return c.post(`/api/contests/${slug}/entries/${entryId}/votes`, { altcha: await solvedChallenge(c) });
    },
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/voting/results',
    allowed: EVERYONE,
    call: (c) => c.get(`/api/contests/${slug}/voting/results`),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/voting/log',
    allowed: EVERYONE,
    call: (c) => c.get(`/api/contests/${slug}/voting/log`),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/voting/digests',
    allowed: EVERYONE,
    call: (c) => c.get(`/api/contests/${slug}/voting/digests`),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/voting/stats',
    allowed: ['organizer', 'secretariat', 'secretary', 'publisher', 'site_admin'],
    call: (c) => c.get(`/api/contests/${slug}/voting/stats`),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/voting/quarantine',
    allowed: COMMITTEE,
    call: (c) => c.get(`/api/contests/${slug}/voting/quarantine`),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/voting/quarantine/decisions',
    allowed: COMMITTEE,
    call: async (c) => {
      // Set-up: the latest vote (cast by the votes case above) held for review.
      const v = await t.deps.db.selectFrom('votes').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
      await t.deps.db.updateTable('votes').set({ status: 'quarantined' }).where('id', '=', v.id).execute();
      return c.post(`/api/contests/${slug}/voting/quarantine/decisions`, {
        voteIds: [v.id],
        decision: { to: 'counted' },
      });
    },
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/voting/residents',
    allowed: ['organizer', 'secretariat', 'secretary', 'publisher', 'site_admin'],
    call: (c) => c.get(`/api/contests/${slug}/voting/residents`),
  },
  {
    method: 'PUT',
    route: '/api/contests/:slug/voting/residents',
    allowed: ORGANIZER,
    call: (c) =>
      c.request('PUT', `/api/contests/${slug}/voting/residents`, undefined, {
        raw: Buffer.from('so_dien_thoai\n0912345678\n'),
        contentType: 'text/csv',
      }),
  },
  {
    method: 'DELETE',
    route: '/api/contests/:slug/voting/residents',
    allowed: ORGANIZER,
    call: (c) => c.delete(`/api/contests/${slug}/voting/residents`),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/voting/tie-decision',
    allowed: ORGANIZER,
    call: async (c) => {
      // Set-up: voting over, two entries tied at one counted vote each at the same instant, no rule to settle it.
      await setVotingWindow(t, slug);
      await t.deps.db.deleteFrom('voting_results').execute();
      const rows = await t.deps.db.selectFrom('votes').select(['id', 'entry_id']).orderBy('id').execute();
      const [a, b] = [...new Set(rows.map((r) => r.entry_id))];
      await t.deps.db.updateTable('votes').set({ status: 'invalidated' }).execute();
      const keep = [rows.find((r) => r.entry_id === a)!.id, rows.find((r) => r.entry_id === b)!.id];
      await t.deps.db
        .updateTable('votes')
        .set({ status: 'counted', cast_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', 'in', keep)
        .execute();
      const codes = await t.deps.db.selectFrom('entries').select('code').where('id', '=', a!).executeTakeFirstOrThrow();
      const window = await t.deps.db
        .selectFrom('contest_phases')
        .innerJoin('contests', 'contests.id', 'contest_phases.contest_id')
        .select('contest_phases.ends_at')
        .where('contests.slug', '=', slug)
        .where('contest_phases.kind', '=', 'public_voting')
        .executeTakeFirstOrThrow();
      t.setNow(new Date(Date.parse(String(window.ends_at)) + 60_000));
      try {
        return await c.post(`/api/contests/${slug}/voting/tie-decision`, {
          chosen: [codes.code],
          record: 'Biên bản họp Ban Tổ chức số 05/BB-BTC',
        });
      } finally {
        t.setNow(null);
      }
    },
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/voting/fanpage',
    allowed: FANPAGE_CONFIRM,
    call: (c) => c.get(`/api/contests/${slug}/voting/fanpage`),
  },
  {
    method: 'PUT',
    route: '/api/contests/:slug/voting/fanpage/:entryId',
    allowed: FANPAGE_RECORD,
    call: async (c) =>
      c.put(`/api/contests/${slug}/voting/fanpage/${await approvedId({ published: true })}`, {
        postUrl: `https://www.facebook.com/dai/posts/${uniq()}`,
        reactions: 10,
        shares: 2,
        comments: 1,
      }),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/voting/fanpage/:entryId/evidence',
    allowed: FANPAGE_RECORD,
    call: async (c) =>
      c.request('POST', `/api/contests/${slug}/voting/fanpage/${await fanpageRow()}/evidence`, undefined, {
        raw: PNG_BYTES,
      }),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/voting/fanpage/:entryId/evidence',
    allowed: FANPAGE_CONFIRM,
    call: async (c) => {
      const entryId = await fanpageRow();
      await attachFanpageEvidence(t.deps, admin(), slug, entryId, PNG_BYTES);
      return c.get(`/api/contests/${slug}/voting/fanpage/${entryId}/evidence`);
    },
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/voting/fanpage/import',
    allowed: FANPAGE_RECORD,
    call: async (c) => {
      const id = await approvedId({ published: true });
      const e = await t.deps.db.selectFrom('entries').select('code').where('id', '=', id).executeTakeFirstOrThrow();
      const csv = `ma_tac_pham,lien_ket,cam_xuc,chia_se,binh_luan\n${e.code},https://www.facebook.com/p/${id},5,1,0\n`;
      return c.request('POST', `/api/contests/${slug}/voting/fanpage/import`, undefined, {
        raw: Buffer.from(csv),
        contentType: 'text/csv',
      });
    },
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/voting/results/publish',
    allowed: ORGANIZER,
    call: async (c) => {
      // Set-up: voting over, nothing held for review, not yet published (undone after each call).
      await t.deps.db.deleteFrom('voting_results').execute();
      await t.deps.db.updateTable('votes').set({ status: 'invalidated' }).where('status', '=', 'quarantined').execute();
      const window = await t.deps.db
        .selectFrom('contest_phases')
        .innerJoin('contests', 'contests.id', 'contest_phases.contest_id')
        .select('contest_phases.ends_at')
        .where('contests.slug', '=', slug)
        .where('contest_phases.kind', '=', 'public_voting')
        .executeTakeFirstOrThrow();
      t.setNow(new Date(Date.parse(String(window.ends_at)) + 60_000));
      try {
        return await c.post(`/api/contests/${slug}/voting/results/publish`);
      } finally {
        t.setNow(null);
        await t.deps.db.deleteFrom('voting_results').execute();
      }
    },
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/voting/fanpage/confirm',
    allowed: FANPAGE_CONFIRM,
    call: async (c) => {
      // Set-up: every figure open, with a screenshot, last entered by someone who is none of the callers.
      await fanpageRow();
      await t.deps.db
        .updateTable('fanpage_counts')
        .set({ edited_by: entrantActor.userId, evidence_key: 'contests/x/fanpage/stand-in.png', confirmed_by: null })
        .execute();
      return c.post(`/api/contests/${slug}/voting/fanpage/confirm`);
    },
  },
  {
    method: 'PUT',
    route: '/api/contests/:slug/voting/settings',
    allowed: ORGANIZER,
    call: (c) => c.put(`/api/contests/${slug}/voting/settings`, { tallies: 'live' }),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/awards/allocation',
    allowed: AWARDS_VIEW,
    call: (c) => c.get(`/api/contests/${slug}/awards/allocation`),
  },
  {
    method: 'GET',
    route: '/api/public/contests/:slug/results',
    allowed: EVERYONE,
    call: async (c) => {
      if (!publicResultsSlug) {
        const j = await judgedContest(t, { scores: [9, 8] });
        await announceAwards(t, { slug: j.slug, organizer: admin() });
        t.setNow(null);
        publicResultsSlug = j.slug;
      }
      return c.get(`/api/public/contests/${publicResultsSlug}/results`);
    },
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/awards/allocation/propose',
    allowed: AWARDS_ALLOCATE,
    call: (c, caller) =>
      awardsCall(async () => {
        const a = await awardsStage(caller, AWARDS_ALLOCATE, 'judged');
        return c.post(`/api/contests/${a.slug}/awards/allocation/propose`);
      }),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/awards/ties/:tieId/decision',
    allowed: ORGANIZER,
    call: (c, caller) =>
      awardsCall(async () => {
        const a = await awardsStage(caller, ORGANIZER, 'tied');
        return c.post(`/api/contests/${a.slug}/awards/ties/${encodeURIComponent(a.tieId)}/decision`, {
          order: a.tieId.slice(5).split('-').map(Number),
          reason: 'Ban Tổ chức thống nhất thứ tự này.',
        });
      }),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/awards/allocation/approve',
    allowed: ORGANIZER,
    call: (c, caller) =>
      awardsCall(async () => {
        const a = await awardsStage(caller, ORGANIZER, 'proposed');
        return c.post(`/api/contests/${a.slug}/awards/allocation/approve`);
      }),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/awards/allocation/reopen',
    allowed: ORGANIZER,
    call: (c, caller) =>
      awardsCall(async () => {
        const a = await awardsStage(caller, ORGANIZER, 'approved');
        return c.post(`/api/contests/${a.slug}/awards/allocation/reopen`, { reason: 'Cần xem lại biên bản chấm.' });
      }),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/awards/allocation/announce',
    allowed: ORGANIZER,
    call: (c, caller) =>
      awardsCall(async () => {
        const a = await awardsStage(caller, ORGANIZER, 'approved');
        return c.post(`/api/contests/${a.slug}/awards/allocation/announce`);
      }),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/awards/revocations',
    allowed: ORGANIZER,
    call: (c, caller) =>
      awardsCall(async () => {
        const a = await awardsStage(caller, ORGANIZER, 'withdrawn');
        return c.post(`/api/contests/${a.slug}/awards/revocations`, {
          entryId: a.entryIds[1],
          prizeIndex: 1,
          reason: 'Tác giả xin rút tác phẩm sau khi công bố.',
        });
      }),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/awards/allocation/amend',
    allowed: ORGANIZER,
    call: (c, caller) =>
      awardsCall(async () => {
        const a = await awardsStage(caller, ORGANIZER, 'withdrawn');
        return c.post(`/api/contests/${a.slug}/awards/allocation/amend`, { reason: 'Tác giả giải Nhì xin rút.' });
      }),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/copy',
    allowed: ADMIN_ONLY,
    call: (c) => c.post(`/api/contests/${slug}/copy`, { slug: `ban-sao-${uniq()}`, name: 'Bản sao', offsetDays: 7 }),
  },
  {
    method: 'PATCH',
    route: '/api/contests/:slug',
    allowed: ADMIN_ONLY,
    call: (c) => c.patch('/api/contests/cuoc-thi-khac', { name: `Cuộc thi khác ${uniq()}` }),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/demo-contents',
    allowed: ADMIN_ONLY,
    call: (c) => c.get(`/api/contests/${slug}/demo-contents`),
  },
  {
    method: 'DELETE',
    route: '/api/contests/:slug',
    allowed: ADMIN_ONLY,
    call: async (c) => {
      const demo = await createContest(
        t.deps,
        admin(),
        { ...demoContest(new Date()), slug: `mau-${uniq()}` },
        { isDemo: true },
      );
      return c.delete(`/api/contests/${demo.slug}`);
    },
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/status',
    allowed: ADMIN_ONLY,
    call: (c) => c.post('/api/contests/cuoc-thi-khac/status', { status: 'published' }),
  },
  {
    method: 'PUT',
    route: '/api/contests/:slug',
    allowed: ORGANIZER,
    call: async (c) => {
      const v = (await c.get(`/api/contests/${slug}`)).json();
      const body = {
        name: v.name,
        theme: v.theme,
        topics: v.topics,
        rulesMarkdown: v.rulesMarkdown,
        timeZone: v.timeZone,
        entryRules: v.entryRules,
        prizes: v.prizes,
        rubric: v.rubric,
        maxEntriesPerPerson: v.maxEntriesPerPerson,
        phases: v.phases,
        unitCategories: v.unitCategories.map(({ id: _id, ...cat }: { id: number }) => cat),
      };
      return c.put(`/api/contests/${slug}`, body);
    },
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/units',
    allowed: INTAKE_READ,
    call: (c) => c.get(`/api/contests/${slug}/units`),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/units',
    allowed: INTAKE_WRITE,
    call: (c) => c.post(`/api/contests/${slug}/units`, { name: `Hợp tác xã ${uniq()}`, categoryCode: 'organization' }),
  },
  {
    method: 'PUT',
    route: '/api/contests/:slug/units/:unitId',
    allowed: INTAKE_WRITE,
    call: async (c) => {
      const { id } = await saveUnit(t.deps, admin(), slug, { name: `Trường ${uniq()}`, categoryCode: 'organization' });
      return c.put(`/api/contests/${slug}/units/${id}`, {
        name: `Trường đổi tên ${uniq()}`,
        categoryCode: 'organization',
      });
    },
  },
  {
    method: 'DELETE',
    route: '/api/contests/:slug/units/:unitId',
    allowed: INTAKE_WRITE,
    call: async (c) => {
      const { id } = await saveUnit(t.deps, admin(), slug, {
        name: `Đơn vị xóa ${uniq()}`,
        categoryCode: 'organization',
      });
      return c.delete(`/api/contests/${slug}/units/${id}`);
    },
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/units/:unitId/remind',
    allowed: INTAKE_WRITE,
    call: async (c) => {
      const { id } = await saveUnit(t.deps, admin(), slug, {
        name: `Xã nhắc nhở ${uniq()}`,
        categoryCode: 'commune',
        contactEmail: 'lienhe@example.vn',
      });
      return c.post(`/api/contests/${slug}/units/${id}/remind`);
    },
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/units/import',
    allowed: INTAKE_WRITE,
    call: (c) =>
      c.request('POST', `/api/contests/${slug}/units/import?filename=units.csv`, undefined, {
        raw: Buffer.from(`ten,loai\nHội Nông dân ${uniq()},organization\n`),
        contentType: 'text/csv',
      }),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/certificates',
    allowed: COMMITTEE,
    call: (c, caller) =>
      awardsCall(async () => {
        const a = await awardsStage(caller, COMMITTEE, 'announced');
        return c.post(`/api/contests/${a.slug}/certificates`, { place: 'Vĩnh Linh' });
      }),
  },
  ...(
    [
      ['award-decision.docx', COMMITTEE, `?${DECISION_QUERY}`],
      ['payment-list.xlsx', BUDGET_VIEW, ''],
      ['cchc-list.xlsx', COMMITTEE, ''],
    ] as const
  ).map(([file, allowed, query]) => ({
    method: 'GET' as const,
    route: `/api/contests/:slug/documents/${file}`,
    allowed,
    call: (c: Client, caller: Caller) =>
      awardsCall(async () => {
        const a = await awardsStage(caller, allowed, 'announced');
        return c.get(`/api/contests/${a.slug}/documents/${file}${query}`);
      }),
  })),
  {
    method: 'GET',
    route: '/api/contests/:slug/awards/winners/:entryId/republication.zip',
    allowed: PUBLISHERS,
    call: (c, caller) =>
      awardsCall(async () => {
        const a = await awardsStage(caller, PUBLISHERS, 'announced');
        if (PUBLISHERS.includes(caller)) await storeAcceptedOriginal(t, a.entryIds[0]!, Buffer.from('video'));
        return c.get(`/api/contests/${a.slug}/awards/winners/${a.entryIds[0]}/republication.zip`);
      }),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/archive.zip',
    allowed: ORGANIZER,
    call: (c, caller) =>
      awardsCall(async () => {
        const a = await awardsStage(caller, ORGANIZER, 'announced');
        return c.get(`/api/contests/${a.slug}/archive.zip`);
      }),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/certificates',
    allowed: COMMITTEE,
    call: (c) => c.get(`/api/contests/${slug}/certificates`),
  },
  ...(['pdf', 'zip'] as const).map((format) => ({
    method: 'GET' as const,
    route: `/api/contests/:slug/certificates.${format}`,
    allowed: COMMITTEE,
    call: async (c: Client) => {
      // One certificate to print is enough: every caller prints the same few.
      const valid = await t.deps.db
        .selectFrom('certificates')
        .innerJoin('contests', 'contests.id', 'certificates.contest_id')
        .select('certificates.id')
        .where('contests.slug', '=', slug)
        .where('certificates.status', '=', 'valid')
        .execute();
      if (valid.length === 0) await certificateId();
      return c.get(`/api/contests/${slug}/certificates.${format}`);
    },
  })),
  {
    method: 'POST',
    route: '/api/contests/:slug/certificates/:certificateId/revoke',
    allowed: COMMITTEE,
    call: async (c) =>
      c.post(`/api/contests/${slug}/certificates/${await certificateId()}/revoke`, {
        reason: 'Thu hồi để kiểm tra quyền',
      }),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/certificates/:certificateId/reissue',
    allowed: COMMITTEE,
    call: async (c) =>
      c.post(`/api/contests/${slug}/certificates/${await certificateId()}/reissue`, {
        recipient: 'Nguyễn Văn Ân',
        reason: 'Sửa tên để kiểm tra quyền',
      }),
  },
  {
    method: 'GET',
    route: '/api/public/certificates/:code',
    allowed: EVERYONE,
    call: (c) => c.get('/api/public/certificates/ABCDEFGHJKMNPQRSTVWX'),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/budget',
    allowed: BUDGET_VIEW,
    call: (c) => c.get(`/api/contests/${slug}/budget`),
  },
  {
    method: 'PUT',
    route: '/api/contests/:slug/budget',
    allowed: COMMITTEE,
    call: async (c) => {
      await budgetIn('draft');
      return c.put(`/api/contests/${slug}/budget`, {
        lines: [{ category: 'printing', description: 'In giấy chứng nhận', unit: 'bộ', quantity: 8, unitPriceVnd: 1 }],
      });
    },
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/budget/submit',
    allowed: COMMITTEE,
    call: async (c) => {
      await budgetIn('draft');
      return c.post(`/api/contests/${slug}/budget/submit`);
    },
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/budget/approve',
    allowed: FINANCE,
    call: async (c) => {
      await budgetIn('submitted');
      return c.post(`/api/contests/${slug}/budget/approve`);
    },
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/budget/return',
    allowed: FINANCE,
    call: async (c) => {
      await budgetIn('submitted');
      return c.post(`/api/contests/${slug}/budget/return`, { text: 'Đề nghị rà soát lại đơn giá' });
    },
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/budget/revise',
    allowed: COMMITTEE,
    call: async (c) => {
      await budgetIn('approved');
      return c.post(`/api/contests/${slug}/budget/revise`, { text: 'Cơ cấu giải thưởng thay đổi' });
    },
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/budget.xlsx',
    allowed: BUDGET_VIEW,
    call: (c) => c.get(`/api/contests/${slug}/budget.xlsx`),
  },
  ...(['docx', 'pdf'] as const).map((format) => ({
    method: 'GET' as const,
    route: `/api/contests/:slug/documents/roster-decision.${format}`,
    allowed: COMMITTEE,
    call: async (c: Client) => {
      await addRosterMember(t.deps, admin(), slug, {
        body: 'organizing_committee',
        fullName: 'Nguyễn Văn Trưởng',
        roleInBody: 'head',
        email: `btc-${uniq()}@example.vn`,
      });
      return c.get(
        `/api/contests/${slug}/documents/roster-decision.${format}?body=organizing_committee&${DECISION_QUERY}`,
      );
    },
  })),
  {
    method: 'GET',
    route: '/api/contests/:slug/document-settings',
    allowed: COMMITTEE,
    call: (c) => c.get(`/api/contests/${slug}/document-settings`),
  },
  {
    method: 'PUT',
    route: '/api/contests/:slug/document-settings',
    allowed: ORGANIZER,
    call: (c) => c.put(`/api/contests/${slug}/document-settings`, DEMO_DOCUMENT_SETTINGS),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/roster',
    allowed: INTAKE_READ,
    call: (c) => c.get(`/api/contests/${slug}/roster`),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/roster',
    allowed: INTAKE_WRITE,
    call: (c) =>
      c.post(`/api/contests/${slug}/roster`, {
        body: 'jury',
        fullName: 'Trần Thị Giám Khảo',
        email: `gk-${uniq()}@example.vn`,
      }),
  },
  {
    method: 'DELETE',
    route: '/api/contests/:slug/roster/:memberId',
    allowed: INTAKE_WRITE,
    call: async (c) => {
      const { id } = await addRosterMember(t.deps, admin(), slug, {
        body: 'secretariat',
        fullName: 'Lê Văn Thư',
        email: `tk-${uniq()}@example.vn`,
      });
      return c.delete(`/api/contests/${slug}/roster/${id}`);
    },
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/roles',
    allowed: ORGANIZER,
    call: (c) => c.get(`/api/contests/${slug}/roles`),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/roles',
    allowed: ORGANIZER,
    call: async (c) => {
      const u = await makeUser(t);
      return c.post(`/api/contests/${slug}/roles`, { identifier: u.email, role: 'juror' });
    },
  },
  {
    method: 'DELETE',
    route: '/api/contests/:slug/roles/:roleId',
    allowed: ORGANIZER,
    call: async (c) => {
      const u = await makeUser(t);
      const { id } = await grantContestRole(t.deps, admin(), slug, { identifier: u.email, role: 'finance' });
      return c.delete(`/api/contests/${slug}/roles/${id}`);
    },
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/audit',
    allowed: ORGANIZER,
    call: (c) => c.get(`/api/contests/${slug}/audit`),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/audit/people',
    allowed: ORGANIZER,
    call: (c) => c.get(`/api/contests/${slug}/audit/people`),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/audit.xlsx',
    allowed: ORGANIZER,
    call: (c) => c.get(`/api/contests/${slug}/audit.xlsx?action=roster.add`),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/entries',
    allowed: LOGGED_IN.filter((c) => !STAFF_OF_CONTEST.includes(c)),
    denied: (c) => (c === 'anonymous' ? 'auth.required' : 'entry.staffExcluded'),
    call: (c) =>
      c.post(`/api/contests/${slug}/entries`, completeDraft({ kind: 'person' }, { title: `Bản nháp ${uniq()}` })),
  },
  {
    method: 'PUT',
    route: '/api/contests/:slug/entries/:entryId',
    allowed: ['entrant'],
    denied: ownedBy('entry.notFound'),
    call: async (c) =>
      c.put(
        `/api/contests/${slug}/entries/${await entrantDraft()}`,
        completeDraft({ kind: 'person' }, { title: 'Đổi tên' }),
      ),
  },
  {
    method: 'GET',
    route: '/api/entries/:entryId',
    allowed: ENTRY_READERS,
    denied: ownedBy('entry.notFound'),
    call: async (c) => c.get(`/api/entries/${await entrantDraft()}`),
  },
  {
    method: 'POST',
    route: '/api/entries/:entryId/submit',
    allowed: ['entrant'],
    denied: ownedBy('entry.notFound'),
    call: async (c) => c.post(`/api/entries/${await entrantDraft({ file: true })}/submit`),
  },
  {
    method: 'POST',
    route: '/api/entries/:entryId/withdraw',
    allowed: ['entrant'],
    denied: ownedBy('entry.notFound'),
    call: async (c) => c.post(`/api/entries/${await entrantDraft({ submitted: true })}/withdraw`),
  },
  {
    method: 'GET',
    route: '/api/entries/:entryId/receipt',
    allowed: ENTRY_READERS,
    denied: ownedBy('entry.notFound'),
    call: async (c) => c.get(`/api/entries/${await entrantDraft({ submitted: true })}/receipt`),
  },
  {
    method: 'GET',
    route: '/api/entries/:entryId/renditions',
    allowed: ENTRY_READERS,
    denied: ownedBy('entry.notFound'),
    call: async (c) => c.get(`/api/entries/${await entrantDraft()}/renditions`),
  },
  {
    method: 'GET',
    route: '/api/entries/:entryId/media/:file',
    allowed: ENTRY_READERS,
    denied: ownedBy('entry.notFound'),
    call: async (c) => c.get(`/api/entries/${await entrantMedia()}/media/master.m3u8`),
  },
  {
    method: 'GET',
    route: '/api/entries/:entryId/media/:variant/:file',
    allowed: ENTRY_READERS,
    denied: ownedBy('entry.notFound'),
    call: async (c) => c.get(`/api/entries/${await entrantMedia()}/media/360p/seg_00000.ts`),
  },
  {
    method: 'GET',
    route: '/api/entries/:entryId/original',
    allowed: ENTRY_READERS,
    denied: ownedBy('entry.notFound'),
    call: async (c) => c.get(`/api/entries/${await entrantMedia()}/original`),
  },
  {
    method: 'DELETE',
    route: '/api/entries/:entryId',
    allowed: ['entrant', 'organizer', 'site_admin'],
    denied: ownedBy('entry.notFound'),
    call: async (c) =>
      c.request('DELETE', `/api/entries/${await entrantMedia()}`, { reason: 'Người dự thi đề nghị xóa' }),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/storage',
    allowed: INTAKE_WRITE,
    call: (c) => c.get(`/api/contests/${slug}/storage`),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/reference-clips',
    allowed: ORGANIZER,
    call: (c) => c.get(`/api/contests/${slug}/reference-clips`),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/reference-clips',
    allowed: ORGANIZER,
    call: async (c) =>
      c.request('POST', `/api/contests/${slug}/reference-clips?title=B%E1%BA%A3n+tin&source=VTV`, undefined, {
        raw: fs.readFileSync(await referenceVideo()),
        contentType: 'video/mp4',
      }),
  },
  {
    method: 'DELETE',
    route: '/api/contests/:slug/reference-clips/:clipId',
    allowed: ORGANIZER,
    call: async (c) => c.delete(`/api/contests/${slug}/reference-clips/${await referenceClipId()}`),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/jobs/failed',
    allowed: INTAKE_WRITE,
    call: (c) => c.get(`/api/contests/${slug}/jobs/failed`),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/jobs/:jobId/retry',
    allowed: INTAKE_WRITE,
    call: async (c) => c.post(`/api/contests/${slug}/jobs/${await failedJobId()}/retry`),
  },
  {
    method: 'GET',
    route: '/api/admin/storage/orphans',
    allowed: ADMIN_ONLY,
    call: (c) => c.get('/api/admin/storage/orphans'),
  },
  {
    method: 'POST',
    route: '/api/admin/storage/orphans/delete',
    allowed: ADMIN_ONLY,
    call: (c) => c.post('/api/admin/storage/orphans/delete'),
  },
  {
    method: 'PUT',
    route: '/api/entries/:entryId/subtitles/:lang',
    allowed: ['entrant', ...INTAKE_WRITE],
    denied: ownedBy('entry.notFound'),
    call: async (c) =>
      c.request('PUT', `/api/entries/${await entrantDraft()}/subtitles/vi`, undefined, {
        raw: Buffer.from(SRT_SAMPLE),
        contentType: 'application/x-subrip',
      }),
  },
  {
    method: 'DELETE',
    route: '/api/entries/:entryId/subtitles/:lang',
    allowed: ['entrant', ...INTAKE_WRITE],
    denied: ownedBy('entry.notFound'),
    call: async (c) => c.delete(`/api/entries/${await entrantSubtitled()}/subtitles/vi`),
  },
  {
    method: 'GET',
    route: '/api/entries/:entryId/subtitles',
    allowed: ENTRY_READERS,
    denied: ownedBy('entry.notFound'),
    call: async (c) => c.get(`/api/entries/${await entrantSubtitled()}/subtitles`),
  },
  {
    method: 'GET',
    route: '/api/entries/:entryId/subtitles/:lang.vtt',
    allowed: ENTRY_READERS,
    denied: ownedBy('entry.notFound'),
    call: async (c) => c.get(`/api/entries/${await entrantSubtitled()}/subtitles/vi.vtt`),
  },
  { method: 'GET', route: '/api/me/entries', allowed: LOGGED_IN, call: (c) => c.get('/api/me/entries') },
  {
    method: 'GET',
    route: '/api/contests/:slug/review-queue',
    allowed: INTAKE_READ,
    call: (c) => c.get(`/api/contests/${slug}/review-queue`),
  },
  {
    method: 'GET',
    route: '/api/entries/:entryId/reviews',
    allowed: ENTRY_READERS,
    denied: ownedBy('entry.notFound'),
    call: async (c) => c.get(`/api/entries/${await entrantDraft({ submitted: true })}/reviews`),
  },
  {
    method: 'POST',
    route: '/api/entries/:entryId/reviews',
    allowed: ['organizer', 'secretariat', 'site_admin'],
    denied: reviewDenied,
    call: async (c) => c.post(`/api/entries/${await entrantDraft({ submitted: true })}/reviews`, REVIEW_OK),
  },
  {
    method: 'POST',
    route: '/api/entries/:entryId/fix-deadline',
    allowed: ['organizer', 'secretariat', 'site_admin'],
    denied: reviewDenied,
    call: async (c) =>
      c.post(`/api/entries/${await returnedEntry()}/fix-deadline`, {
        fixDeadline: new Date(Date.now() + 96 * 3600_000).toISOString(),
      }),
  },
  {
    method: 'GET',
    route: '/api/public/contests/:slug/gallery',
    allowed: EVERYONE,
    call: (c) => c.get(`/api/public/contests/${slug}/gallery`),
  },
  {
    method: 'GET',
    route: '/api/public/entries/:entryId',
    allowed: EVERYONE,
    call: async (c) => c.get(`/api/public/entries/${await approvedId({ published: true })}`),
  },
  {
    method: 'GET',
    route: '/api/public/entries/:entryId/media/:file',
    allowed: EVERYONE,
    call: async (c) => c.get(`/api/public/entries/${await approvedId({ published: true })}/media/poster.jpg`),
  },
  {
    method: 'GET',
    route: '/api/public/entries/:entryId/media/:variant/:file',
    allowed: EVERYONE,
    call: async (c) => c.get(`/api/public/entries/${await approvedId({ published: true })}/media/360p/seg_00000.ts`),
  },
  {
    method: 'GET',
    route: '/api/public/entries/:entryId/subtitles/:file',
    allowed: EVERYONE,
    call: async (c) =>
      c.get(`/api/public/entries/${await approvedId({ published: true, subtitled: true })}/subtitles/vi.vtt`),
  },
  {
    method: 'POST',
    route: '/api/public/entries/:entryId/reports',
    allowed: EVERYONE,
    call: async (c) =>
      c.post(`/api/public/entries/${await approvedId({ published: true })}/reports`, {
        kind: 'rights',
        reason: 'Nhạc nền có bản quyền của người khác',
      }),
  },
  {
    method: 'GET',
    route: '/api/public/contests/:slug/news',
    allowed: EVERYONE,
    call: (c) => c.get(`/api/public/contests/${slug}/news`),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/publication',
    allowed: PUBLISHERS,
    call: (c) => c.get(`/api/contests/${slug}/publication`),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/publication/publish',
    allowed: PUBLISHERS,
    call: async (c) => c.post(`/api/contests/${slug}/publication/publish`, { entryIds: [await approvedId()] }),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/publication/:entryId/unpublish',
    allowed: PUBLISHERS,
    call: async (c) =>
      c.post(`/api/contests/${slug}/publication/${await approvedId({ published: true })}/unpublish`, {
        reason: 'Kiểm tra quyền gỡ',
      }),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/publication/captions.csv',
    allowed: PUBLISHERS,
    call: (c) => c.get(`/api/contests/${slug}/publication/captions.csv`),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/reports',
    allowed: COMMITTEE,
    call: (c) => c.get(`/api/contests/${slug}/reports`),
  },
  {
    method: 'POST',
    route: '/api/reports/:reportId/resolve',
    allowed: COMMITTEE,
    call: async (c) =>
      c.post(`/api/reports/${await openReportId()}/resolve`, { status: 'dismissed', outcome: 'Không có căn cứ' }),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/news',
    allowed: ORGANIZER,
    call: (c) => c.post(`/api/contests/${slug}/news`, { title: 'Thông báo mới', body: 'Nội dung thông báo' }),
  },
  {
    method: 'PUT',
    route: '/api/contests/:slug/news/:postId',
    allowed: ORGANIZER,
    call: async (c) =>
      c.put(`/api/contests/${slug}/news/${await newsPostId()}`, { title: 'Sửa thông báo', body: 'Nội dung mới' }),
  },
  {
    method: 'DELETE',
    route: '/api/contests/:slug/news/:postId',
    allowed: ORGANIZER,
    call: async (c) => c.delete(`/api/contests/${slug}/news/${await newsPostId()}`),
  },
  { method: 'GET', route: '/api/me/notifications', allowed: LOGGED_IN, call: (c) => c.get('/api/me/notifications') },
  {
    method: 'POST',
    route: '/api/me/notifications/:id/read',
    allowed: LOGGED_IN,
    call: async (c, caller) => c.post(`/api/me/notifications/${await notificationOf(caller)}/read`),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/entries',
    allowed: INTAKE_READ,
    call: (c) => c.get(`/api/contests/${slug}/entries`),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/entries.xlsx',
    allowed: INTAKE_READ,
    call: (c) => c.get(`/api/contests/${slug}/entries.xlsx`),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/compliance.xlsx',
    allowed: INTAKE_READ,
    call: (c) => c.get(`/api/contests/${slug}/compliance.xlsx`),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/compliance',
    allowed: INTAKE_READ,
    call: (c) => c.get(`/api/contests/${slug}/compliance`),
  },
  {
    method: 'POST',
    route: '/api/uploads',
    allowed: ['entrant'],
    denied: ownedBy('entry.notFound'),
    call: async (c) => c.request('POST', '/api/uploads', undefined, { headers: tusHeaders(await entrantDraft()) }),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/entries',
    allowed: INTAKE_WRITE,
    call: (c) =>
      c.post(
        `/api/contests/${slug}/entries?intake=true`,
        completeDraft({ kind: 'unit', unitId: unitForIntake }, { title: `Tiếp nhận ${uniq()}` }),
      ),
  },
  {
    method: 'HEAD',
    route: '/api/uploads/:uploadId',
    allowed: ['entrant'],
    denied: ownedBy('upload.notFound'),
    call: async (c) =>
      c.request('HEAD', `/api/uploads/${await entrantUpload()}`, undefined, { headers: { 'tus-resumable': '1.0.0' } }),
  },
  {
    method: 'PATCH',
    route: '/api/uploads/:uploadId',
    allowed: ['entrant'],
    denied: ownedBy('upload.notFound'),
    call: async (c) =>
      c.request('PATCH', `/api/uploads/${await entrantUpload()}`, undefined, {
        headers: { 'tus-resumable': '1.0.0', 'upload-offset': '0' },
        raw: Buffer.alloc(10, 1),
        contentType: 'application/offset+octet-stream',
      }),
  },
  {
    method: 'DELETE',
    route: '/api/uploads/:uploadId',
    allowed: ['entrant'],
    denied: ownedBy('upload.notFound'),
    call: async (c) =>
      c.request('DELETE', `/api/uploads/${await entrantUpload()}`, undefined, {
        headers: { 'tus-resumable': '1.0.0' },
      }),
  },
  {
    method: 'GET',
    route: '/api/contests/:slug/judging/rounds',
    allowed: ['organizer', 'secretary', 'site_admin'],
    call: (c) => c.get(`/api/contests/${slug}/judging/rounds`),
  },
  {
    method: 'POST',
    route: '/api/contests/:slug/judging/rounds',
    allowed: ORGANIZER,
    call: (c) => c.post(`/api/contests/${slug}/judging/rounds`, { name: `Vòng phụ ${uniq()}` }),
  },
  {
    method: 'PUT',
    route: '/api/contests/:slug/judging/settings',
    allowed: ORGANIZER,
    call: (c) =>
      c.put(`/api/contests/${slug}/judging/settings`, {
        blind: true,
        othersScores: 'after_own_submission',
        everyoneUpTo: 60,
      }),
  },
  {
    method: 'GET',
    route: '/api/judging/rounds/:roundId',
    allowed: FOLLOWERS,
    call: async (c, caller) => c.get(`/api/judging/rounds/${await roundFor(FOLLOWERS, caller, 'draft')}`),
  },
  {
    method: 'PUT',
    route: '/api/judging/rounds/:roundId',
    allowed: ORGANIZER,
    call: async (c, caller) =>
      c.put(`/api/judging/rounds/${await roundFor(ORGANIZER, caller, 'draft')}`, { name: 'Vòng đổi tên' }),
  },
  {
    method: 'PUT',
    route: '/api/judging/rounds/:roundId/jurors',
    allowed: ORGANIZER,
    call: async (c, caller) =>
      c.put(`/api/judging/rounds/${await roundFor(ORGANIZER, caller, 'draft')}/jurors`, {
        jurors: [{ userId: jurorCallerId, isChair: true }],
      }),
  },
  {
    method: 'PUT',
    route: '/api/judging/rounds/:roundId/shortlist',
    allowed: CHAIR_OR_MANAGER,
    call: async (c, caller) =>
      c.put(`/api/judging/rounds/${await roundFor(CHAIR_OR_MANAGER, caller, 'draft')}/shortlist`, {
        kind: 'top_n',
        n: 3,
      }),
  },
  {
    method: 'POST',
    route: '/api/judging/rounds/:roundId/open',
    allowed: CHAIR_OR_MANAGER,
    call: async (c, caller) => {
      if (!CHAIR_OR_MANAGER.includes(caller)) return c.post(`/api/judging/rounds/${await anyRoundId()}/open`);
      await settleRounds();
      return c.post(`/api/judging/rounds/${await freshRound('draft')}/open`);
    },
  },
  {
    method: 'POST',
    route: '/api/judging/rounds/:roundId/lock',
    allowed: CHAIR_OR_MANAGER,
    call: async (c, caller) => c.post(`/api/judging/rounds/${await roundFor(CHAIR_OR_MANAGER, caller)}/lock`),
  },
  {
    method: 'POST',
    route: '/api/judging/rounds/:roundId/reopen',
    allowed: ['juror'],
    denied: CHAIR_DENIED,
    call: async (c, caller) =>
      c.post(`/api/judging/rounds/${await roundFor(['juror'], caller, 'locked')}/reopen`, {
        reason: 'Cần chấm lại một tác phẩm',
      }),
  },
  {
    method: 'POST',
    route: '/api/judging/rounds/:roundId/jurors/:userId/reopen',
    allowed: ['juror'],
    denied: CHAIR_DENIED,
    call: async (c, caller) => {
      const roundId = await roundFor(['juror'], caller);
      if (caller === 'juror') await scoreAll(roundId, secondJurorId, true);
      return c.post(`/api/judging/rounds/${roundId}/jurors/${secondJurorId}/reopen`, {
        reason: 'Giám khảo xin sửa điểm',
      });
    },
  },
  {
    method: 'POST',
    route: '/api/judging/rounds/:roundId/recusals',
    allowed: ['juror'],
    denied: CHAIR_DENIED,
    call: async (c, caller) => {
      const { roundId, ref } = await jurorEntry(caller);
      return c.post(`/api/judging/rounds/${roundId}/recusals`, {
        jurorUserId: secondJurorId,
        ref,
        reason: 'Giám khảo là người thân của tác giả',
      });
    },
  },
  {
    method: 'POST',
    route: '/api/judging/rounds/:roundId/recusals/lift',
    allowed: ['juror'],
    denied: CHAIR_DENIED,
    call: async (c, caller) => {
      const { roundId, ref } = await jurorEntry(caller);
      const recusal = { jurorUserId: secondJurorId, ref, reason: 'Giám khảo là người thân của tác giả' };
      if (caller === 'juror') await recuseJuror(t.deps, jurorActor(jurorCallerId), roundId, recusal);
      return c.post(`/api/judging/rounds/${roundId}/recusals/lift`, {
        ...recusal,
        reason: 'Đã xác minh không liên quan',
      });
    },
  },
  {
    method: 'GET',
    route: '/api/judging/rounds/:roundId/progress',
    allowed: FOLLOWERS,
    call: async (c, caller) => c.get(`/api/judging/rounds/${await roundFor(FOLLOWERS, caller)}/progress`),
  },
  {
    method: 'POST',
    route: '/api/judging/rounds/:roundId/reminders',
    allowed: FOLLOWERS,
    call: async (c, caller) => c.post(`/api/judging/rounds/${await roundFor(FOLLOWERS, caller)}/reminders`, {}),
  },
  {
    method: 'GET',
    route: '/api/judging/rounds/:roundId/ranking',
    allowed: FOLLOWERS,
    call: async (c, caller) => c.get(`/api/judging/rounds/${await roundFor(FOLLOWERS, caller)}/ranking`),
  },
  {
    method: 'GET',
    route: '/api/judging/rounds/:roundId/score-sheets.pdf',
    allowed: FOLLOWERS,
    call: async (c, caller) =>
      c.get(`/api/judging/rounds/${await roundFor(FOLLOWERS, caller)}/score-sheets.pdf?place=Vinh%20Linh`),
  },
  ...(['docx', 'pdf'] as const).map((format) => ({
    method: 'GET' as const,
    route: `/api/judging/rounds/:roundId/minutes.${format}`,
    allowed: FOLLOWERS,
    call: async (c: Client, caller: Caller) =>
      c.get(`/api/judging/rounds/${await roundFor(FOLLOWERS, caller, 'locked')}/minutes.${format}?place=Vinh%20Linh`),
  })),
  {
    method: 'POST',
    route: '/api/judging/rounds/:roundId/tie-decisions',
    allowed: ['juror'],
    denied: CHAIR_DENIED,
    call: async (c, caller) => {
      const { roundId, order } = caller === 'juror' ? await roundWithTie() : { roundId: await anyRoundId(), order: [] };
      return c.post(`/api/judging/rounds/${roundId}/tie-decisions`, {
        order: order.length ? order : ['P-000', 'P-001'],
        reason: 'Tác phẩm có thông điệp rõ hơn',
      });
    },
  },
  {
    method: 'GET',
    route: '/api/judging/rounds/:roundId/paper',
    allowed: PAPER_DESK,
    call: async (c, caller) => c.get(`/api/judging/rounds/${await roundFor(PAPER_DESK, caller)}/paper`),
  },
  {
    method: 'PUT',
    route: '/api/judging/rounds/:roundId/paper/:userId/entries/:ref',
    allowed: PAPER_ENTER,
    call: async (c, caller) => {
      const { roundId, ref } = await paperRound(PAPER_ENTER, caller);
      return c.put(`/api/judging/rounds/${roundId}/paper/${secondJurorId}/entries/${ref}`, {
        baseVersion: 0,
        sheet: PAPER_SHEET,
      });
    },
  },
  {
    method: 'POST',
    route: '/api/judging/rounds/:roundId/paper/:userId/entries/:ref/check',
    allowed: PAPER_DESK,
    call: async (c, caller) => {
      const { roundId, ref } = await paperRound(PAPER_DESK, caller);
      if (PAPER_DESK.includes(caller)) {
        // Typed by someone other than the caller: nobody checks their own.
        const typist = caller === 'secretary' ? admin() : jurorActor(paperTypistId);
        await enterPaperSheet(t.deps, typist, roundId, secondJurorId, ref, { baseVersion: 0, sheet: PAPER_SHEET });
      }
      return c.post(`/api/judging/rounds/${roundId}/paper/${secondJurorId}/entries/${ref}/check`, {
        version: 1,
        decision: 'confirm',
      });
    },
  },
  {
    method: 'POST',
    route: '/api/judging/rounds/:roundId/paper/:userId/received',
    allowed: PAPER_ENTER,
    call: async (c, caller) => {
      const { roundId } = await paperRound(PAPER_ENTER, caller);
      if (PAPER_ENTER.includes(caller)) {
        const refs = await t.deps.db
          .selectFrom('judging_assignments')
          .innerJoin('judging_blind_codes', 'judging_blind_codes.entry_id', 'judging_assignments.entry_id')
          .select('judging_blind_codes.code')
          .where('judging_assignments.round_id', '=', roundId)
          .where('judging_assignments.juror_user_id', '=', secondJurorId)
          .execute();
        for (const { code } of refs) {
          await enterPaperSheet(t.deps, jurorActor(paperTypistId), roundId, secondJurorId, code, {
            baseVersion: 0,
            sheet: PAPER_SHEET,
          });
          await checkPaperSheet(t.deps, admin(), roundId, secondJurorId, code, {
            version: 1,
            decision: 'confirm',
            reason: '',
          });
        }
      }
      return c.post(`/api/judging/rounds/${roundId}/paper/${secondJurorId}/received`);
    },
  },
  { method: 'GET', route: '/api/me/judging', allowed: LOGGED_IN, call: (c) => c.get('/api/me/judging') },
  {
    method: 'GET',
    route: '/api/judging/rounds/:roundId/my-entries',
    allowed: ['juror'],
    call: async (c, caller) => c.get(`/api/judging/rounds/${(await jurorEntry(caller)).roundId}/my-entries`),
  },
  {
    method: 'GET',
    route: '/api/judging/rounds/:roundId/entries/:ref',
    allowed: ['juror'],
    call: async (c, caller) => {
      const { roundId, ref } = await jurorEntry(caller);
      return c.get(`/api/judging/rounds/${roundId}/entries/${ref}`);
    },
  },
  {
    method: 'GET',
    route: '/api/judging/rounds/:roundId/entries/:ref/media/:file',
    allowed: ['juror'],
    call: async (c, caller) => {
      const { roundId, ref } = await jurorEntry(caller);
      return c.get(`/api/judging/rounds/${roundId}/entries/${ref}/media/master.m3u8`);
    },
  },
  {
    method: 'GET',
    route: '/api/judging/rounds/:roundId/entries/:ref/media/:variant/:file',
    allowed: ['juror'],
    call: async (c, caller) => {
      const { roundId, ref } = await jurorEntry(caller);
      return c.get(`/api/judging/rounds/${roundId}/entries/${ref}/media/360p/index.m3u8`);
    },
  },
  {
    method: 'GET',
    route: '/api/judging/rounds/:roundId/entries/:ref/original',
    allowed: ['juror'],
    call: async (c, caller) => {
      const { roundId, ref } = await jurorEntry(caller);
      return c.get(`/api/judging/rounds/${roundId}/entries/${ref}/original`);
    },
  },
  {
    method: 'PUT',
    route: '/api/judging/rounds/:roundId/entries/:ref/my-sheet',
    allowed: ['juror'],
    call: async (c, caller) => {
      const { roundId, ref } = await jurorEntry(caller);
      return inJudging(() =>
        c.put(`/api/judging/rounds/${roundId}/entries/${ref}/my-sheet`, {
          baseVersion: 0,
          sheet: { values: { c1: 7, c2: 8, c3: 9 }, comments: {}, abstain: null, note: '' },
        }),
      );
    },
  },
  {
    method: 'POST',
    route: '/api/judging/rounds/:roundId/entries/:ref/conflict',
    allowed: ['juror'],
    call: async (c, caller) => {
      const { roundId, ref } = await jurorEntry(caller);
      return c.post(`/api/judging/rounds/${roundId}/entries/${ref}/conflict`, { reason: 'Tôi đã góp ý kịch bản này' });
    },
  },
  {
    method: 'POST',
    route: '/api/judging/rounds/:roundId/entries/:ref/conflict/withdraw',
    allowed: ['juror'],
    call: async (c, caller) => {
      const { roundId, ref } = await jurorEntry(caller);
      if (caller === 'juror')
        await declareConflict(t.deps, jurorActor(jurorCallerId), roundId, ref, 'Tôi đã góp ý kịch bản này');
      return c.post(`/api/judging/rounds/${roundId}/entries/${ref}/conflict/withdraw`, {
        reason: 'Tôi khai nhầm tác phẩm',
      });
    },
  },
  {
    method: 'POST',
    route: '/api/judging/rounds/:roundId/my-sheet/submit',
    allowed: ['juror'],
    call: async (c, caller) => {
      const roundId = await roundFor(['juror'], caller);
      if (caller === 'juror') await scoreAll(roundId, jurorCallerId, false);
      return inJudging(() => c.post(`/api/judging/rounds/${roundId}/my-sheet/submit`));
    },
  },
];

beforeAll(async () => {
  t = await startTestApp({
    // Sessions outlive the jump of the clock into the judging phase (judging cases).
    env: {
      MAX_DRAFTS_PER_ENTRANT: '1000',
      RATE_LIMIT_REPORTS_PER_HOUR: '1000',
      SESSION_DAYS: '365',
      ALTCHA_COMPLEXITY: '200',
    },
  });
  slug = t.demoSlug;
  const other = await createContest(t.deps, admin(), { ...demoContest(new Date()), slug: 'cuoc-thi-khac' });
  const aUnit = await t.deps.db
    .selectFrom('units')
    .select('id')
    .where('name', '=', 'Xã Vĩnh Thái')
    .executeTakeFirstOrThrow();
  unitForIntake = Number(
    (await t.deps.db.selectFrom('units').select('id').where('name', '=', 'Xã Vĩnh Ô').executeTakeFirstOrThrow()).id,
  );
  clients.set('anonymous', new Client(t.app));
  for (const caller of CALLERS) {
    if (caller === 'anonymous') continue;
    if (caller === 'site_admin') {
      emails.set(caller, t.admin.email);
      clients.set(caller, await loggedInClient(t, t.admin.email, t.admin.password));
      continue;
    }
    const role = caller === 'no_role' ? undefined : caller === 'organizer_of_other_contest' ? 'organizer' : caller;
    const u = await makeUser(t, {
      role,
      slug: caller === 'organizer_of_other_contest' ? other.slug : slug,
      unitId: role === 'unit_rep' ? Number(aUnit.id) : undefined,
    });
    emails.set(caller, u.email);
    clients.set(caller, await loggedInClient(t, u.email, u.password));
    if (caller === 'entrant') entrantActor = { userId: u.id, isSiteAdmin: false, ip: null };
    if (caller === 'juror') jurorCallerId = u.id;
  }
  await t.deps.jobs.work(
    'fingerprint-upload',
    async () => {
      throw new Error('always fails (role matrix)');
    },
    { pollMs: 50 },
  );
  // Room for the entrant's many entries in this test (R3's limit has its own tests).
  const c = await loadContest(t.deps.db, { slug });
  await updateContest(t.deps, admin(), slug, {
    ...c.settings,
    maxEntriesPerPerson: 100,
    phases: c.phases,
    unitCategories: c.unitCategories,
  });
  secondJurorId = (await makeUser(t, { role: 'juror', fullName: 'Giám khảo Thứ Hai' })).id;
  paperTypistId = (await makeUser(t, { role: 'secretary', fullName: 'Thư ký Nhập Phiếu' })).id;
  judgingStart = Date.parse(c.phases.find((p) => p.kind === 'judging')!.startsAt);
});

afterAll(async () => t?.close());

describe('role matrix', () => {
  for (const c of CASES) {
    const intake = c.allowed === INTAKE_WRITE && c.route.endsWith('/entries') ? ' (intake)' : '';
    it(`${c.method} ${c.route}${intake}`, async () => {
      const outcomes: string[] = [];
      for (const caller of CALLERS) {
        const res = await c.call(clients.get(caller)!, caller);
        const allowed = c.allowed.includes(caller);
        const expectedCode = c.denied ? c.denied(caller) : caller === 'anonymous' ? 'auth.required' : 'auth.forbidden';
        const code =
          res.statusCode < 400
            ? undefined
            : c.method === 'HEAD'
              ? res.statusCode === STATUS_OF[expectedCode]
                ? expectedCode
                : `status ${res.statusCode}`
              : (res.json() as { error?: { code?: string } }).error?.code;
        if (allowed && res.statusCode >= 400)
          outcomes.push(`${caller}: expected success, got ${res.statusCode} ${code}`);
        if (!allowed) {
          if (code !== expectedCode)
            outcomes.push(`${caller}: expected ${expectedCode}, got ${res.statusCode} ${code ?? ''}`);
        }
      }
      expect(outcomes).toEqual([]);
    });
  }

  it('covers every API endpoint the server registers', () => {
    const registered = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`).sort();
    const covered = [...new Set(CASES.map((c) => `${c.method} ${c.route}`))].sort();
    expect(covered).toEqual(registered);
    console.log(
      `role matrix: ${covered.length} endpoints in ${CASES.length} cases x ${CALLERS.length} callers = ` +
        `${CASES.length * CALLERS.length} checks`,
    );
  });
});
