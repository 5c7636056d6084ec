/**
 * Review of submitted entries (R9, R11): every decision path, every permission, the audit trail and the entrant's
 * notifications (in the app, e-mail through the outbox, SMS through the file outbox, no phone in the logs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKLIST_LABELS } from '@core/review.ts';
import { createMailer } from '../../server/mail/mailer.ts';
import { createSmsOutbox } from '../../server/notify/sms.ts';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { updateContest } from '../../server/services/contests/update-contest.ts';
import type { Compliance, EntryReviews, EntryView, NotificationList, ReviewQueue } from '../helpers/api-types.ts';
import { attachAcceptedFile, completeDraft, unitId } from '../helpers/entries.ts';
import { type Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let slug: string;
const logs: string[] = [];
let outboxDir: string;
let org: Client;
let s1: Client;
let s2: Client;
let secretary: Client;
let juror: Client;
let entrantA: Client;
let entrantB: Client;
let entrantAEmail: string;
let vinhThai: number;
let repOwner: Client;
let repOther: Client;
let repElsewhere: Client;
let submissionEnd: number;

const REVIEWER_NAMES = ['Phạm Thẩm Định Một', 'Võ Thẩm Định Hai', 'Lê Trưởng Ban'];
const ALL_OK = {
  onTheme: { ok: true, note: '' },
  lawfulRespectful: { ok: true, note: '' },
  originalRights: { ok: true, note: 'Đã xem cảnh báo trùng lặp: không có' },
};
const hoursFrom = (base: number, h: number) => new Date(base + h * 3600_000).toISOString();

let phoneSeq = 0;
/** A fresh author phone per entry: a person's quota (R3) follows the first author's phone. */
function nextPhone(): string {
  return `0913${String(++phoneSeq).padStart(6, '0')}`;
}

async function submitted(
  c: Client,
  opts: { unitId?: number; title?: string; phone?: string } = {},
): Promise<{ id: number; code: string; phone: string }> {
  const phone = opts.phone ?? nextPhone();
  const draft = completeDraft(opts.unitId ? { kind: 'unit', unitId: opts.unitId } : { kind: 'person' }, {
    title: opts.title ?? `Phóng sự ${phoneSeq}`,
  });
  draft.authors[0]!.phone = phone;
  const res = await c.post(`/api/contests/${slug}/entries`, draft);
  if (res.statusCode !== 201) throw new Error(`draft: ${res.statusCode} ${res.body}`);
  const id = res.json().id as number;
  await attachAcceptedFile(t, id);
  const sub = await c.post(`/api/entries/${id}/submit`);
  if (sub.statusCode !== 200) throw new Error(`submit: ${sub.statusCode} ${sub.body}`);
  return { id, code: sub.json().code, phone };
}

function review(c: Client, id: number, body: Record<string, unknown>) {
  return c.post(`/api/entries/${id}/reviews`, body);
}

async function notifications(c: Client): Promise<NotificationList> {
  return (await c.get('/api/me/notifications')).json<NotificationList>();
}

/** The caller's latest notification about an entry (of a kind, if given); fails the test when there is none. */
async function noticeAbout(c: Client, entryId: number, kind?: string) {
  const n = (await notifications(c)).items.find((i) => i.entryId === entryId && (!kind || i.kind === kind));
  if (!n) throw new Error(`no notification about entry ${entryId}`);
  return n;
}

async function entryView(c: Client, id: number): Promise<EntryView> {
  return (await c.get(`/api/entries/${id}`)).json<EntryView>();
}

async function reviewsOf(c: Client, id: number): Promise<EntryReviews> {
  return (await c.get(`/api/entries/${id}/reviews`)).json<EntryReviews>();
}

async function queue(c: Client, query = ''): Promise<ReviewQueue['entries']> {
  return (await c.get(`/api/contests/${slug}/review-queue${query}`)).json<ReviewQueue>().entries;
}

async function withNow<T>(at: number, fn: () => Promise<T>): Promise<T> {
  t.setNow(new Date(at));
  try {
    return await fn();
  } finally {
    t.setNow(new Date());
  }
}

async function auditOf(entryId: number) {
  return t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'outcome', 'details_json', 'actor_user_id'])
    .where('target', '=', `entry:${entryId}`)
    .orderBy('seq')
    .execute();
}

function outboxMails(): string[] {
  if (!fs.existsSync(path.join(outboxDir, 'outbox'))) return [];
  return fs
    .readdirSync(path.join(outboxDir, 'outbox'))
    .map((f) => fs.readFileSync(path.join(outboxDir, 'outbox', f), 'utf8'));
}

function smsFiles(): string[] {
  const dir = path.join(t.db.dataDir, 'sms-outbox');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

async function setReviewsRequired(n: 1 | 2): Promise<void> {
  const c = await loadContest(t.deps.db, { slug });
  await updateContest(t.deps, { userId: t.admin.userId, isSiteAdmin: true, ip: null }, slug, {
    ...c.settings,
    reviewsRequired: n,
    phases: c.phases,
    unitCategories: c.unitCategories,
  });
}

beforeAll(async () => {
  const logger = pino({ level: 'trace' }, { write: (s: string) => void logs.push(s) });
  outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-mail-'));
  t = await startTestApp({
    env: { MAX_DRAFTS_PER_ENTRANT: '100' },
    mailer: createMailer({ smtp: null, dataDir: outboxDir, logger }),
  });
  // The services log through deps.logger and text through deps.sms: both into the captured log.
  t.deps.logger = logger;
  t.deps.sms = createSmsOutbox({ dataDir: t.db.dataDir, logger });
  slug = t.demoSlug;
  const client = async (opts: Parameters<typeof makeUser>[1]) => {
    const u = await makeUser(t, opts);
    return { c: await loggedInClient(t, u.email, u.password), u };
  };
  org = (await client({ role: 'organizer', fullName: REVIEWER_NAMES[2] })).c;
  s1 = (await client({ role: 'secretariat', fullName: REVIEWER_NAMES[0] })).c;
  s2 = (await client({ role: 'secretariat', fullName: REVIEWER_NAMES[1] })).c;
  secretary = (await client({ role: 'secretary' })).c;
  juror = (await client({ role: 'juror' })).c;
  const a = await client({ fullName: 'Nguyễn Thị Dự Thi' });
  entrantA = a.c;
  entrantAEmail = a.u.email;
  entrantB = (await client({})).c;
  vinhThai = await unitId(t, 'Xã Vĩnh Thái');
  repOwner = (await client({ role: 'unit_rep', unitId: vinhThai })).c;
  repOther = (await client({ role: 'unit_rep', unitId: vinhThai })).c;
  repElsewhere = (await client({ role: 'unit_rep', unitId: await unitId(t, 'Xã Vĩnh Hà') })).c;
  const c = await loadContest(t.deps.db, { slug });
  submissionEnd = Date.parse(c.phases.find((p) => p.kind === 'submission')!.endsAt);
});

afterAll(async () => {
  await t?.close();
  if (outboxDir) fs.rmSync(outboxDir, { recursive: true, force: true });
});

describe('one review required', () => {
  it('approves: the entry stays submitted, audited, the entrant told in the app, by e-mail and by SMS', async () => {
    const { id, code, phone } = await submitted(entrantA);
    expect((await entrantA.get(`/api/entries/${id}`)).json().review).toEqual({
      status: 'pending',
      reason: null,
      fixDeadline: null,
    });
    const res = await review(s1, id, { decision: 'approve', checklist: ALL_OK, note: 'Ghi chú nội bộ: hình ảnh tốt' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ round: 1, status: 'approved', isFinal: false });

    const view = await entryView(entrantA, id);
    expect(view).toMatchObject({
      status: 'submitted',
      canEdit: false,
      review: { status: 'approved', reason: null, fixDeadline: null },
    });
    expect(view.events.map((e) => e.kind)).toContain('review.approved');

    const audit = await auditOf(id);
    expect(audit.find((a) => a.action === 'entry.review')).toMatchObject({ outcome: 'ok' });
    expect(JSON.parse(audit.find((a) => a.action === 'entry.review')!.details_json)).toMatchObject({
      code,
      round: 1,
      decision: 'approve',
      outcome: 'approved',
    });

    const inbox = await notifications(entrantA);
    const n = await noticeAbout(entrantA, id);
    expect(n).toMatchObject({
      kind: 'review.approved',
      readAt: null,
      title: { vi: `Tác phẩm ${code} đã được duyệt`, en: `Entry ${code} approved` },
    });
    expect(inbox.unread).toBeGreaterThanOrEqual(1);
    expect((await entrantA.post(`/api/me/notifications/${n.id}/read`)).statusCode).toBe(200);
    const after = await notifications(entrantA);
    expect(after.items.find((i) => i.id === n.id)!.readAt).not.toBeNull();
    expect(after.unread).toBe(inbox.unread - 1);
    expect((await entrantB.post(`/api/me/notifications/${n.id}/read`)).json().error.code).toBe('notification.notFound');

    const mail = outboxMails().find((m) => m.includes(`Subject: Tác phẩm ${code} đã được duyệt`));
    expect(mail).toContain(`To: ${entrantAEmail}`);
    const sms = smsFiles().find((s) => s.includes(code));
    expect(sms).toContain(`To: ${phone}`);
    expect(sms).toContain('đã được Ban Tổ chức duyệt');
    const all = logs.join('\n');
    expect(all).toContain('entrant notified');
    expect(all).toContain('sms-outbox');
    expect(all).not.toContain(phone);
    expect(all).not.toContain(entrantAEmail);
  });

  it('takes one decision per reviewer per round, and none once the round is decided', async () => {
    const { id } = await submitted(entrantA);
    expect((await review(s1, id, { decision: 'approve', checklist: ALL_OK })).statusCode).toBe(201);
    const again = await review(s1, id, { decision: 'reject', reason: 'Đổi ý sau khi xem lại' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('review.alreadyDecided');
    expect(again.json().error.message).toContain('lượt 1');
    expect((await review(s2, id, { decision: 'reject', reason: 'Không đúng chủ đề cuộc thi' })).json().error.code).toBe(
      'review.notReviewable',
    );
  });

  it('approves only with every checklist item met, naming what is missing', async () => {
    const { id } = await submitted(entrantA);
    const res = await review(s1, id, { decision: 'approve', checklist: { onTheme: { ok: true } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('review.checklistIncomplete');
    expect(res.json().error.message).toContain(
      `còn 2 mục chưa đạt hoặc chưa đánh dấu: «${CHECKLIST_LABELS.lawfulRespectful.vi}»; ` +
        `«${CHECKLIST_LABELS.originalRights.vi}».`,
    );
    expect(res.json().error.details.items).toEqual(['lawfulRespectful', 'originalRights']);
    s1.lang = 'en';
    const en = await review(s1, id, { decision: 'approve', checklist: { lawfulRespectful: { ok: false } } });
    s1.lang = 'vi';
    expect(en.json().error.message).toContain(
      `3 items are not met or not ticked: «${CHECKLIST_LABELS.onTheme.en}»; ` +
        `«${CHECKLIST_LABELS.lawfulRespectful.en}»; «${CHECKLIST_LABELS.originalRights.en}».`,
    );
    expect(en.json().error.message).not.toMatch(/\bR\d/);
    expect(en.json().error.details.items).toEqual(['onTheme', 'lawfulRespectful', 'originalRights']);
  });

  it('needs a reason to reject; a rejected entry is locked, and the entrant is told why', async () => {
    const { id, code } = await submitted(entrantA);
    const short = await review(s1, id, { decision: 'reject', reason: 'Không ổn' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('review.reasonRequired');
    expect(short.json().error.message).toContain('ít nhất 10 ký tự');
    const reason = 'Sử dụng nhạc nền có bản quyền mà không có giấy phép';
    expect((await review(s1, id, { decision: 'reject', reason })).json().status).toBe('rejected');

    const view = (await entrantA.get(`/api/entries/${id}`)).json();
    expect(view).toMatchObject({
      status: 'submitted',
      canEdit: false,
      canWithdraw: false,
      review: { status: 'rejected', reason, fixDeadline: null },
    });
    expect((await entrantA.post(`/api/entries/${id}/withdraw`)).json().error.code).toBe('review.rejectedLocked');
    expect(
      (await entrantA.put(`/api/contests/${slug}/entries/${id}`, completeDraft({ kind: 'person' }))).json().error.code,
    ).toBe('entry.locked');
    expect((await entrantA.post(`/api/entries/${id}/submit`)).json().error.code).toBe('entry.locked');
    const n = await noticeAbout(entrantA, id);
    expect(n.kind).toBe('review.rejected');
    expect(n.body.vi).toContain(`Lý do: ${reason}`);
    expect(outboxMails().some((m) => m.includes(`Tác phẩm ${code} không được duyệt`))).toBe(true);
  });
});

describe('returned for a fix', () => {
  it('needs a reason and a deadline between an hour and 14 days ahead', async () => {
    const { id } = await submitted(entrantA);
    const now = Date.now();
    expect(
      (await review(s1, id, { decision: 'return', reason: 'Thiếu phụ đề tiếng Việt', fixDeadline: null })).json().error
        .code,
    ).toBe('review.deadlineInvalid');
    expect(
      (
        await review(s1, id, { decision: 'return', reason: 'Thiếu phụ đề tiếng Việt', fixDeadline: hoursFrom(now, -2) })
      ).json().error.code,
    ).toBe('review.deadlineInvalid');
    const far = await review(s1, id, {
      decision: 'return',
      reason: 'Thiếu phụ đề tiếng Việt',
      fixDeadline: hoursFrom(now, 15 * 24),
    });
    expect(far.json().error.code).toBe('review.deadlineInvalid');
    expect(far.json().error.message).toContain('không quá 14 ngày');
    expect(
      (await review(s1, id, { decision: 'return', reason: 'ngắn', fixDeadline: hoursFrom(now, 48) })).json().error.code,
    ).toBe('review.reasonRequired');
    expect((await entrantA.get(`/api/entries/${id}`)).json().review.status).toBe('pending');
  });

  it('lets the entrant fix and resend it after submissions closed, until the deadline: a new round', async () => {
    const { id, code, phone } = await submitted(entrantA);
    const reviewedAt = submissionEnd + 3600_000;
    const deadline = hoursFrom(reviewedAt, 72);
    const reason = 'Thiếu phụ đề tiếng Việt cho phần phỏng vấn người dân';
    await withNow(reviewedAt, async () => {
      const res = await review(s1, id, {
        decision: 'return',
        reason,
        fixDeadline: deadline,
        note: 'Chỉ nội bộ: cân nhắc cảnh báo',
      });
      expect(res.json()).toMatchObject({ status: 'returned', round: 1 });
      const view = (await entrantA.get(`/api/entries/${id}`)).json();
      expect(view).toMatchObject({
        status: 'draft',
        canEdit: true,
        review: { status: 'returned', reason, fixDeadline: deadline },
      });
      // Still holding its place in the quota while it is being fixed.
      expect(
        await t.deps.db.selectFrom('entry_slots').select('slot').where('entry_id', '=', id).executeTakeFirst(),
      ).toBeDefined();
    });

    // Told with the deadline in Vietnamese time, dd/MM/yyyy HH:mm.
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(new Date(deadline))
      .replace(',', '');
    const n = await noticeAbout(entrantA, id);
    expect(n).toMatchObject({ kind: 'review.returned', data: { status: 'returned', fixDeadline: deadline } });
    expect(n.body.vi).toContain(`Hạn sửa và nộp lại: ${local}`);
    expect(n.body.vi).not.toContain('Chỉ nội bộ');
    expect(outboxMails().find((m) => m.includes(`Tác phẩm ${code} được trả lại để sửa`))).toContain(local);
    expect(smsFiles().find((s) => s.includes(code) && s.includes('trả lại'))).toContain(`To: ${phone}`);

    await withNow(reviewedAt + 24 * 3600_000, async () => {
      const draft = completeDraft({ kind: 'person' }, { title: 'Phóng sự đã sửa, có phụ đề' });
      draft.authors[0]!.phone = phone;
      expect((await entrantA.put(`/api/contests/${slug}/entries/${id}`, draft)).statusCode).toBe(200);
      const srt = '1\n00:00:01,000 --> 00:00:03,000\nXin chào bà con\n';
      expect(
        (
          await entrantA.request('PUT', `/api/entries/${id}/subtitles/vi`, undefined, {
            raw: Buffer.from(srt),
            contentType: 'application/x-subrip',
          })
        ).statusCode,
      ).toBe(200);
      const upload = await entrantA.request('POST', '/api/uploads', undefined, {
        headers: {
          'tus-resumable': '1.0.0',
          'upload-length': '1000',
          'upload-metadata':
            `entryId ${Buffer.from(String(id)).toString('base64')},filename ` +
            `${Buffer.from('sua.mp4').toString('base64')}`,
        },
      });
      expect(upload.statusCode).toBe(201);
      await attachAcceptedFile(t, id);
      const again = await entrantA.post(`/api/entries/${id}/submit`);
      expect(again.statusCode).toBe(200);
      expect(again.json().code).toBe(code);
      const view = (await entrantA.get(`/api/entries/${id}`)).json();
      expect(view).toMatchObject({
        status: 'submitted',
        canEdit: false,
        review: { status: 'pending', reason: null, fixDeadline: null },
      });
      const mine = (await entrantA.get(`/api/entries/${id}/reviews`)).json();
      expect(mine).toMatchObject({
        status: 'pending',
        round: 2,
        staff: null,
        history: [{ round: 1, status: 'returned', reason, fixDeadline: deadline }],
      });
      const staff = (await reviewsOf(s2, id)).staff!;
      expect(staff.rounds.map((r) => [r.round, r.status, r.decisions.length])).toEqual([
        [1, 'returned', 1],
        [2, 'pending', 0],
      ]);
      expect(staff.rounds[0]!.decisions[0]).toMatchObject({
        reviewerName: REVIEWER_NAMES[0],
        decision: 'return',
        note: 'Chỉ nội bộ: cân nhắc cảnh báo',
      });
      expect(staff.canReview).toBe(true);
      // The reviewer of round 1 decides again in round 2.
      expect((await review(s1, id, { decision: 'approve', checklist: ALL_OK })).json()).toMatchObject({
        round: 2,
        status: 'approved',
      });
    });
    const slots = await t.deps.db.selectFrom('entry_slots').select('slot').where('entry_id', '=', id).execute();
    expect(slots).toHaveLength(1);
  });

  it('refuses changes and a new submission once the fix deadline has passed', async () => {
    const { id, phone } = await submitted(entrantA);
    const reviewedAt = submissionEnd + 3600_000;
    const deadline = hoursFrom(reviewedAt, 2);
    await withNow(reviewedAt, async () => {
      expect(
        (await review(s2, id, { decision: 'return', reason: 'Cần bổ sung chức vụ tác giả', fixDeadline: deadline }))
          .statusCode,
      ).toBe(201);
    });
    await withNow(Date.parse(deadline) + 60_000, async () => {
      const draft = completeDraft({ kind: 'person' });
      draft.authors[0]!.phone = phone;
      const edit = await entrantA.put(`/api/contests/${slug}/entries/${id}`, draft);
      expect(edit.statusCode).toBe(409);
      expect(edit.json().error.code).toBe('entry.fixDeadlinePassed');
      expect(edit.json().error.message).toMatch(
        /Đã hết hạn sửa tác phẩm được trả lại \(\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\)/,
      );
      expect((await entrantA.post(`/api/entries/${id}/submit`)).json().error.code).toBe('entry.fixDeadlinePassed');
      expect((await entrantA.get(`/api/entries/${id}`)).json()).toMatchObject({
        canEdit: false,
        review: { status: 'returned' },
      });
      expect((await review(s1, id, { decision: 'approve', checklist: ALL_OK })).json().error.code).toBe(
        'review.notReviewable',
      );
    });
  });
});

describe('more time to fix a returned entry', () => {
  const extend = (c: Client, id: number, fixDeadline: string) =>
    c.post(`/api/entries/${id}/fix-deadline`, { fixDeadline });
  const local = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(new Date(iso))
      .replace(',', '');

  it('is given by a reviewer after the deadline passed; the entrant is told, fixes it and sends it again', async () => {
    const { id, code, phone } = await submitted(entrantA);
    const reviewedAt = submissionEnd + 3600_000;
    const first = hoursFrom(reviewedAt, 2);
    await withNow(reviewedAt, async () => {
      expect(
        (await review(s1, id, { decision: 'return', reason: 'Cần bổ sung chức vụ tác giả', fixDeadline: first }))
          .statusCode,
      ).toBe(201);
    });
    const lateAt = Date.parse(first) + 3600_000;
    const second = hoursFrom(lateAt, 48);
    const draft = completeDraft({ kind: 'person' }, { title: 'Phóng sự đã bổ sung chức vụ' });
    draft.authors[0]!.phone = phone;
    await withNow(lateAt, async () => {
      expect((await entrantA.put(`/api/contests/${slug}/entries/${id}`, draft)).json().error.code).toBe(
        'entry.fixDeadlinePassed',
      );
      expect((await s2.get(`/api/entries/${id}/reviews`)).json().staff.canExtendFixDeadline).toBe(true);

      const res = await extend(s2, id, second);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ entryId: id, fixDeadline: second });
      expect((await s2.get(`/api/entries/${id}/reviews`)).json()).toMatchObject({
        status: 'returned',
        fixDeadline: second,
      });

      const view = await entryView(entrantA, id);
      expect(view).toMatchObject({
        status: 'draft',
        canEdit: true,
        review: { status: 'returned', fixDeadline: second },
      });
      expect(view.events.map((e) => e.kind)).toContain('review.deadlineExtended');
      const n = await noticeAbout(entrantA, id, 'review.deadlineExtended');
      expect(n.body.vi).toContain(`Hạn sửa và nộp lại mới: ${local(second)}`);
      expect(outboxMails().find((m) => m.includes(`Gia hạn sửa tác phẩm ${code}`))).toContain(local(second));
      expect(smsFiles().find((f) => f.includes(code) && f.includes('gia hạn'))).toContain(`To: ${phone}`);
      const audit = (await auditOf(id)).filter((a) => a.action === 'entry.extendFixDeadline');
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.details_json!)).toMatchObject({
        code,
        round: 1,
        previous: first,
        fixDeadline: second,
      });

      expect((await entrantA.put(`/api/contests/${slug}/entries/${id}`, draft)).statusCode).toBe(200);
      const again = await entrantA.post(`/api/entries/${id}/submit`);
      expect(again.statusCode).toBe(200);
      expect((await entrantA.get(`/api/entries/${id}`)).json().review).toEqual({
        status: 'pending',
        reason: null,
        fixDeadline: null,
      });
      // Sent again: nothing left to extend.
      const late = await extend(s2, id, hoursFrom(lateAt, 72));
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('review.notReturned');
      expect((await s2.get(`/api/entries/${id}/reviews`)).json().staff.canExtendFixDeadline).toBe(false);
    });
    expect(logs.join('\n')).not.toContain(phone);
  });

  it("counts a unit's returned entry on the compliance dashboard apart from drafts and submitted ones", async () => {
    const vinhHa = await unitId(t, 'Xã Vĩnh Hà');
    const row = async () =>
      (await s1.get(`/api/contests/${slug}/compliance`)).json<Compliance>().units.find((u) => u.unitId === vinhHa)!;
    const before = await row();
    const { id } = await submitted(repElsewhere, { unitId: vinhHa, title: 'Vĩnh Hà đón khách một cửa' });
    expect(await row()).toMatchObject({
      submitted: before.submitted + 1,
      drafts: before.drafts,
      returned: before.returned,
    });
    expect(
      (
        await review(s1, id, {
          decision: 'return',
          reason: 'Cần bổ sung chức vụ tác giả',
          fixDeadline: hoursFrom(Date.now(), 48),
        })
      ).statusCode,
    ).toBe(201);
    expect(await row()).toMatchObject({
      submitted: before.submitted,
      drafts: before.drafts,
      returned: before.returned + 1,
      belowMinimum: before.submitted < before.minEntries,
    });
  });

  it('needs a later deadline within two weeks, and is refused to the entrant, a juror and a secretary', async () => {
    const { id } = await submitted(entrantA);
    const now = Date.now();
    expect((await extend(s1, id, hoursFrom(now, 48))).json().error.code).toBe('review.notReturned');
    const first = hoursFrom(now, 48);
    expect(
      (await review(s1, id, { decision: 'return', reason: 'Thiếu phụ đề tiếng Việt', fixDeadline: first })).statusCode,
    ).toBe(201);

    const same = await extend(s1, id, first);
    expect(same.statusCode).toBe(400);
    expect(same.json().error.code).toBe('review.deadlineNotLater');
    expect(same.json().error.message).toContain(`Hạn sửa mới phải muộn hơn hạn đang áp dụng (${local(first)})`);
    expect((await extend(s1, id, hoursFrom(now, 24))).json().error.code).toBe('review.deadlineNotLater');
    expect((await extend(s1, id, hoursFrom(now, 15 * 24))).json().error.code).toBe('review.deadlineInvalid');
    expect((await extend(s1, id, 'thứ sáu tuần sau')).json().error.code).toBe('review.deadlineInvalid');

    const later = hoursFrom(now, 96);
    expect((await extend(entrantA, id, later)).json().error.code).toBe('auth.forbidden');
    expect((await extend(entrantB, id, later)).json().error.code).toBe('entry.notFound');
    expect((await extend(juror, id, later)).json().error.code).toBe('entry.notFound');
    const sec = await extend(secretary, id, later);
    expect(sec.statusCode).toBe(403);
    expect(sec.json().error.code).toBe('auth.forbidden');
    expect((await s1.get(`/api/entries/${id}/reviews`)).json().fixDeadline).toBe(first);
    const denied = (await auditOf(id)).filter((a) => a.outcome === 'denied').map((a) => a.action);
    expect(denied).toEqual(['entry.extendFixDeadline', 'entry.extendFixDeadline']);
    // The organizer may too.
    expect((await extend(org, id, later)).json()).toEqual({ entryId: id, fixDeadline: later });
  });
});

describe('two reviews required', () => {
  beforeAll(async () => setReviewsRequired(2));
  afterAll(async () => setReviewsRequired(1));

  it('keeps the stored number when a settings update leaves it out', async () => {
    const v = (await org.get(`/api/contests/${slug}`)).json();
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
    expect((await org.put(`/api/contests/${slug}`, body)).statusCode).toBe(200);
    expect((await loadContest(t.deps.db, { slug })).settings.reviewsRequired).toBe(2);
    expect((await s1.get(`/api/contests/${slug}/review-queue`)).json().reviewsRequired).toBe(2);
  });

  it('decides when two reviewers agree, and not before', async () => {
    const { id } = await submitted(entrantA);
    expect((await review(s1, id, { decision: 'approve', checklist: ALL_OK })).json()).toMatchObject({
      status: 'pending',
    });
    expect((await entrantA.get(`/api/entries/${id}`)).json().review.status).toBe('pending');
    expect((await notifications(entrantA)).items.some((i) => i.entryId === id)).toBe(false);
    expect((await review(s1, id, { decision: 'approve', checklist: ALL_OK })).json().error.code).toBe(
      'review.alreadyDecided',
    );
    expect((await review(s2, id, { decision: 'approve', checklist: ALL_OK })).json()).toMatchObject({
      status: 'approved',
    });
    expect((await noticeAbout(entrantA, id)).kind).toBe('review.approved');
  });

  it("settles two reviews sent at the same moment, and takes one of a reviewer's double click", async () => {
    const { id } = await submitted(entrantA);
    const both = await Promise.all([
      review(s1, id, { decision: 'approve', checklist: ALL_OK }),
      review(s2, id, { decision: 'approve', checklist: ALL_OK }),
    ]);
    expect(both.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(both.map((r) => r.json().status).sort()).toEqual(['approved', 'pending']);
    expect((await s1.get(`/api/entries/${id}`)).json().review.status).toBe('approved');

    const other = (await submitted(entrantA)).id;
    const twice = await Promise.all([
      review(s1, other, { decision: 'approve', checklist: ALL_OK }),
      review(s1, other, { decision: 'approve', checklist: ALL_OK }),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await t.deps.db.selectFrom('reviews').select('id').where('entry_id', '=', other).execute()).toHaveLength(1);
  });

  it('shows a disagreement as disputed to staff and pending to the entrant, until the organizer settles', async () => {
    const { id } = await submitted(entrantA);
    expect((await review(s1, id, { decision: 'approve', checklist: ALL_OK })).json().status).toBe('pending');
    expect(
      (await review(s2, id, { decision: 'reject', reason: 'Nội dung không đúng chủ đề cải cách hành chính' })).json()
        .status,
    ).toBe('disputed');

    const row = (await queue(s1, '?reviewStatus=disputed')).find((e) => e.id === id)!;
    expect(row.decisions.map((d) => [d.reviewerName, d.decision])).toEqual([
      [REVIEWER_NAMES[0], 'approve'],
      [REVIEWER_NAMES[1], 'reject'],
    ]);
    expect((await s1.get(`/api/entries/${id}`)).json().review.status).toBe('disputed');
    expect((await entrantA.get(`/api/entries/${id}`)).json().review.status).toBe('pending');
    expect((await entrantA.get(`/api/entries/${id}/reviews`)).json()).toMatchObject({ status: 'pending', history: [] });
    expect((await org.get(`/api/entries/${id}/reviews`)).json().staff).toMatchObject({
      canSettle: true,
      canReview: false,
    });

    const bySecretariat = await review(s1, id, { decision: 'approve', checklist: ALL_OK });
    expect(bySecretariat.statusCode).toBe(403);
    expect(bySecretariat.json().error.code).toBe('review.finalByOrganizer');

    const reason = 'Ban Tổ chức thống nhất: nội dung chưa bám sát chủ đề';
    const final = await review(org, id, { decision: 'reject', reason });
    expect(final.json()).toMatchObject({ status: 'rejected', isFinal: true });
    expect((await entrantA.get(`/api/entries/${id}`)).json().review).toEqual({
      status: 'rejected',
      reason,
      fixDeadline: null,
    });
    const audit = await auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(['entry.review', 'entry.review', 'entry.reviewFinal']);
    expect((await noticeAbout(entrantA, id)).body.vi).toContain(reason);
  });
});

describe('who may see and record reviews', () => {
  let entryId: number;
  beforeAll(async () => {
    entryId = (await submitted(entrantA)).id;
    await review(s1, entryId, {
      decision: 'reject',
      reason: 'Video sao chép phóng sự của đài truyền hình',
      note: 'Ghi chú mật: đã đối chiếu',
      checklist: { originalRights: { ok: false, note: 'Trùng 90% với phóng sự VTV' } },
    });
  });

  it('refuses a juror and a secretary, and audits the attempts', async () => {
    const j = await review(juror, entryId, { decision: 'approve', checklist: ALL_OK });
    expect(j.json().error.code).toBe('entry.notFound');
    const s = await review(secretary, entryId, { decision: 'approve', checklist: ALL_OK });
    expect(s.statusCode).toBe(403);
    expect(s.json().error.code).toBe('auth.forbidden');
    expect((await review(entrantA, entryId, { decision: 'approve', checklist: ALL_OK })).json().error.code).toBe(
      'auth.forbidden',
    );
    const denied = (await auditOf(entryId)).filter((a) => a.outcome === 'denied');
    expect(denied.map((a) => a.action)).toEqual(['entry.review', 'entry.review']);
  });

  it('shows the entrant the outcome and the reason, never the reviewers, their notes or checklists', async () => {
    const res = await entrantA.get(`/api/entries/${entryId}/reviews`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'rejected',
      staff: null,
      history: [{ round: 1, status: 'rejected', reason: 'Video sao chép phóng sự của đài truyền hình' }],
    });
    const text =
      res.body +
      (await entrantA.get(`/api/entries/${entryId}`)).body +
      (await entrantA.get('/api/me/notifications')).body;
    for (const secret of [...REVIEWER_NAMES, 'Ghi chú mật', 'Trùng 90%']) expect(text).not.toContain(secret);
  });

  it('hides the reviews of an entry from another entrant', async () => {
    const res = await entrantB.get(`/api/entries/${entryId}/reviews`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('entry.notFound');
    expect((await juror.get(`/api/entries/${entryId}/reviews`)).json().error.code).toBe('entry.notFound');
  });

  it('shows staff every decision with its reviewer, note and checklist, and the checklist facts', async () => {
    const staff = (await reviewsOf(secretary, entryId)).staff!;
    expect(staff.canReview).toBe(false);
    expect(staff.checklist.map((r) => [r.item, r.ok])).toEqual([
      ['technicalPassed', true],
      ['authorDetailsComplete', true],
    ]);
    const d = staff.rounds[0]!.decisions[0]!;
    expect(d).toMatchObject({ reviewerName: REVIEWER_NAMES[0], decision: 'reject', note: 'Ghi chú mật: đã đối chiếu' });
    expect(d.checklist.find((r) => r.item === 'originalRights')).toMatchObject({
      ok: false,
      note: 'Trùng 90% với phóng sự VTV',
    });
  });

  it("shows a unit's representatives the outcome of the unit's entry, and no one from another unit", async () => {
    const { id } = await submitted(repOwner, { unitId: vinhThai, title: 'Xã Vĩnh Thái chuyển đổi số' });
    await review(s2, id, { decision: 'approve', checklist: ALL_OK, reason: 'Hình ảnh sinh động' });
    const v = (await repOther.get(`/api/entries/${id}/reviews`)).json();
    expect(v).toMatchObject({
      status: 'approved',
      staff: null,
      history: [{ status: 'approved', reason: 'Hình ảnh sinh động' }],
    });
    expect(JSON.stringify(v)).not.toContain(REVIEWER_NAMES[1]);
    expect((await repElsewhere.get(`/api/entries/${id}/reviews`)).json().error.code).toBe('entry.notFound');
  });
});

describe('the review queue', () => {
  it('lists entries with their review state, by status, unit and form, searched without diacritics', async () => {
    const { id } = await submitted(repOwner, { unitId: vinhThai, title: 'Dịch vụ công trực tuyến ở Vĩnh Thái' });
    const q = await queue(s1, `?q=${encodeURIComponent('dich vu cong truc tuyen o vinh thai')}`);
    expect(q.map((e) => e.id)).toEqual([id]);
    expect(q[0]).toMatchObject({
      reviewStatus: 'pending',
      round: 1,
      technicalPassed: true,
      authorDetailsComplete: true,
      originalityFlags: 0,
      decisions: [],
      unitName: 'Xã Vĩnh Thái',
    });
    const byUnit = await queue(s1, `?unitId=${vinhThai}&reviewStatus=pending`);
    expect(byUnit.map((e) => e.id)).toContain(id);
    expect(byUnit.every((e) => e.unitId === vinhThai && e.reviewStatus === 'pending')).toBe(true);
    expect(await queue(s1, '?form=animation')).toEqual([]);
    expect((await queue(s1, '?form=report')).length).toBeGreaterThan(0);
    const statuses = new Set((await queue(org)).map((e) => e.reviewStatus));
    expect([...statuses].sort()).toEqual(['approved', 'pending', 'rejected', 'returned']);
  });

  it('is refused to a juror and an entrant', async () => {
    expect((await juror.get(`/api/contests/${slug}/review-queue`)).json().error.code).toBe('auth.forbidden');
    expect((await entrantA.get(`/api/contests/${slug}/review-queue`)).json().error.code).toBe('auth.forbidden');
  });
});
