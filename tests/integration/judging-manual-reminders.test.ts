/**
 * "Nhắc giám khảo" (issue 11, item 7; ADR 0044) on a real database: the chair, the secretary or the organizer reminds
 * the jurors of an open round who score online and have not submitted, by e-mail (in their language) and text
 * message, at most once every 12 hours per juror, audited; a chosen juror alone; refused to other jurors and roles,
 * for a round in draft or locked, and for a juror who needs no reminder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { approvedEntry, completeDraft } from '../helpers/entries.ts';
import {
  Client,
  type Client as ClientT,
  loggedInClient,
  makeUser,
  startTestApp,
  type TestApp,
} from '../helpers/test-app.ts';

let t: TestApp;
let roundId: number;
let draftRoundId: number;
let start: number;
const HOUR = 3_600_000;
/** Chair (submitted), scoring (one of two, has a phone), on paper, not started (English, has a phone). */
const jurors: { id: number; email: string; c: ClientT }[] = [];
const PHONES = ['0912000101', '0912000103'];
let secretary: ClientT;
let organizer: ClientT;
let publisher: ClientT;
let outsideJuror: ClientT;
const sheet = { values: { c1: 8, c2: 7, c3: 9 }, comments: {}, abstain: null, note: '' };

const mailsTo = (email: string) => t.sentMail.filter((m) => m.to === email);
function smsTo(phone: string): string[] {
  const dir = path.join(t.deps.config.dataDir, 'sms-outbox');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .filter((x) => x.startsWith(`To: ${phone}\n`));
}
const audited = () =>
  t.deps.db
    .selectFrom('audit_log')
    .select(['actor_user_id', 'details_json'])
    .where('action', '=', 'judging.jurorRemindByHand')
    .execute();
const remind = (c: ClientT, body: { jurorUserId?: number } = {}, id = roundId) =>
  c.post(`/api/judging/rounds/${id}/reminders`, body);

beforeAll(async () => {
  t = await startTestApp();
  const entrant = await makeUser(t, { fullName: 'Người Dự Thi' });
  for (const i of [1, 2])
    await approvedEntry(t, entrant, { draft: { ...completeDraft({ kind: 'person' }), title: `Phóng sự số ${i}` } });
  const contest = await loadContest(t.deps.db, { slug: t.demoSlug });
  start = Date.parse(contest.phases.find((p) => p.kind === 'judging')!.startsAt) + HOUR;
  t.setNow(new Date(start));
  const names = ['Giám khảo Trưởng Ban', 'Giám khảo Còn Chấm', 'Giám khảo Giấy', 'Juror Not Started'];
  for (const fullName of names) {
    const u = await makeUser(t, { role: 'juror', fullName });
    jurors.push({ id: u.id, email: u.email, c: await loggedInClient(t, u.email, u.password) });
  }
  await t.deps.db.updateTable('users').set({ phone: PHONES[0] }).where('id', '=', jurors[1]!.id).execute();
  await t.deps.db
    .updateTable('users')
    .set({ phone: PHONES[1], locale: 'en' })
    .where('id', '=', jurors[3]!.id)
    .execute();
  const client = async (role: 'secretary' | 'organizer' | 'publisher' | 'juror') => {
    const u = await makeUser(t, { role });
    return loggedInClient(t, u.email, u.password);
  };
  secretary = await client('secretary');
  organizer = await client('organizer');
  publisher = await client('publisher');
  outsideJuror = await client('juror');
  const admin = await loggedInClient(t, t.admin.email, t.admin.password);
  const rounds = (await admin.get(`/api/contests/${t.demoSlug}/judging/rounds`)).json().rounds;
  roundId = rounds[0].id;
  draftRoundId = rounds[1].id;
  const set = await admin.put(`/api/judging/rounds/${roundId}/jurors`, {
    jurors: [
      { userId: jurors[0]!.id, isChair: true },
      { userId: jurors[1]!.id },
      { userId: jurors[2]!.id, mode: 'paper' },
      { userId: jurors[3]!.id },
    ],
  });
  expect(set.statusCode, set.body).toBe(200);
  expect((await jurors[0]!.c.post(`/api/judging/rounds/${roundId}/open`)).statusCode).toBe(200);
  const refs: string[] = (await jurors[0]!.c.get(`/api/judging/rounds/${roundId}/my-entries`))
    .json()
    .entries.map((e: { ref: string }) => e.ref);
  const save = (c: ClientT, ref: string) =>
    c.put(`/api/judging/rounds/${roundId}/entries/${ref}/my-sheet`, { baseVersion: 0, sheet });
  for (const ref of refs) expect((await save(jurors[0]!.c, ref)).statusCode).toBe(200);
  expect((await jurors[0]!.c.post(`/api/judging/rounds/${roundId}/my-sheet/submit`)).statusCode).toBe(200);
  expect((await save(jurors[1]!.c, refs[0]!)).statusCode).toBe(200);
});

afterAll(async () => t?.close());

describe('reminding jurors by hand', () => {
  it('is refused to a juror who is not the chair, a juror of no round, other roles and strangers', async () => {
    for (const c of [jurors[1]!.c, outsideJuror, publisher]) {
      const res = await remind(c);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
    }
    const anonymous = new Client(t.app);
    expect((await remind(anonymous)).json().error.code).toBe('auth.required');
    expect(await audited()).toHaveLength(0);
    expect(mailsTo(jurors[1]!.email)).toHaveLength(0);
  });

  it('is refused for a round still in draft, with what to do', async () => {
    const res = await remind(secretary, {}, draftRoundId);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('judging.remindNotOpen');
    expect(res.json().error.message).toMatch(/chưa mở nên chưa có gì để nhắc giám khảo\. Hãy mở vòng chấm trước\./);
  });

  it('the secretary reminds every online juror who has not submitted, by e-mail and text message', async () => {
    const res = await remind(secretary);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.sent).toBe(2);
    expect(body.tooSoon).toEqual([]);
    expect(body.reminded).toEqual([
      { jurorUserId: jurors[1]!.id, fullName: 'Giám khảo Còn Chấm', emailed: true, texted: true },
      { jurorUserId: jurors[3]!.id, fullName: 'Juror Not Started', emailed: true, texted: true },
    ]);
    // The chair submitted; the paper juror's sheet is the secretary's to type: neither is reminded.
    expect(mailsTo(jurors[0]!.email)).toHaveLength(0);
    expect(mailsTo(jurors[2]!.email)).toHaveLength(0);
    const vi = mailsTo(jurors[1]!.email);
    expect(vi).toHaveLength(1);
    expect(vi[0]!.subject).toMatch(/^Nhắc chấm thi: vòng chấm "Sơ khảo" hết thời gian chấm lúc /);
    expect(vi[0]!.text).toContain('Bạn đã chấm 1/2 tác phẩm; còn 1 tác phẩm chưa chấm xong');
    expect(vi[0]!.text).toContain(`/judging/rounds/${roundId}`);
    const en = mailsTo(jurors[3]!.email);
    expect(en[0]!.subject).toMatch(/^Judging reminder: round "Sơ khảo" closes at /);
    expect(en[0]!.text).toContain('You have scored 0 of 2 entries; 2 are not finished');
    expect(smsTo(PHONES[0]!)).toHaveLength(1);
    expect(smsTo(PHONES[0]!)[0]).toContain('vòng chấm "Sơ khảo" hết hạn');
    expect(smsTo(PHONES[0]!)[0]).toContain('còn 1 tác phẩm chưa chấm');
    expect(smsTo(PHONES[1]!)).toHaveLength(1);
    const records = await audited();
    expect(records).toHaveLength(2);
    expect(records.map((r) => JSON.parse(r.details_json ?? '{}').jurorUserId).sort()).toEqual(
      [jurors[1]!.id, jurors[3]!.id].sort(),
    );
    const rows = await t.deps.db
      .selectFrom('judging_manual_reminders')
      .select(['juror_user_id', 'unfinished', 'is_emailed', 'is_texted'])
      .where('round_id', '=', roundId)
      .orderBy('juror_user_id')
      .execute();
    expect(rows.map((r) => [r.juror_user_id, r.unfinished, Boolean(r.is_emailed), Boolean(r.is_texted)])).toEqual([
      [jurors[1]!.id, 1, true, true],
      [jurors[3]!.id, 2, true, true],
    ]);
  });

  it('goes at most once in 12 hours per juror: skipped when reminding all, refused (429) for one', async () => {
    t.setNow(new Date(start + 11 * HOUR));
    const all = await remind(jurors[0]!.c);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().sent).toBe(0);
    expect(all.json().tooSoon.map((j: { jurorUserId: number }) => j.jurorUserId)).toEqual([
      jurors[1]!.id,
      jurors[3]!.id,
    ]);
    expect(all.json().tooSoon[0].nextAt).toBe(new Date(start + 12 * HOUR).toISOString());
    const one = await remind(organizer, { jurorUserId: jurors[1]!.id });
    expect(one.statusCode).toBe(429);
    expect(one.json().error.code).toBe('judging.remindTooSoon');
    expect(one.json().error.message).toMatch(
      /^Giám khảo Giám khảo Còn Chấm đã được nhắc lúc .*; mỗi giám khảo chỉ được nhắc tối đa một lần trong 12 giờ\. Có thể nhắc lại từ /,
    );
    expect(await audited()).toHaveLength(2);
    expect(mailsTo(jurors[1]!.email)).toHaveLength(1);
  });

  it('the chair reminds one chosen juror once the 12 hours are over; two clicks at once send one', async () => {
    t.setNow(new Date(start + 12 * HOUR + 60_000));
    const both = await Promise.all([
      remind(jurors[0]!.c, { jurorUserId: jurors[1]!.id }),
      remind(secretary, { jurorUserId: jurors[1]!.id }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 429]);
    expect(both.find((r) => r.statusCode === 200)!.json().sent).toBe(1);
    expect(mailsTo(jurors[1]!.email)).toHaveLength(2);
    expect(smsTo(PHONES[0]!)).toHaveLength(2);
    // Only the chosen juror: the other one due was not reminded.
    expect(mailsTo(jurors[3]!.email)).toHaveLength(1);
    expect(await audited()).toHaveLength(3);
  });

  it('refuses a chosen juror who needs no reminder, and one not of the round', async () => {
    for (const id of [jurors[0]!.id, jurors[2]!.id]) {
      const res = await remind(secretary, { jurorUserId: id });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('judging.remindNotNeeded');
    }
    const stranger = await remind(secretary, { jurorUserId: 999_999 });
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().error.code).toBe('judging.jurorNotInRound');
  });

  it('is refused once the round is locked', async () => {
    expect((await jurors[0]!.c.post(`/api/judging/rounds/${roundId}/lock`)).statusCode).toBe(200);
    t.setNow(new Date(start + 30 * HOUR));
    const res = await remind(secretary);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('judging.remindLocked');
    expect(res.json().error.message).toMatch(/đã khóa nên không nhắc giám khảo được nữa/);
    expect(await audited()).toHaveLength(3);
  });
});
