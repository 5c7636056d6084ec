/**
 * Paper score sheets (issue 11, item 6; ADR 0036) through the HTTP API on a real database: the secretary types a
 * paper juror's signed sheet, a second person checks it (confirm, or send back with a reason), the typist can never
 * check their own, the secretary marks the signed sheet received, and only then, and only confirmed, do the paper
 * scores count in the ranking and the minutes, marked as paper. Refused: jurors, another contest's secretary, an
 * online juror's sheet, a locked round.
 *
 * Two approved entries A, B in the demo's first round (blind); J1 the chair scoring online, JP scoring on paper, J3 an
 * online juror; S1 and S2 secretaries.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createContest } from '../../server/services/contests/create-contest.ts';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { demoContest } from '../../server/demo/vinh-linh-2024.ts';
import { approvedEntry, completeDraft } from '../helpers/entries.ts';
import { type Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let roundId: number;
let j1: Client;
let jp: Client;
let j3: Client;
let s1: Client;
let s2: Client;
let otherSecretary: Client;
let ids: { j1: number; jp: number; j3: number; s1: number; s2: number };
const refs: string[] = [];

const sheet = (v: number) => ({ values: { c1: v, c2: v, c3: v }, comments: {}, abstain: null, note: '' });
const code = (res: LightMyRequestResponse) => (res.json() as { error?: { code?: string } }).error?.code;
const paperUrl = (jurorId: number, ref: string) =>
  `/api/judging/rounds/${roundId}/paper/${jurorId}/entries/${encodeURIComponent(ref)}`;
const type = (c: Client, jurorId: number, ref: string, baseVersion: number, s: unknown) =>
  c.put(paperUrl(jurorId, ref), { baseVersion, sheet: s });
const check = (c: Client, ref: string, body: Record<string, unknown>) => c.post(`${paperUrl(ids.jp, ref)}/check`, body);
const desk = async (c: Client) => {
  const res = await c.get(`/api/judging/rounds/${roundId}/paper`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
};
const paperChecks = async (c: Client) => {
  const res = await c.get('/api/me/judging');
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json().paperChecks as { roundId: number; contestSlug: string; name: string; waiting: number }[];
};
const deskEntry = async (ref: string) =>
  (await desk(s1)).jurors[0].entries.find((e: { ref: string }) => e.ref === ref) as Record<string, unknown>;

beforeAll(async () => {
  t = await startTestApp({ env: { SESSION_DAYS: '365' } });
  const entrant = await makeUser(t, { fullName: 'Người Dự Thi' });
  for (const i of [1, 2])
    await approvedEntry(t, entrant, { draft: { ...completeDraft({ kind: 'person' }), title: `Phóng sự số ${i}` } });
  const contest = await loadContest(t.deps.db, { slug: t.demoSlug });
  const judgingStart = Date.parse(contest.phases.find((p) => p.kind === 'judging')!.startsAt);
  t.setNow(new Date(judgingStart + 86400000));
  await createContest(
    t.deps,
    { userId: t.admin.userId, isSiteAdmin: true, ip: null },
    { ...demoContest(new Date()), slug: 'cuoc-thi-khac' },
  );
  const users = await Promise.all([
    makeUser(t, { role: 'juror', fullName: 'Giám khảo Trưởng ban' }),
    makeUser(t, { role: 'juror', fullName: 'Giám khảo Chấm Giấy' }),
    makeUser(t, { role: 'juror', fullName: 'Giám khảo Trực tuyến' }),
    makeUser(t, { role: 'secretary', fullName: 'Thư ký Nhập Phiếu' }),
    makeUser(t, { role: 'secretary', fullName: 'Thư ký Đối Chiếu' }),
    makeUser(t, { role: 'secretary', slug: 'cuoc-thi-khac', fullName: 'Thư ký Cuộc Thi Khác' }),
  ]);
  ids = { j1: users[0].id, jp: users[1].id, j3: users[2].id, s1: users[3].id, s2: users[4].id };
  const clients = await Promise.all(users.map((u) => loggedInClient(t, u.email, u.password)));
  [j1, jp, j3, s1, s2, otherSecretary] = clients as [Client, Client, Client, Client, Client, Client];
  const admin = await loggedInClient(t, t.admin.email, t.admin.password);
  roundId = (await admin.get(`/api/contests/${t.demoSlug}/judging/rounds`)).json().rounds[0].id;
  const set = await admin.put(`/api/judging/rounds/${roundId}/jurors`, {
    jurors: [{ userId: ids.j1, isChair: true }, { userId: ids.jp, mode: 'paper' }, { userId: ids.j3 }],
  });
  expect(set.statusCode, set.body).toBe(200);
  expect((await j1.post(`/api/judging/rounds/${roundId}/open`)).statusCode).toBe(200);
});

afterAll(async () => t?.close());

describe('the paper desk', () => {
  it('lists the paper juror with their entries by the code printed on the sheet, nothing typed yet', async () => {
    const d = await desk(s1);
    expect(d.blind).toBe(true);
    expect(d.mayEnter).toBe(true);
    expect(d.jurors.map((j: { fullName: string }) => j.fullName)).toEqual(['Giám khảo Chấm Giấy']);
    for (const e of d.jurors[0].entries) {
      expect(e.ref).toMatch(/^P-\d{3,}$/);
      expect(e.check).toBe('not_typed');
      refs.push(e.ref);
    }
    expect(refs).toHaveLength(2);
    // The chair may check, not type.
    const chair = await desk(j1);
    expect([chair.mayEnter, chair.mayCheck]).toEqual([false, true]);
  });

  it('is closed to a juror who is not the chair and to another contest\u2019s secretary', async () => {
    expect(code(await j3.get(`/api/judging/rounds/${roundId}/paper`))).toBe('auth.forbidden');
    expect(code(await jp.get(`/api/judging/rounds/${roundId}/paper`))).toBe('auth.forbidden');
    expect(code(await otherSecretary.get(`/api/judging/rounds/${roundId}/paper`))).toBe('auth.forbidden');
  });
});

describe('typing a signed sheet', () => {
  it('stores it as paper, typed by the secretary, waiting for a check', async () => {
    const res = await type(s1, ids.jp, refs[0]!, 0, sheet(8));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, written: true, check: 'pending' });
    const row = await t.deps.db
      .selectFrom('judging_scores')
      .select(['source', 'entered_by', 'checked_by', 'juror_user_id'])
      .where('round_id', '=', roundId)
      .where('juror_user_id', '=', ids.jp)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'paper', entered_by: ids.s1, checked_by: null, juror_user_id: ids.jp });
    expect(await deskEntry(refs[0]!)).toMatchObject({
      check: 'pending',
      version: 1,
      enteredBy: 'Thư ký Nhập Phiếu',
      complete: true,
    });
  });

  it('is on the judging home of the second secretary and the chair, not of the typist or anyone else', async () => {
    for (const c of [s2, j1])
      expect(await paperChecks(c)).toEqual([
        expect.objectContaining({ roundId, contestSlug: t.demoSlug, waiting: 1, name: expect.any(String) }),
      ]);
    // The typist may check paper, but not what they typed; a juror who is not the chair and another contest's
    // secretary may not check at all.
    for (const c of [s1, j3, jp, otherSecretary]) expect(await paperChecks(c)).toEqual([]);
  });

  it('refuses jurors, the chair, another contest, an online juror and an off-scale score, each in words', async () => {
    expect(code(await type(jp, ids.jp, refs[0]!, 1, sheet(9)))).toBe('auth.forbidden');
    expect(code(await type(j1, ids.jp, refs[0]!, 1, sheet(9)))).toBe('auth.forbidden');
    expect(code(await type(otherSecretary, ids.jp, refs[0]!, 1, sheet(9)))).toBe('auth.forbidden');
    const online = await type(s1, ids.j3, refs[0]!, 0, sheet(9));
    expect(code(online)).toBe('judging.onlineJuror');
    expect(online.json().error.message).toContain('Giám khảo Trực tuyến');
    const off = await type(s1, ids.jp, refs[0]!, 1, sheet(11));
    expect(code(off)).toBe('judging.sheetInvalid');
    expect(code(await type(s1, 999999, refs[0]!, 0, sheet(9)))).toBe('judging.jurorNotInRound');
    expect(code(await type(s1, ids.jp, 'P-000000', 0, sheet(9)))).toBe('judging.entryNotInRound');
    // An older base with other content does not overwrite the typed version.
    expect(code(await type(s2, ids.jp, refs[0]!, 0, sheet(5)))).toBe('judging.staleVersion');
  });

  it('does not let a paper juror save online', async () => {
    const res = await jp.put(`/api/judging/rounds/${roundId}/entries/${refs[0]}/my-sheet`, {
      baseVersion: 1,
      sheet: sheet(9),
    });
    expect(code(res)).toBe('judging.paperJuror');
  });
});

describe('the second person\u2019s check', () => {
  it('never lets the typist check their own sheet', async () => {
    const own = await check(s1, refs[0]!, { version: 1, decision: 'confirm' });
    expect(own.statusCode).toBe(403);
    expect(code(own)).toBe('judging.paperSelfCheck');
    expect(code(await check(s1, refs[0]!, { version: 1, decision: 'reject', reason: 'Tôi nhập sai một dòng' }))).toBe(
      'judging.paperSelfCheck',
    );
    expect(code(await check(j3, refs[0]!, { version: 1, decision: 'confirm' }))).toBe('auth.forbidden');
    expect(code(await check(otherSecretary, refs[0]!, { version: 1, decision: 'confirm' }))).toBe('auth.forbidden');
  });

  it('sends it back with a reason, which the desk shows; it cannot then be confirmed as it is', async () => {
    const short = await check(s2, refs[0]!, { version: 1, decision: 'reject', reason: 'sai' });
    expect(code(short)).toBe('judging.reasonRequired');
    const reason = 'Tiêu chí Nội dung trên phiếu ký là 7, không phải 8';
    const back = await check(s2, refs[0]!, { version: 1, decision: 'reject', reason });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().check).toBe('rejected');
    expect(await deskEntry(refs[0]!)).toMatchObject({
      check: 'rejected',
      rejectedBy: 'Thư ký Đối Chiếu',
      rejectReason: reason,
    });
    expect(code(await check(s2, refs[0]!, { version: 1, decision: 'confirm' }))).toBe('judging.paperAlreadyChecked');
  });

  it('checks the version typed again, not the one compared before', async () => {
    const again = await type(s1, ids.jp, refs[0]!, 1, { ...sheet(8), values: { c1: 7, c2: 8, c3: 8 } });
    expect(again.json()).toMatchObject({ version: 2, check: 'pending' });
    expect(await deskEntry(refs[0]!)).toMatchObject({ check: 'pending', rejectReason: null });
    const stale = await check(s2, refs[0]!, { version: 1, decision: 'confirm' });
    expect(code(stale)).toBe('judging.paperChanged');
    const ok = await check(s2, refs[0]!, { version: 2, decision: 'confirm' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await deskEntry(refs[0]!)).toMatchObject({ check: 'confirmed', checkedBy: 'Thư ký Đối Chiếu' });
    // Checked, it leaves everyone's to-do.
    for (const c of [s1, s2, j1]) expect(await paperChecks(c)).toEqual([]);
  });

  it('a correction typed after the check needs checking again', async () => {
    const fix = await type(s2, ids.jp, refs[0]!, 2, sheet(7));
    expect(fix.json()).toMatchObject({ version: 3, check: 'pending' });
    // s2 typed this version, so s2 may no longer check it; s1, who typed the first one, may.
    expect(code(await check(s2, refs[0]!, { version: 3, decision: 'confirm' }))).toBe('judging.paperSelfCheck');
    expect((await check(s1, refs[0]!, { version: 3, decision: 'confirm' })).statusCode).toBe(200);
  });
});

describe('received, counted, locked', () => {
  it('is not received while an entry is untyped or unchecked, and names it', async () => {
    const none = await s1.post(`/api/judging/rounds/${roundId}/paper/${ids.jp}/received`);
    expect(code(none)).toBe('judging.paperNotReady');
    expect(none.json().error.details.problems.map((p: { ref: string; code: string }) => [p.ref, p.code])).toEqual([
      [refs[1], 'paper.notTyped'],
    ]);
    expect((await type(s1, ids.jp, refs[1]!, 0, sheet(6))).statusCode).toBe(200);
    const pending = await s1.post(`/api/judging/rounds/${roundId}/paper/${ids.jp}/received`);
    expect(pending.json().error.details.problems[0].message.vi).toContain('chờ người thứ hai đối chiếu');
    // The round's chair is a second person too.
    expect((await check(j1, refs[1]!, { version: 1, decision: 'confirm' })).statusCode).toBe(200);
    expect(code(await s2.post(`/api/judging/rounds/${roundId}/paper/${ids.j3}/received`))).toBe('judging.onlineJuror');
    expect(code(await j1.post(`/api/judging/rounds/${roundId}/paper/${ids.jp}/received`))).toBe('auth.forbidden');
  });

  it('counts the paper scores only once confirmed and received, and says they came from paper', async () => {
    const provisional = async () =>
      (await s1.get(`/api/judging/rounds/${roundId}/ranking?provisional=1`)).json().rows as {
        ref: string;
        scores: { juror: string; total: number; source: string }[];
        excluded: { juror: string; why: string }[];
      }[];
    // Not received yet: the confirmed sheets wait for the juror's submission like any draft.
    const before = await s1.get(`/api/judging/rounds/${roundId}/ranking`);
    expect(before.json().rows.every((r: { scores: unknown[] }) => r.scores.length === 0)).toBe(true);
    const got = await s1.post(`/api/judging/rounds/${roundId}/paper/${ids.jp}/received`);
    expect(got.statusCode, got.body).toBe(200);
    expect(code(await type(s1, ids.jp, refs[1]!, 1, sheet(9)))).toBe('judging.paperReceived');
    for (const c of [j1, j3]) {
      for (const ref of refs) {
        const saved = await c.put(`/api/judging/rounds/${roundId}/entries/${ref}/my-sheet`, {
          baseVersion: 0,
          sheet: sheet(9),
        });
        expect(saved.statusCode, saved.body).toBe(200);
      }
      expect((await c.post(`/api/judging/rounds/${roundId}/my-sheet/submit`)).statusCode).toBe(200);
    }
    const rows = await provisional();
    const a = rows.find((r) => r.ref === refs[0])!;
    const paper = a.scores.find((s) => s.juror === 'Giám khảo Chấm Giấy')!;
    expect(paper).toMatchObject({ total: 7, source: 'paper' });
    expect(a.scores.filter((s) => s.source === 'online')).toHaveLength(2);
  });

  it('refuses typing and checking once the round is locked; the minutes mark the paper scores', async () => {
    expect((await j1.post(`/api/judging/rounds/${roundId}/lock`)).statusCode).toBe(200);
    expect(code(await type(s1, ids.jp, refs[1]!, 1, sheet(9)))).toBe('judging.roundLocked');
    expect(code(await check(s2, refs[1]!, { version: 1, decision: 'confirm' }))).toBe('judging.roundLocked');
    const pdf = await s1.get(`/api/judging/rounds/${roundId}/minutes.pdf?place=V%C4%A9nh%20Linh`);
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    const file = path.join(t.db.dataDir, `paper-minutes-${Math.random().toString(36).slice(2)}.pdf`);
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Điểm của giám khảo Giám khảo Chấm Giấy được chấm trên phiếu giấy đã ký');
    expect(text).toContain('7,00*');
  });

  it('audited every typing, check, rejection and receipt with who did it', async () => {
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('action', 'like', 'judging.paper%')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.action, r.actor_user_id])).toEqual([
      ['judging.paperEntered', ids.s1],
      ['judging.paperRejected', ids.s2],
      ['judging.paperEntered', ids.s1],
      ['judging.paperConfirmed', ids.s2],
      ['judging.paperEntered', ids.s2],
      ['judging.paperConfirmed', ids.s1],
      ['judging.paperEntered', ids.s1],
      ['judging.paperConfirmed', ids.j1],
      ['judging.paperReceived', ids.s1],
    ]);
  });
});
