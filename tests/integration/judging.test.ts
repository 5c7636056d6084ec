/**
 * Judging (issue 11): rounds, jurors, conflicts, blind mode, versioned saves, submission, lock and reopen, the
 * ranking with its explanation and the chair's tie decision, through the HTTP API on a real database.
 *
 * Four approved entries A–D; jurors J1 (chair), J2, J3 (from the unit of A's author, so conflicted with A). Scores on
 * the demo rubric (40/30/30, 0–10): C = 9 (J1, J3; J2 abstains), A = 8 (J1, J2), B = 8 (J1, J3; J2 recused), D = 6
 * (J1, J3; J2 declared a conflict): C first, A and B tied for second until the chair decides, D fourth.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createContest } from '../../server/services/contests/create-contest.ts';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { demoContest } from '../../server/demo/vinh-linh-2024.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';
import { approvedEntry, completeDraft } from '../helpers/entries.ts';
import { type Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let slug: string;
let admin: Client;
let secretary: Client;
let j1: Client;
let j2: Client;
let j3: Client;
let outsider: Client;
let jurorIds: number[];
let roundId: number;
let judgingStart: number;
const ids: Record<'A' | 'B' | 'C' | 'D', number> = { A: 0, B: 0, C: 0, D: 0 };
const refs: Record<string, string> = {};
const codes: string[] = [];
/** Every JSON answer a juror received, searched for personal data at the end. */
const jurorBodies: string[] = [];

const AUTHOR = (i: number, unitName: string) => ({
  fullName: `Hoàng Thị Mỹ Duyên ${'ABCD'[i]}`,
  position: 'Phóng viên',
  unitName,
  address: `Số ${i + 17} đường Trần Hưng Đạo, khu phố ${i + 3}`,
  phone: `0977 55${i} 88${i}`,
  email: `tac-gia-${i}@example.vn`,
});
const PERSONAL = [0, 1, 2, 3].flatMap((i) => {
  const a = AUTHOR(i, '');
  return [a.fullName, a.address, a.phone, a.phone.replace(/\s/g, ''), a.email];
});
const AUTHOR_UNITS = ['UBND xã Vĩnh Thái', 'Trường THCS Vĩnh Long'];

const sheet = (v: number, extra: Record<string, unknown> = {}) => ({
  values: { c1: v, c2: v, c3: v },
  comments: {},
  abstain: null,
  note: '',
  ...extra,
});

function code(res: LightMyRequestResponse): string | undefined {
  return (res.json() as { error?: { code?: string } }).error?.code;
}

async function asJuror(c: Client, method: 'GET' | 'PUT' | 'POST', url: string, body?: unknown) {
  const res = await c.request(method, url, method === 'GET' ? undefined : (body ?? {}));
  if ((res.headers['content-type'] ?? '').toString().includes('json')) jurorBodies.push(res.body);
  return res;
}

const entryUrl = (ref: string) => `/api/judging/rounds/${roundId}/entries/${encodeURIComponent(ref)}`;
const save = (c: Client, ref: string, baseVersion: number, s: unknown) =>
  asJuror(c, 'PUT', `${entryUrl(ref)}/my-sheet`, { baseVersion, sheet: s });

beforeAll(async () => {
  t = await startTestApp({ env: { SESSION_DAYS: '365' } });
  slug = t.demoSlug;
  const entrant = await makeUser(t, { fullName: 'Người Dự Thi' });
  for (const [i, k] of (['A', 'B', 'C', 'D'] as const).entries()) {
    const unit = i === 0 ? AUTHOR_UNITS[0]! : AUTHOR_UNITS[1]!;
    ids[k] = await approvedEntry(t, entrant, {
      draft: {
        ...completeDraft({ kind: 'person' }),
        title: `Phóng sự cải cách số ${i + 1}`,
        authors: [AUTHOR(i, unit)],
      },
    });
  }
  for (const id of Object.values(ids)) {
    const row = await t.deps.db.selectFrom('entries').select('code').where('id', '=', id).executeTakeFirstOrThrow();
    codes.push(row.code!);
  }
  // A's original on disk, under a file name that carries the author's name.
  const a = await t.deps.db
    .selectFrom('entries')
    .select('accepted_upload_id')
    .where('id', '=', ids.A)
    .executeTakeFirstOrThrow();
  await t.deps.db
    .updateTable('uploads')
    .set({ filename: 'Hoang Thi My Duyen A - 0977550880.mp4' })
    .where('id', '=', a.accepted_upload_id!)
    .execute();
  fs.mkdirSync(path.dirname(uploadPath(t.deps, a.accepted_upload_id!)), { recursive: true });
  fs.writeFileSync(uploadPath(t.deps, a.accepted_upload_id!), Buffer.alloc(4096, 3));

  const contest = await loadContest(t.deps.db, { slug });
  judgingStart = Date.parse(contest.phases.find((p) => p.kind === 'judging')!.startsAt);
  t.setNow(new Date(judgingStart + 86400000));
  admin = await loggedInClient(t, t.admin.email, t.admin.password);
  const users = await Promise.all([
    makeUser(t, { role: 'juror', fullName: 'Giám khảo Trưởng ban' }),
    makeUser(t, { role: 'juror', fullName: 'Giám khảo Hai' }),
    makeUser(t, { role: 'juror', fullName: 'Giám khảo Ba' }),
    makeUser(t, { role: 'secretary', fullName: 'Thư ký Hội đồng' }),
    makeUser(t, { role: 'juror', fullName: 'Giám khảo Ngoài Vòng' }),
  ]);
  jurorIds = users.slice(0, 3).map((u) => u.id);
  [j1, j2, j3, secretary, outsider] = (await Promise.all(users.map((u) => loggedInClient(t, u.email, u.password)))) as [
    Client,
    Client,
    Client,
    Client,
    Client,
  ];
});

afterAll(async () => t?.close());

describe('rounds', () => {
  it('seeds the demo with sơ khảo and chung khảo in blind mode; a new contest gets one round', async () => {
    const res = await admin.get(`/api/contests/${slug}/judging/rounds`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.settings.blind).toBe(true);
    expect(body.rounds.map((r: { name: string }) => r.name)).toEqual(['Sơ khảo', 'Chung khảo']);
    expect(body.rounds[1].entrySet).toEqual({ kind: 'top_n', n: 10, includeBoundaryTies: false });
    roundId = body.rounds[0].id;
    const other = await createContest(
      t.deps,
      { userId: t.admin.userId, isSiteAdmin: true, ip: null },
      { ...demoContest(new Date()), slug: 'cuoc-thi-mot-vong' },
    );
    const list = await admin.get(`/api/contests/cuoc-thi-mot-vong/judging/rounds`);
    expect(list.json().rounds.map((r: { name: string; state: string }) => [r.name, r.state])).toEqual([
      ['Vòng chấm', 'draft'],
    ]);
    expect(other.id).toBeGreaterThan(0);
    // Jurors do not see the organizers' list.
    expect(code(await j2.get(`/api/contests/${slug}/judging/rounds`))).toBe('auth.forbidden');
  });

  it('appoints only holders of the juror role, one chair, in draft', async () => {
    const secId = (
      await t.deps.db
        .selectFrom('users')
        .select('id')
        .where('full_name', '=', 'Thư ký Hội đồng')
        .executeTakeFirstOrThrow()
    ).id;
    const bad = await admin.put(`/api/judging/rounds/${roundId}/jurors`, { jurors: [{ userId: secId }] });
    expect(bad.statusCode).toBe(400);
    expect(code(bad)).toBe('judging.notContestJuror');
    expect(bad.json().error.message).toContain('Thư ký Hội đồng');
    const two = await admin.put(`/api/judging/rounds/${roundId}/jurors`, {
      jurors: jurorIds.map((userId) => ({ userId, isChair: true })),
    });
    expect(code(two)).toBe('judging.tooManyChairs');
    expect(code(await secretary.put(`/api/judging/rounds/${roundId}/jurors`, { jurors: [] }))).toBe('auth.forbidden');
    const okRes = await admin.put(`/api/judging/rounds/${roundId}/jurors`, {
      jurors: [
        { userId: jurorIds[0], isChair: true },
        { userId: jurorIds[1] },
        { userId: jurorIds[2], unitName: 'ubnd xa vinh thai' },
      ],
    });
    expect(okRes.statusCode).toBe(200);
    // A comment is required for a score under 3 on the first criterion.
    const round = (await admin.get(`/api/judging/rounds/${roundId}`)).json();
    const rubric = round.rubric;
    rubric.criteria[0].comment = { when: 'outside', below: 3 };
    const upd = await admin.put(`/api/judging/rounds/${roundId}`, { name: 'Sơ khảo', rubric });
    expect(upd.statusCode).toBe(200);
    const badRubric = await admin.put(`/api/judging/rounds/${roundId}`, {
      name: 'Sơ khảo',
      rubric: { criteria: [{ ...rubric.criteria[0], weight: 50 }] },
    });
    expect(badRubric.statusCode).toBe(400);
  });

  it('shows the automatic conflict before opening, and opens for the chair only', async () => {
    const round = (await admin.get(`/api/judging/rounds/${roundId}`)).json();
    expect(round.entries).toHaveLength(4);
    expect(round.conflicts).toEqual([
      expect.objectContaining({ jurorUserId: jurorIds[2], kind: 'same_unit', reason: null }),
    ]);
    expect(round.problems).toEqual([]);
    expect(code(await j2.post(`/api/judging/rounds/${roundId}/open`))).toBe('auth.forbidden');
    expect(code(await secretary.post(`/api/judging/rounds/${roundId}/open`))).toBe('auth.forbidden');
    expect(code(await asJuror(j2, 'GET', `/api/judging/rounds/${roundId}/my-entries`))).toBe('judging.roundNotOpen');
    const res = await j1.post(`/api/judging/rounds/${roundId}/open`);
    expect(res.statusCode).toBe(200);
    expect(code(await j1.post(`/api/judging/rounds/${roundId}/open`))).toBe('judging.openRefused');
    expect(code(await admin.put(`/api/judging/rounds/${roundId}/jurors`, { jurors: [] }))).toBe(
      'judging.roundNotDraft',
    );
    // The organizer holds the mapping from blind codes to entries.
    const mapped = (await admin.get(`/api/judging/rounds/${roundId}`)).json();
    for (const e of mapped.entries) {
      const k = (Object.keys(ids) as (keyof typeof ids)[]).find((x) => ids[x] === e.entryId)!;
      refs[k] = e.ref;
      expect(e.ref).toMatch(/^P-\d{3,}$/);
    }
  });
});

describe('scoring', () => {
  it('lists a juror\u2019s entries by blind code, without the conflicted one', async () => {
    const res = await asJuror(j3, 'GET', `/api/judging/rounds/${roundId}/my-entries`);
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .entries.map((e: { ref: string }) => e.ref)
        .sort(),
    ).toEqual([refs.B, refs.C, refs.D].sort());
    const mine = (await asJuror(j2, 'GET', `/api/judging/rounds/${roundId}/my-entries`)).json();
    expect(mine.blind).toBe(true);
    expect(mine.entries).toHaveLength(4);
    expect(mine.entries[0]).not.toHaveProperty('entryId');
    expect(mine.entries.every((e: { credit: unknown }) => e.credit === null)).toBe(true);
    const home = (await asJuror(j2, 'GET', '/api/me/judging')).json();
    expect(home.rounds[0]).toMatchObject({ name: 'Sơ khảo', state: 'open', total: 4, done: 0, next: 'score' });
    expect(code(await asJuror(outsider, 'GET', `/api/judging/rounds/${roundId}/my-entries`))).toBe(
      'judging.notRoundJuror',
    );
  });

  it('never lets a conflicted juror open, stream or score the entry', async () => {
    for (const res of [
      await asJuror(j3, 'GET', entryUrl(refs.A!)),
      await asJuror(j3, 'GET', `${entryUrl(refs.A!)}/media/master.m3u8`),
      await asJuror(j3, 'GET', `${entryUrl(refs.A!)}/original`),
      await save(j3, refs.A!, 0, sheet(5)),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(code(res)).toBe('judging.conflicted');
      // The same words as a declared conflict: nothing says "same unit".
      expect(res.json().error.message).not.toMatch(/đơn vị|unit/i);
    }
  });

  it('opens an entry: blind view, streaming copy and the original under its blind code', async () => {
    const res = await asJuror(j2, 'GET', entryUrl(refs.A!));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.entry).toMatchObject({ ref: refs.A, credit: null, downloadName: `${refs.A}.mp4` });
    expect(body.version).toBe(0);
    const master = await j2.get(body.media.master);
    expect(master.statusCode).toBe(200);
    expect(master.body).toContain('#EXTM3U');
    const variant = await j2.get(`${entryUrl(refs.A!)}/media/360p/index.m3u8`);
    expect(variant.statusCode).toBe(200);
    const original = await j2.get(body.media.original);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-disposition']).toContain(`${refs.A}.mp4`);
    expect(original.headers['content-disposition']).not.toMatch(/Duyen|0977/);
  });

  it('refuses scores off the scale or its steps in the juror\u2019s language; saves what is unfinished', async () => {
    const off = await save(j2, refs.A!, 0, sheet(11));
    expect(off.statusCode).toBe(400);
    expect(code(off)).toBe('judging.sheetInvalid');
    expect(off.json().error.details.problems[0]).toMatchObject({ code: 'sheet.offScale', criterion: 'c1' });
    expect(off.json().error.details.problems[0].message.vi).toContain('Nội dung đúng chủ đề');
    j2.lang = 'en';
    const step = await save(j2, refs.A!, 0, sheet(7.3));
    j2.lang = 'vi';
    expect(code(step)).toBe('judging.sheetInvalid');
    expect(step.json().error.message).toContain('problem');
    expect(step.json().error.details.problems[0].code).toBe('sheet.offStep');
    const half = await save(j2, refs.C!, 0, { values: { c1: 2 }, comments: {}, abstain: null, note: '' });
    expect(half.statusCode).toBe(200);
    expect(half.json()).toMatchObject({ version: 1, state: 'draft' });
    expect(half.json().pending.map((p: { code: string }) => p.code)).toEqual(
      expect.arrayContaining(['sheet.commentBelow', 'sheet.missingScore']),
    );
  });

  it('never lets an older version overwrite a newer one (two tabs), and accepts a retry of the same save', async () => {
    expect((await save(j2, refs.A!, 0, sheet(7))).json().version).toBe(1);
    expect((await save(j2, refs.A!, 1, sheet(8))).json().version).toBe(2);
    const stale = await save(j2, refs.A!, 1, sheet(6));
    expect(stale.statusCode).toBe(409);
    expect(code(stale)).toBe('judging.staleVersion');
    expect(stale.json().error.message).toContain('phiên bản 2');
    expect(stale.json().error.details.stored).toMatchObject({ version: 2, sheet: { values: { c1: 8 } } });
    const retry = await save(j2, refs.A!, 1, sheet(8));
    expect(retry.json()).toMatchObject({ version: 2, written: false });
    const versions = await t.deps.db.selectFrom('judging_score_versions').select('version').execute();
    expect(versions.length).toBeGreaterThanOrEqual(3);
  });

  it('records a recusal, a declared conflict and an abstention, each distinct', async () => {
    const short = await j1.post(`/api/judging/rounds/${roundId}/recusals`, {
      jurorUserId: jurorIds[1],
      ref: refs.B,
      reason: 'ngắn',
    });
    expect(code(short)).toBe('judging.reasonRequired');
    expect(
      code(
        await j2.post(`/api/judging/rounds/${roundId}/recusals`, {
          jurorUserId: jurorIds[1],
          ref: refs.B,
          reason: 'Giám khảo là người thân của tác giả',
        }),
      ),
    ).toBe('judging.chairOnly');
    const rec = await j1.post(`/api/judging/rounds/${roundId}/recusals`, {
      jurorUserId: jurorIds[1],
      ref: refs.B,
      reason: 'Giám khảo là người thân của tác giả',
    });
    expect(rec.statusCode).toBe(200);
    expect(code(await asJuror(j2, 'GET', entryUrl(refs.B!)))).toBe('judging.recused');
    const dec = await asJuror(j2, 'POST', `${entryUrl(refs.D!)}/conflict`, { reason: 'Tôi đã góp ý kịch bản này' });
    expect(dec.statusCode).toBe(200);
    expect(code(await save(j2, refs.D!, 0, sheet(6)))).toBe('judging.conflicted');
    // An abstention replaces the half-filled sheet of C (version 1).
    const abst = await save(j2, refs.C!, 1, {
      values: {},
      comments: {},
      abstain: { reason: 'Không đủ chuyên môn về phim hoạt hình' },
      note: '',
    });
    expect(abst.json()).toMatchObject({ version: 2, state: 'abstained' });
    const round = (await admin.get(`/api/judging/rounds/${roundId}`)).json();
    const kinds = round.conflicts.map((c: { kind: string; jurorUserId: number }) => [c.kind, c.jurorUserId]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['same_unit', jurorIds[2]],
        ['recused', jurorIds[1]],
        ['declared', jurorIds[1]],
      ]),
    );
  });

  it('keeps the others\u2019 scores hidden until the juror submits; submission locks the sheets', async () => {
    for (const [k, v] of [
      ['A', 8],
      ['B', 8],
      ['C', 9],
      ['D', 6],
    ] as const)
      expect((await save(j1, refs[k]!, 0, sheet(v))).statusCode).toBe(200);
    for (const [k, v] of [
      ['B', 8],
      ['C', 9],
      ['D', 6],
    ] as const)
      expect((await save(j3, refs[k]!, 0, sheet(v))).statusCode).toBe(200);
    const before = (await asJuror(j1, 'GET', entryUrl(refs.A!))).json();
    expect(before.others).toBeNull();
    expect(before.othersHidden).toBe('submit_first');
    const sub2 = await asJuror(j2, 'POST', `/api/judging/rounds/${roundId}/my-sheet/submit`);
    expect(sub2.statusCode).toBe(200);
    const sub1 = await asJuror(j1, 'POST', `/api/judging/rounds/${roundId}/my-sheet/submit`);
    expect(sub1.statusCode).toBe(200);
    const after = (await asJuror(j1, 'GET', entryUrl(refs.A!))).json();
    expect(after.others).toEqual([expect.objectContaining({ juror: 'Giám khảo Hai', total: 8 })]);
    const locked = await save(j2, refs.A!, 2, sheet(9));
    expect(locked.statusCode).toBe(409);
    expect(code(locked)).toBe('judging.sheetSubmitted');
  });

  it('lists what is unfinished when a juror submits too early', async () => {
    await save(j3, refs.D!, 1, { values: { c1: 1, c2: 6, c3: 6 }, comments: {}, abstain: null, note: '' });
    const res = await asJuror(j3, 'POST', `/api/judging/rounds/${roundId}/my-sheet/submit`);
    expect(res.statusCode).toBe(400);
    expect(code(res)).toBe('judging.sheetIncomplete');
    const problems = res.json().error.details.problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'sheet.commentBelow', ref: refs.D })]);
    expect(problems[0]).not.toHaveProperty('entryId');
    expect((await save(j3, refs.D!, 2, sheet(6))).statusCode).toBe(200);
    expect((await asJuror(j3, 'POST', `/api/judging/rounds/${roundId}/my-sheet/submit`)).statusCode).toBe(200);
  });

  it('lets the chair give a sheet back with a reason, audited', async () => {
    const url = `/api/judging/rounds/${roundId}/jurors/${jurorIds[1]}/reopen`;
    expect(code(await j1.post(url, { reason: 'ngắn' }))).toBe('judging.reasonRequired');
    expect(code(await admin.post(url, { reason: 'Giám khảo xin sửa điểm tác phẩm' }))).toBe('judging.chairOnly');
    expect((await j1.post(url, { reason: 'Giám khảo xin sửa điểm tác phẩm' })).statusCode).toBe(200);
    expect((await save(j2, refs.A!, 2, sheet(8, { note: 'Đã xem lại' }))).json().version).toBe(3);
    expect((await asJuror(j2, 'POST', `/api/judging/rounds/${roundId}/my-sheet/submit`)).statusCode).toBe(200);
  });

  it('refuses scores outside the judging phase', async () => {
    t.setNow(new Date(judgingStart - 86400000));
    try {
      const res = await save(j1, refs.A!, 1, sheet(9));
      expect(res.statusCode).toBe(409);
      expect(code(res)).toBe('judging.outsideJudgingPhase');
    } finally {
      t.setNow(new Date(judgingStart + 86400000));
    }
  });
});

describe('progress, ranking and ties', () => {
  it('shows progress to the chair, the secretary and the organizer only', async () => {
    const res = await secretary.get(`/api/judging/rounds/${roundId}/progress`);
    expect(res.statusCode).toBe(200);
    const j3row = res.json().jurors.find((j: { userId: number }) => j.userId === jurorIds[2]);
    expect(j3row).toMatchObject({ assigned: 3, done: 3 });
    expect(j3row.cells).toContain('blocked');
    expect((await j1.get(`/api/judging/rounds/${roundId}/progress`)).statusCode).toBe(200);
    expect(code(await j2.get(`/api/judging/rounds/${roundId}/progress`))).toBe('auth.forbidden');
    expect(code(await j2.get(`/api/judging/rounds/${roundId}/ranking`))).toBe('auth.forbidden');
  });

  it('no tie decision before the lock; locked, it ranks with the method stated and each place explained', async () => {
    const early = await j1.post(`/api/judging/rounds/${roundId}/tie-decisions`, {
      order: [refs.B, refs.A],
      reason: 'Tác phẩm B có thông điệp rõ hơn',
    });
    expect(code(early)).toBe('judging.tieNeedsLock');
    const lock = await j1.post(`/api/judging/rounds/${roundId}/lock`);
    expect(lock.statusCode).toBe(200);
    expect(lock.json().warnings).toEqual([]);
    const late = await save(j1, refs.A!, 1, sheet(9));
    expect(code(late)).toBe('judging.roundLocked');

    const res = await j1.get(`/api/judging/rounds/${roundId}/ranking`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.methodText.vi).toContain('trung bình cộng');
    const byRef = new Map(r.rows.map((row: { ref: string }) => [row.ref, row]));
    expect(byRef.get(refs.C)).toMatchObject({ rank: 1, value: 9 });
    expect(byRef.get(refs.A)).toMatchObject({ rank: 2, value: 8 });
    expect(byRef.get(refs.B)).toMatchObject({ rank: 2, value: 8 });
    expect(byRef.get(refs.D)).toMatchObject({ rank: 4, value: 6 });
    // Blind: the chair (a juror) does not get the mapping; the organizer does.
    expect(r.rows.every((row: { entry: unknown }) => row.entry === null)).toBe(true);
    const c = byRef.get(refs.C) as { scores: { use: string }[]; explanation: { vi: string[] } };
    expect(c.scores.map((s) => s.use)).toContain('abstained');
    expect(c.explanation.vi.join(' ')).toMatch(/không chấm|Không chấm/);
    const b = byRef.get(refs.B) as { excluded: { why: string }[] };
    expect(b.excluded).toEqual([]);
    expect(r.ties).toEqual([expect.objectContaining({ resolved: false, awaitingChair: expect.any(Array) })]);
    const org = (await admin.get(`/api/judging/rounds/${roundId}/ranking`)).json();
    expect(org.rows.find((row: { ref: string }) => row.ref === refs.A).entry.entryId).toBe(ids.A);
  });

  it('records the chair\u2019s tie decision with its reason and explains it', async () => {
    const url = `/api/judging/rounds/${roundId}/tie-decisions`;
    expect(code(await j1.post(url, { order: [refs.B, refs.C], reason: 'Tác phẩm B có thông điệp rõ hơn' }))).toBe(
      'judging.tieDecisionMismatch',
    );
    expect(code(await j2.post(url, { order: [refs.B, refs.A], reason: 'Tác phẩm B có thông điệp rõ hơn' }))).toBe(
      'judging.chairOnly',
    );
    expect(
      (await j1.post(url, { order: [refs.B, refs.A], reason: 'Tác phẩm B có thông điệp rõ hơn' })).statusCode,
    ).toBe(200);
    const r = (await j1.get(`/api/judging/rounds/${roundId}/ranking`)).json();
    const byRef = new Map(r.rows.map((row: { ref: string }) => [row.ref, row]));
    expect(byRef.get(refs.B)).toMatchObject({ rank: 2 });
    expect(byRef.get(refs.A)).toMatchObject({ rank: 3 });
    expect((byRef.get(refs.B) as { explanation: { vi: string[] } }).explanation.vi.join(' ')).toContain(
      'Tác phẩm B có thông điệp rõ hơn',
    );
    expect(r.ties[0].resolved).toBe(true);
  });

  it('reopens a locked round only for the chair, with a reason, audited', async () => {
    const url = `/api/judging/rounds/${roundId}/reopen`;
    expect(code(await admin.post(url, { reason: 'Cần chấm lại một tác phẩm' }))).toBe('judging.chairOnly');
    expect(code(await j1.post(url, { reason: 'ngắn' }))).toBe('judging.reasonRequired');
    expect((await j1.post(url, { reason: 'Cần chấm lại một tác phẩm' })).statusCode).toBe(200);
    expect((await j1.post(`/api/judging/rounds/${roundId}/lock`)).statusCode).toBe(200);
    const actions = (await t.deps.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
    for (const a of [
      'judging.jurors',
      'judging.roundOpen',
      'judging.score',
      'judging.submit',
      'judging.sheetReopen',
      'judging.recuse',
      'judging.conflictDeclare',
      'judging.roundLock',
      'judging.roundReopen',
      'judging.tieDecision',
    ])
      expect(actions).toContain(a);
    const details = (await t.deps.db.selectFrom('audit_log').select('details_json').execute())
      .map((d) => d.details_json)
      .join('\n');
    for (const p of PERSONAL) expect(details).not.toContain(p);
  });

  it("prints the jury's paper: score sheets by blind code, the locked round's minutes as PDF and DOCX", async () => {
    const pdfText = (buf: Buffer) => {
      const file = path.join(t.db.dataDir, `paper-${Math.random().toString(36).slice(2)}.pdf`);
      fs.writeFileSync(file, buf);
      return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    };
    const q = '?place=V%C4%A9nh%20Linh';
    const sheets = await j1.get(`/api/judging/rounds/${roundId}/score-sheets.pdf${q}`);
    expect(sheets.statusCode, sheets.body.slice(0, 300)).toBe(200);
    expect(sheets.headers['content-type']).toBe('application/pdf');
    const st = pdfText(sheets.rawPayload);
    for (const s of ['PHIẾU CHẤM', 'Giám khảo: Giám khảo Trưởng ban', 'Giám khảo: Giám khảo Ba', refs.C!, 'Chấm kín'])
      expect(st).toContain(s);
    // Blind: neither the authors nor the entries' codes; J3 is not given A, from his own unit.
    for (const p of [...PERSONAL, ...codes]) expect(st).not.toContain(p);
    expect(code(await j2.get(`/api/judging/rounds/${roundId}/score-sheets.pdf${q}`))).toBe('auth.forbidden');
    expect(code(await j1.get(`/api/judging/rounds/${roundId}/score-sheets.pdf`))).toBe('validation');

    const minutes = await secretary.get(
      `/api/judging/rounds/${roundId}/minutes.pdf${q}&meetingPlace=H%E1%BB%99i%20tr%C6%B0%E1%BB%9Dng`,
    );
    expect(minutes.statusCode, minutes.body.slice(0, 300)).toBe(200);
    const mt = pdfText(minutes.rawPayload);
    for (const s of [
      'BIÊN BẢN',
      'Chấm thi vòng Sơ khảo',
      'tại Hội trường',
      'Tác phẩm B có thông điệp rõ hơn',
      'TRƯỞNG BAN GIÁM KHẢO',
      'Giám khảo Trưởng ban',
      'Thư ký Hội đồng',
      'PHỤ LỤC 1. BẢNG XẾP HẠNG VÒNG SƠ KHẢO',
      refs.D!,
    ])
      expect(mt).toContain(s);
    for (const p of PERSONAL) expect(mt).not.toContain(p);
    const docx = await admin.get(`/api/judging/rounds/${roundId}/minutes.docx${q}`);
    expect(docx.statusCode, docx.body.slice(0, 300)).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(code(await j2.get(`/api/judging/rounds/${roundId}/minutes.docx${q}`))).toBe('auth.forbidden');
    const next = (await admin.get(`/api/contests/${slug}/judging/rounds`)).json().rounds[1].id;
    expect(code(await admin.get(`/api/judging/rounds/${next}/minutes.pdf${q}`))).toBe('judging.minutesNeedLock');
    const actions = (await t.deps.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
    expect(actions).toContain('judging.scoreSheetsPrinted');
    expect(actions).toContain('judging.minutesMade');
  });

  it('gave jurors no personal data of the authors anywhere, nor the entries\u2019 codes', () => {
    expect(jurorBodies.length).toBeGreaterThan(20);
    const all = jurorBodies.join('\n');
    for (const p of [...PERSONAL, ...AUTHOR_UNITS]) expect(all).not.toContain(p);
    for (const c of codes) expect(all).not.toContain(c);
  });
});

describe('the next round', () => {
  let round2: number;
  const round2Url = () => `/api/judging/rounds/${round2}`;

  it("takes the top N of the locked previous round, as the chair's tie decision ordered it", async () => {
    const list = (await admin.get(`/api/contests/${slug}/judging/rounds`)).json();
    round2 = list.rounds[1].id;
    await admin.put(`${round2Url()}/jurors`, {
      jurors: [{ userId: jurorIds[0], isChair: true }, { userId: jurorIds[1] }, { userId: jurorIds[2] }],
    });
    // The chair's decision put B second: the top two are C and B.
    await admin.put(round2Url(), { name: 'Chung khảo', entrySet: { kind: 'top_n', n: 2 } });
    const top2 = (await admin.get(round2Url())).json();
    expect(top2.entries.map((e: { entryId: number }) => e.entryId).sort()).toEqual([ids.B, ids.C].sort());
    // The top 3 is C, B, A: D is out.
    await admin.put(round2Url(), { name: 'Chung khảo', entrySet: { kind: 'top_n', n: 3 } });
    const top3 = (await admin.get(round2Url())).json();
    expect(top3.entries).toHaveLength(3);
    expect(top3.entries.map((e: { entryId: number }) => e.entryId)).not.toContain(ids.D);
  });

  it("takes the chair's choice with its reason, recorded when the round opens", async () => {
    const noReason = await admin.put(round2Url(), {
      name: 'Chung khảo',
      entrySet: { kind: 'chosen', entryIds: [ids.A, ids.C], reason: 'ngắn' },
    });
    expect(noReason.statusCode).toBe(400);
    const unknown = await admin.put(round2Url(), {
      name: 'Chung khảo',
      entrySet: { kind: 'chosen', entryIds: [ids.A, 999_999], reason: 'Hội đồng chọn theo biên bản họp' },
    });
    expect(unknown.statusCode).toBe(200);
    const preview = (await admin.get(round2Url())).json();
    expect(preview.problems.map((p: { code: string }) => p.code)).toContain('entries.chosenUnknown');
    await admin.put(round2Url(), {
      name: 'Chung khảo',
      entrySet: { kind: 'chosen', entryIds: [ids.A, ids.C], reason: 'Hội đồng chọn theo biên bản họp' },
    });
    const res = await j1.post(`${round2Url()}/open`);
    expect(res.statusCode).toBe(200);
    const mine = (await asJuror(j2, 'GET', `${round2Url()}/my-entries`)).json();
    // The same blind codes in every round.
    expect(mine.entries.map((e: { ref: string }) => e.ref).sort()).toEqual([refs.A, refs.C].sort());
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details_json')
      .where('action', '=', 'judging.roundOpen')
      .where('target', '=', `judging_round:${round2}`)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details_json).entrySet).toMatchObject({
      kind: 'chosen',
      reason: 'Hội đồng chọn theo biên bản họp',
    });
    // Round 1 may no longer be reopened: round 2 took its ranking.
    expect(code(await j1.post(`/api/judging/rounds/${roundId}/reopen`, { reason: 'Cần chấm lại một tác phẩm' }))).toBe(
      'judging.laterRoundStarted',
    );
  });

  it('assigns a balanced minimum of jurors per entry, never a conflicted one', async () => {
    const created = await admin.post(`/api/contests/${slug}/judging/rounds`, {
      name: 'Vòng phụ',
      entrySet: { kind: 'all_approved' },
      assignment: { mode: 'balanced', perEntry: 2 },
      method: { aggregation: 'median', normalization: 'z_score', minScores: 2, decimals: 2, tieOrder: [] },
    });
    expect(created.statusCode).toBe(201);
    const url = `/api/judging/rounds/${created.json().id}`;
    await admin.put(`${url}/jurors`, {
      jurors: [
        { userId: jurorIds[0], isChair: true },
        { userId: jurorIds[1] },
        { userId: jurorIds[2], unitName: 'UBND xã Vĩnh Thái' },
      ],
    });
    const round = (await admin.get(url)).json();
    expect(round.assignment).toEqual({ mode: 'balanced', perEntry: 2 });
    const loads = round.loads.map((l: { load: number }) => l.load);
    // 4 entries x 2 jurors = 8 pairs over 3 jurors: 3, 3, 2.
    expect(loads.reduce((a: number, b: number) => a + b, 0)).toBe(8);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    // Round 2 is open, so this one waits; A's and D's conflicts still hold (J3's unit, J2's declaration).
    expect(round.problems.map((p: { code: string }) => p.code)).toContain('round.previousNotLocked');
    const kinds = round.conflicts.map((c: { kind: string }) => c.kind).sort();
    expect(kinds).toEqual(['declared', 'recused', 'same_unit']);
  });

  it('hides the scores of an entry from a chair blocked from it until the round is locked', async () => {
    const url = `/api/judging/rounds/${round2}`;
    const window = (await admin.get(url)).json().window as { startsAt: string };
    t.setNow(new Date(Date.parse(window.startsAt) + 3600_000));
    const r2 = (u: string, v: number) =>
      asJuror(j2, 'PUT', `${url}/entries/${encodeURIComponent(u)}/my-sheet`, {
        baseVersion: 0,
        sheet: sheet(v),
      });
    expect((await r2(refs.A!, 7)).statusCode).toBe(200);
    const before = (await j1.get(`${url}/ranking?provisional=1`)).json();
    expect(before.rows.find((row: { ref: string }) => row.ref === refs.A).value).toBe(7);
    const rec = await j1.post(`${url}/recusals`, {
      jurorUserId: jurorIds[0],
      ref: refs.A,
      reason: 'Trưởng ban là người hướng dẫn tác giả',
    });
    expect(rec.statusCode).toBe(200);
    const after = (await j1.get(`${url}/ranking?provisional=1`)).json();
    expect(after.rows.find((row: { ref: string }) => row.ref === refs.A)).toMatchObject({
      value: null,
      scores: [],
      hidden: true,
    });
    const org = (await admin.get(`${url}/ranking?provisional=1`)).json();
    expect(org.rows.find((row: { ref: string }) => row.ref === refs.A).value).toBe(7);
    t.setNow(new Date(judgingStart + 86400000));
  });
});
