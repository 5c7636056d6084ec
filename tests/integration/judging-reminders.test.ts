/**
 * Jurors' reminders (issue 11, item 7; ADR 0036) on a real database, with the clock moved: 72 and 24 hours before a
 * round's window closes, each juror who scores online and has not submitted gets an in-app notice and an e-mail in
 * their language, once per reminder point however often (and however concurrently) the job runs; a juror who
 * submitted, a paper juror, a juror with nothing to do, and everyone after the window, get none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { sendJurorReminders } from '../../server/services/judging/send-juror-reminders.ts';
import { approvedEntry, completeDraft } from '../helpers/entries.ts';
import { type Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let roundId: number;
let windowEnd: number;
const HOUR = 3_600_000;
const jurors: { id: number; email: string; c: Client }[] = [];
const sheet = { values: { c1: 8, c2: 7, c3: 9 }, comments: {}, abstain: null, note: '' };

const mailsTo = (email: string) => t.sentMail.filter((m) => m.to === email);
const notices = (userId: number) =>
  t.deps.db
    .selectFrom('notifications')
    .select(['kind', 'payload_json', 'entry_id'])
    .where('user_id', '=', userId)
    .where('kind', '=', 'judging.reminder')
    .execute();
const runAt = async (hoursBeforeEnd: number) => {
  t.setNow(new Date(windowEnd - hoursBeforeEnd * HOUR));
  return (await sendJurorReminders(t.deps)).sent;
};

beforeAll(async () => {
  t = await startTestApp();
  const entrant = await makeUser(t, { fullName: 'Người Dự Thi' });
  for (const i of [1, 2])
    await approvedEntry(t, entrant, { draft: { ...completeDraft({ kind: 'person' }), title: `Phóng sự số ${i}` } });
  const contest = await loadContest(t.deps.db, { slug: t.demoSlug });
  const judgingStart = Date.parse(contest.phases.find((p) => p.kind === 'judging')!.startsAt);
  t.setNow(new Date(judgingStart + HOUR));
  const names = ['Giám khảo Đã Nộp', 'Giám khảo Còn Chấm', 'Giám khảo Giấy', 'Juror Chưa Nộp'];
  for (const fullName of names) {
    const u = await makeUser(t, { role: 'juror', fullName });
    jurors.push({ id: u.id, email: u.email, c: await loggedInClient(t, u.email, u.password) });
  }
  await t.deps.db.updateTable('users').set({ locale: 'en' }).where('id', '=', jurors[3]!.id).execute();
  const admin = await loggedInClient(t, t.admin.email, t.admin.password);
  roundId = (await admin.get(`/api/contests/${t.demoSlug}/judging/rounds`)).json().rounds[0].id;
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
  const round = await t.deps.db
    .selectFrom('judging_rounds')
    .select('window_ends_at')
    .where('id', '=', roundId)
    .executeTakeFirstOrThrow();
  windowEnd = Date.parse(round.window_ends_at);
  const refs: string[] = (await jurors[0]!.c.get(`/api/judging/rounds/${roundId}/my-entries`))
    .json()
    .entries.map((e: { ref: string }) => e.ref);
  const save = (c: Client, ref: string) =>
    c.put(`/api/judging/rounds/${roundId}/entries/${ref}/my-sheet`, { baseVersion: 0, sheet });
  // The first juror scores both and submits; the second scores one; the fourth scores both without submitting.
  for (const ref of refs) expect((await save(jurors[0]!.c, ref)).statusCode).toBe(200);
  expect((await jurors[0]!.c.post(`/api/judging/rounds/${roundId}/my-sheet/submit`)).statusCode).toBe(200);
  expect((await save(jurors[1]!.c, refs[0]!)).statusCode).toBe(200);
  for (const ref of refs) expect((await save(jurors[3]!.c, ref)).statusCode).toBe(200);
});

afterAll(async () => t?.close());

describe('jurors reminded before the round closes', () => {
  it('sends nothing more than 72 hours before', async () => {
    expect(await runAt(80)).toBe(0);
  });

  it('72 hours before: online jurors who have not submitted, in the app and by e-mail, in their language', async () => {
    expect(await runAt(71)).toBe(2);
    const [done, left, paper, en] = jurors as [
      (typeof jurors)[0],
      (typeof jurors)[0],
      (typeof jurors)[0],
      (typeof jurors)[0],
    ];
    expect(mailsTo(done.email)).toHaveLength(0);
    expect(mailsTo(paper.email)).toHaveLength(0);
    const vi = mailsTo(left.email);
    expect(vi).toHaveLength(1);
    expect(vi[0]!.subject).toBe('Còn 72 giờ: vòng chấm "Sơ khảo" sắp hết thời gian chấm');
    expect(vi[0]!.text).toContain('Bạn đã chấm 1/2 tác phẩm; còn 1 tác phẩm chưa chấm xong');
    expect(vi[0]!.text).toContain(`/judging/rounds/${roundId}`);
    const english = mailsTo(en.email);
    expect(english[0]!.subject).toBe('72 hours left: judging round "Sơ khảo" closes soon');
    expect(english[0]!.text).toContain('You have scored all 2 entries but not submitted your sheet');
    const inApp = await notices(left.id);
    expect(inApp).toHaveLength(1);
    expect(inApp[0]!.entry_id).toBeNull();
    expect(JSON.parse(inApp[0]!.payload_json)).toMatchObject({
      roundId,
      thresholdHours: 72,
      title: { vi: 'Còn 72 giờ: vòng chấm "Sơ khảo" sắp hết thời gian chấm' },
    });
    expect(await notices(done.id)).toHaveLength(0);
    expect(await notices(paper.id)).toHaveLength(0);
  });

  it('does not repeat a reminder point, even when two runs race', async () => {
    expect(await runAt(70)).toBe(0);
    expect(await runAt(30)).toBe(0);
    t.setNow(new Date(windowEnd - 23 * HOUR));
    const both = await Promise.all([sendJurorReminders(t.deps), sendJurorReminders(t.deps)]);
    expect(both[0].sent + both[1].sent).toBe(2);
    expect(await runAt(1)).toBe(0);
    expect(mailsTo(jurors[1]!.email).map((m) => m.subject)).toEqual([
      'Còn 72 giờ: vòng chấm "Sơ khảo" sắp hết thời gian chấm',
      'Còn 24 giờ: vòng chấm "Sơ khảo" sắp hết thời gian chấm',
    ]);
    const rows = await t.deps.db
      .selectFrom('judging_reminders')
      .select(['juror_user_id', 'threshold_hours', 'unfinished', 'is_emailed'])
      .where('round_id', '=', roundId)
      .orderBy('threshold_hours', 'desc')
      .orderBy('juror_user_id')
      .execute();
    expect(rows.map((r) => [r.juror_user_id, r.threshold_hours, r.unfinished, Boolean(r.is_emailed)])).toEqual([
      [jurors[1]!.id, 72, 1, true],
      [jurors[3]!.id, 72, 0, true],
      [jurors[1]!.id, 24, 1, true],
      [jurors[3]!.id, 24, 0, true],
    ]);
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'judging.jurorReminder')
      .execute();
    expect(audited).toHaveLength(4);
  });

  it('sends nothing once the window has closed, nor again in the last hour', async () => {
    expect(await runAt(-1)).toBe(0);
    const before = t.sentMail.length;
    expect(await runAt(0.5)).toBe(0);
    expect(t.sentMail.length).toBe(before);
  });
});
