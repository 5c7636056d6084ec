/**
 * Deadline reminders (ADR 0024): entrants with an unfinished draft get an e-mail (through a real SMTP listener), a
 * text message (the SMS outbox) and an in-app notice 72 and 24 hours before the submission deadline, once per draft
 * and threshold, audited; none for drafts submitted, withdrawn or typed in by the secretariat. The job runs in the
 * worker; the clock the services see is set by the test.
 */
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startWorker, type Worker } from '../../server/jobs/worker.ts';
import { createMailer } from '../../server/mail/mailer.ts';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { sendDeadlineReminders } from '../../server/services/entries/send-deadline-reminders.ts';
import type { MyEntry, NotificationList } from '../helpers/api-types.ts';
import { attachAcceptedFile, completeDraft } from '../helpers/entries.ts';
import { decodeMail } from '../helpers/mail-decode.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { type Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

const H = 3_600_000;
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let worker: Worker;
let end: number;
let endIso: string;

interface Entrant {
  c: Client;
  email: string;
  phone: string;
  entryId: number;
}
let drafting: Entrant;
let submitted: Entrant;
let withdrawn: Entrant;
let late: Entrant;
let phoneSeq = 0;

async function entrantWithDraft(title: string): Promise<Entrant> {
  const u = await makeUser(t, { role: 'entrant' });
  const c = await loggedInClient(t, u.email, u.password);
  const phone = `0915${String(++phoneSeq).padStart(6, '0')}`;
  const draft = completeDraft({ kind: 'person' }, { title });
  draft.authors[0]!.phone = phone;
  const res = await c.post(`/api/contests/${t.demoSlug}/entries`, draft);
  if (res.statusCode !== 201) throw new Error(`draft: ${res.statusCode} ${res.body}`);
  return { c, email: u.email, phone, entryId: res.json().id as number };
}

/** Queues the job as the housekeeping does and waits until the worker has run it. */
async function runJob(at: number): Promise<void> {
  t.setNow(new Date(at));
  const id = await t.deps.jobs.send('deadline-reminders', {}, { singletonKey: 'deadline-reminders' });
  if (!id) throw new Error('a reminders job was already waiting');
  for (let i = 0; i < 400; i++) {
    const job = await t.deps.jobs.getJob(id);
    if (job?.state === 'completed') return;
    if (job?.state === 'failed') throw new Error(`job failed: ${job.lastError}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the reminders job did not finish');
}

/** The reminders that reached an address (submitting also mails a receipt). */
function mailsTo(email: string) {
  return smtp.received
    .filter((m) => m.to.includes(email))
    .map((m) => decodeMail(m.raw))
    .filter((m) => m.subject.includes('chưa được nộp'));
}

const reminderCount = () => smtp.received.filter((m) => decodeMail(m.raw).subject.includes('chưa được nộp')).length;

function smsTo(phone: string): string[] {
  const dir = path.join(t.db.dataDir, 'sms-outbox');
  if (!fs.existsSync(dir)) return [];
  const normalized = `+84${phone.slice(1)}`;
  return fs
    .readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .filter((s) => s.startsWith(`To: ${normalized}\n`) || s.startsWith(`To: ${phone}\n`));
}

async function reminderAudit(entryId: number) {
  return t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'actor_user_id', 'details_json'])
    .where('target', '=', `entry:${entryId}`)
    .where('action', '=', 'entry.deadlineReminder')
    .orderBy('seq')
    .execute();
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  const config = loadConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Ban Tổ chức <btc@example.vn>' });
  t = await startTestApp({
    mailer: createMailer({ smtp: config.smtp, dataDir: '.', logger: pino({ level: 'silent' }) }),
  });
  const contest = await loadContest(t.deps.db, { slug: t.demoSlug });
  endIso = contest.phases.find((p) => p.kind === 'submission')!.endsAt;
  end = Date.parse(endIso);
  t.setNow(new Date(end - 80 * H));
  drafting = await entrantWithDraft('Sông Bến Hải hôm nay');
  submitted = await entrantWithDraft('Đã nộp xong');
  await attachAcceptedFile(t, submitted.entryId);
  expect((await submitted.c.post(`/api/entries/${submitted.entryId}/submit`)).statusCode).toBe(200);
  withdrawn = await entrantWithDraft('Rút về để sửa');
  await attachAcceptedFile(t, withdrawn.entryId);
  expect((await withdrawn.c.post(`/api/entries/${withdrawn.entryId}/submit`)).statusCode).toBe(200);
  expect((await withdrawn.c.post(`/api/entries/${withdrawn.entryId}/withdraw`)).statusCode).toBe(200);
  // The housekeeping at the worker's start queues the job: 80 hours before the deadline it finds nothing to send.
  worker = await startWorker(t.deps, { pollMs: 25, housekeepingMs: 3_600_000 });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await t?.close();
  await smtp?.close();
});

describe('deadline reminders', () => {
  it('are queued by the worker’s housekeeping, and send nothing more than 72 hours before the deadline', async () => {
    for (let i = 0; i < 400; i++) {
      const job = await t.deps.jobs.findByKey('deadline-reminders', 'deadline-reminders');
      if (job?.state === 'completed') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((await t.deps.jobs.findByKey('deadline-reminders', 'deadline-reminders'))?.state).toBe('completed');
    expect(reminderCount()).toBe(0);
    expect(await t.deps.db.selectFrom('deadline_reminders').selectAll().execute()).toHaveLength(0);
  });

  it('gives each draft its deadline in the words of the pages', async () => {
    const mine = (await drafting.c.get('/api/me/entries')).json<MyEntry[]>();
    expect(mine[0]).toMatchObject({
      status: 'draft',
      deadline: { endsAt: expect.any(String), timeZone: 'Asia/Ho_Chi_Minh', graceMinutes: 60 },
    });
    expect(Date.parse(mine[0]!.deadline!.endsAt)).toBe(end);
    const sent = (await submitted.c.get('/api/me/entries')).json<MyEntry[]>();
    expect(sent[0]).toMatchObject({ status: 'submitted', deadline: null });
  });

  it('72 hours before: e-mail, text message, in-app notice and audit for the unfinished draft only', async () => {
    await runJob(end - 71 * H);
    const mails = mailsTo(drafting.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Còn 72 giờ: tác phẩm dự thi của bạn chưa được nộp');
    expect(mails[0]!.text).toContain('Tác phẩm “Sông Bến Hải hôm nay”');
    expect(mails[0]!.text).toMatch(/Hạn nộp: \d\d:\d\d ngày \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)\./);
    expect(mails[0]!.text).toContain(`/entries/${drafting.entryId}`);
    const sms = smsTo(drafting.phone);
    expect(sms).toHaveLength(1);
    expect(sms[0]).toContain('tác phẩm “Sông Bến Hải hôm nay” chưa được nộp. Hạn nộp:');

    const notes = (await drafting.c.get('/api/me/notifications')).json<NotificationList>();
    expect(notes.items[0]).toMatchObject({
      kind: 'deadline.reminder',
      entryId: drafting.entryId,
      data: { thresholdHours: 72 },
    });

    const audit = await reminderAudit(drafting.entryId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: null });
    expect(JSON.parse(audit[0]!.details_json)).toEqual({ thresholdHours: 72, deadline: new Date(end).toISOString() });
    expect(audit[0]!.details_json).not.toContain(drafting.phone.slice(1));

    const rows = await t.deps.db.selectFrom('deadline_reminders').selectAll().execute();
    expect(rows).toEqual([expect.objectContaining({ entry_id: drafting.entryId, threshold_hours: 72 })]);
    expect(rows[0]).toMatchObject({ is_emailed: true, is_texted: true });

    for (const other of [submitted, withdrawn]) {
      expect(mailsTo(other.email)).toHaveLength(0);
      expect(smsTo(other.phone)).toHaveLength(0);
      expect(await reminderAudit(other.entryId)).toHaveLength(0);
    }
  });

  it('goes once: the job run again within the same threshold sends nothing', async () => {
    const before = reminderCount();
    await runJob(end - 70 * H);
    // And the service called at once from two places claims each draft once.
    const both = await Promise.all([sendDeadlineReminders(t.deps), sendDeadlineReminders(t.deps)]);
    expect(both.map((r) => r.sent)).toEqual([0, 0]);
    expect(reminderCount()).toBe(before);
    expect(await reminderAudit(drafting.entryId)).toHaveLength(1);
  });

  it('24 hours before: the second reminder; a draft begun after the 72-hour mark gets this one only', async () => {
    t.setNow(new Date(end - 30 * H));
    late = await entrantWithDraft('');
    await runJob(end - 23 * H);
    const mails = mailsTo(drafting.email);
    expect(mails.map((m) => m.subject)).toEqual([
      'Còn 72 giờ: tác phẩm dự thi của bạn chưa được nộp',
      'Còn 24 giờ: tác phẩm dự thi của bạn chưa được nộp',
    ]);
    expect(smsTo(drafting.phone)).toHaveLength(2);
    const lateMails = mailsTo(late.email);
    expect(lateMails.map((m) => m.subject)).toEqual(['Còn 24 giờ: tác phẩm dự thi của bạn chưa được nộp']);
    expect(lateMails[0]!.text).toContain('Tác phẩm chưa đặt tên');
    const thresholds = await t.deps.db
      .selectFrom('deadline_reminders')
      .select(['entry_id', 'threshold_hours'])
      .orderBy('entry_id')
      .orderBy('threshold_hours', 'desc')
      .execute();
    expect(thresholds).toEqual([
      { entry_id: drafting.entryId, threshold_hours: 72 },
      { entry_id: drafting.entryId, threshold_hours: 24 },
      { entry_id: late.entryId, threshold_hours: 24 },
    ]);
  });

  it('sends nothing after the deadline', async () => {
    t.setNow(new Date(end - 2 * H));
    const newest = await entrantWithDraft('Quá hạn');
    const before = reminderCount();
    await runJob(end + H);
    expect(reminderCount()).toBe(before);
    expect(mailsTo(newest.email)).toHaveLength(0);
  });
});
