/**
 * Units' contact people and the compliance reminder ("Nhắc nhở", ADR 0024): editing the contact (validation, audit
 * without the phone), the compliance table naming who to call, and the reminder by e-mail (a real SMTP listener) and
 * text message (the SMS outbox): who may send it, when, how often, and what it says.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '@core/time.ts';
import { loadConfig } from '../../server/config.ts';
import { createMailer } from '../../server/mail/mailer.ts';
import { createContest } from '../../server/services/contests/create-contest.ts';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { saveUnit } from '../../server/services/units/save-unit.ts';
import { demoContest } from '../../server/demo/vinh-linh-2024.ts';
import type { Compliance } from '../helpers/api-types.ts';
import { attachAcceptedFile, completeDraft, unitId } from '../helpers/entries.ts';
import { decodeMail } from '../helpers/mail-decode.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { type Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

const H = 3_600_000;
let t: TestApp;
let slug: string;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let org: Client;
let secretariat: Client;
let secretary: Client;
let juror: Client;
let rep: Client;
let otherOrganizer: Client;
let vinhThai: number;
let vinhTu: number;
let end: number;

const CONTACT = {
  contactName: 'Trần Thị Bình',
  contactPosition: 'Công chức Văn hóa - Xã hội',
  contactPhone: '0912 345 678',
  contactEmail: 'vanhoa.vinhthai@example.vn',
};

function smsFiles(): string[] {
  const dir = path.join(t.db.dataDir, 'sms-outbox');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

async function auditOf(target: string, action: string) {
  return t.deps.db
    .selectFrom('audit_log')
    .select(['actor_user_id', 'outcome', 'details_json'])
    .where('target', '=', target)
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
}

async function compliance(c: Client): Promise<Compliance> {
  const res = await c.get(`/api/contests/${slug}/compliance`);
  expect(res.statusCode).toBe(200);
  return res.json<Compliance>();
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  const config = loadConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Ban Tổ chức <btc@example.vn>' });
  t = await startTestApp({
    mailer: createMailer({ smtp: config.smtp, dataDir: '.', logger: pino({ level: 'silent' }) }),
  });
  slug = t.demoSlug;
  const admin = { userId: t.admin.userId, isSiteAdmin: true, ip: null };
  const other = await createContest(t.deps, admin, { ...demoContest(new Date()), slug: 'cuoc-thi-khac' });
  vinhThai = await unitId(t, 'Xã Vĩnh Thái');
  vinhTu = await unitId(t, 'Xã Vĩnh Tú');
  const u = async (role: Parameters<typeof makeUser>[1]) => {
    const m = await makeUser(t, role);
    return loggedInClient(t, m.email, m.password);
  };
  org = await u({ role: 'organizer' });
  secretariat = await u({ role: 'secretariat' });
  secretary = await u({ role: 'secretary' });
  juror = await u({ role: 'juror' });
  rep = await u({ role: 'unit_rep', unitId: vinhThai });
  otherOrganizer = await u({ role: 'organizer', slug: other.slug });
  const contest = await loadContest(t.deps.db, { slug });
  end = Date.parse(contest.phases.find((p) => p.kind === 'submission')!.endsAt);
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('the contact person of a unit', () => {
  it('is saved with the unit, the phone normalized, and audited without the phone or e-mail', async () => {
    const res = await secretariat.put(`/api/contests/${slug}/units/${vinhThai}`, {
      name: 'Xã Vĩnh Thái',
      categoryCode: 'commune',
      ...CONTACT,
    });
    expect(res.statusCode).toBe(200);
    const units = (await org.get(`/api/contests/${slug}/units`)).json<Record<string, unknown>[]>();
    expect(units.find((x) => x.id === vinhThai)).toMatchObject({
      contactName: 'Trần Thị Bình',
      contactPosition: 'Công chức Văn hóa - Xã hội',
      contactPhone: '0912345678',
      contactEmail: 'vanhoa.vinhthai@example.vn',
    });
    const audit = await auditOf(`unit:${vinhThai}`, 'unit.update');
    const details = JSON.parse(audit.at(-1)!.details_json);
    expect(details).toMatchObject({ contactName: 'Trần Thị Bình', hasContactPhone: true, hasContactEmail: true });
    expect(audit.at(-1)!.details_json).not.toContain('912');
    expect(audit.at(-1)!.details_json).not.toContain('vanhoa');
  });

  it('refuses a phone that is not Vietnamese, naming the rule and the fix in both languages', async () => {
    const body = { name: 'Xã Vĩnh Tú', categoryCode: 'commune', contactPhone: '12345' };
    const vi = await org.put(`/api/contests/${slug}/units/${vinhTu}`, body);
    expect(vi.statusCode).toBe(400);
    const issue = vi.json().error.details.issues[0];
    expect(issue).toMatchObject({ path: 'contactPhone' });
    expect(issue.message).toContain('Số điện thoại không hợp lệ; ghi 10 số di động hoặc 11 số máy bàn');
    org.lang = 'en';
    const en = await org.put(`/api/contests/${slug}/units/${vinhTu}`, body);
    org.lang = 'vi';
    expect(en.json().error.details.issues[0].message).toContain('Not a valid phone number');
  });

  it('may be changed by the organizers and the secretariat only', async () => {
    const body = { name: 'Xã Vĩnh Tú', categoryCode: 'commune', contactName: 'Ai đó' };
    expect((await secretary.put(`/api/contests/${slug}/units/${vinhTu}`, body)).json().error.code).toBe(
      'auth.forbidden',
    );
    expect((await rep.put(`/api/contests/${slug}/units/${vinhTu}`, body)).json().error.code).toBe('auth.forbidden');
    expect((await juror.get(`/api/contests/${slug}/units`)).json().error.code).toBe('auth.forbidden');
  });

  it('is imported from a file with contact columns, without wiping contacts when the columns are absent', async () => {
    const upload = (csv: string) =>
      org.request('POST', `/api/contests/${slug}/units/import?filename=units.csv`, undefined, {
        raw: Buffer.from(csv),
        contentType: 'text/csv',
      });
    const res = await upload(
      'ten,loai,nguoi lien he,chuc vu,dien thoai\nXã Tân Hợp Nhập,commune,Lê Văn Cường,Phó Chủ tịch,0233 3821 234\n',
    );
    expect(res.statusCode).toBe(200);
    const find = async () =>
      (await org.get(`/api/contests/${slug}/units`))
        .json<Record<string, unknown>[]>()
        .find((x) => x.name === 'Xã Tân Hợp Nhập');
    expect(await find()).toMatchObject({
      contactName: 'Lê Văn Cường',
      contactPosition: 'Phó Chủ tịch',
      contactPhone: '02333821234',
    });
    expect((await upload('ten,loai\nXã Tân Hợp Nhập,commune\n')).statusCode).toBe(200);
    expect(await find()).toMatchObject({ contactName: 'Lê Văn Cường', contactPhone: '02333821234' });
    const bad = await upload('ten,loai,dien thoai\nXã Tân Hợp Nhập,commune,999\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.rows[0].message.vi).toContain('Số điện thoại liên hệ "999" không hợp lệ');
  });

  it('is shown in the compliance table, with the deadline', async () => {
    const c = await compliance(secretary);
    const row = c.units.find((x) => x.unitId === vinhThai)!;
    expect(row).toMatchObject({ belowMinimum: true, submitted: 0, minEntries: 1, lastRemindedAt: null });
    expect(row.contact).toEqual({
      name: 'Trần Thị Bình',
      position: 'Công chức Văn hóa - Xã hội',
      phone: '0912345678',
      email: 'vanhoa.vinhthai@example.vn',
    });
    expect(Date.parse(c.submissionEndsAt!)).toBe(end);
    expect(c.timeZone).toBe('Asia/Ho_Chi_Minh');
  });
});

describe('"Nhắc nhở" to a unit below its minimum', () => {
  it('e-mails and texts the contact the count and the deadline, audited, and says when the next may go', async () => {
    t.setNow(new Date(end - 50 * H));
    const res = await secretariat.post(`/api/contests/${slug}/units/${vinhThai}/remind`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ emailed: true, texted: true });
    expect(Date.parse(res.json().nextReminderAt) - Date.parse(res.json().sentAt)).toBe(12 * H);

    const mail = smtp.received.filter((m) => m.to.includes(CONTACT.contactEmail)).map((m) => decodeMail(m.raw));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain('Xã Vĩnh Thái: đã nộp 0/1 tác phẩm tối thiểu');
    expect(mail[0]!.text).toContain('Kính gửi Trần Thị Bình,');
    expect(mail[0]!.text).toContain('cần nộp từ 1 đến 2 tác phẩm. Đến nay đơn vị đã nộp 0 tác phẩm, còn thiếu 1.');
    expect(mail[0]!.text).toMatch(/Hạn nộp: \d\d:\d\d ngày \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)/);
    expect(mail[0]!.text).toContain('Deadline:');
    const sms = smsFiles().filter((s) => s.startsWith('To: 0912345678\n'));
    expect(sms).toHaveLength(1);
    expect(sms[0]).toContain('Xã Vĩnh Thái đã nộp 0/1 tác phẩm tối thiểu. Hạn nộp:');

    const audit = await auditOf(`unit:${vinhThai}`, 'unit.remind');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details_json)).toMatchObject({ unit: 'Xã Vĩnh Thái', submitted: 0, minEntries: 1 });
    expect(audit[0]!.details_json).not.toContain('912');

    const row = (await compliance(org)).units.find((x) => x.unitId === vinhThai)!;
    expect(row.lastRemindedAt).toBe(res.json().sentAt);
    expect(row.nextReminderAt).toBe(res.json().nextReminderAt);
  });

  it('goes at most once in 12 hours per unit (429 with when it may go again)', async () => {
    t.setNow(new Date(end - 40 * H));
    const again = await org.post(`/api/contests/${slug}/units/${vinhThai}/remind`);
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('unit.reminderTooSoon');
    expect(again.json().error.message).toMatch(
      /mỗi đơn vị được nhắc tối đa một lần trong 12 giờ\. Có thể nhắc lại từ /,
    );
    expect(await auditOf(`unit:${vinhThai}`, 'unit.remind')).toHaveLength(1);
    t.setNow(new Date(end - 37 * H));
    expect((await org.post(`/api/contests/${slug}/units/${vinhThai}/remind`)).statusCode).toBe(200);
    expect(await auditOf(`unit:${vinhThai}`, 'unit.remind')).toHaveLength(2);
  });

  it('is refused to the secretary, jurors, unit representatives and another contest’s organizer', async () => {
    t.setNow(new Date(end - 20 * H));
    for (const c of [secretary, juror, rep, otherOrganizer]) {
      const res = await c.post(`/api/contests/${slug}/units/${vinhThai}/remind`);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
    }
    expect(await auditOf(`unit:${vinhThai}`, 'unit.remind')).toHaveLength(2);
  });

  it('is refused for a unit of another contest, a unit without contact, and one that has its minimum', async () => {
    const admin = { userId: t.admin.userId, isSiteAdmin: true, ip: null };
    const foreign = await saveUnit(t.deps, admin, 'cuoc-thi-khac', {
      name: 'Xã Khác',
      categoryCode: 'commune',
      ...CONTACT,
    });
    expect((await org.post(`/api/contests/${slug}/units/${foreign.id}/remind`)).json().error.code).toBe(
      'unit.notFound',
    );

    const none = await org.post(`/api/contests/${slug}/units/${vinhTu}/remind`);
    expect(none.statusCode).toBe(409);
    expect(none.json().error).toMatchObject({ code: 'unit.contactMissing' });
    expect(none.json().error.message).toContain('Đơn vị "Xã Vĩnh Tú" chưa có thư điện tử hay số điện thoại');

    const repUser = await makeUser(t, { role: 'unit_rep', unitId: vinhTu });
    const repTu = await loggedInClient(t, repUser.email, repUser.password);
    await org.put(`/api/contests/${slug}/units/${vinhTu}`, {
      name: 'Xã Vĩnh Tú',
      categoryCode: 'commune',
      contactEmail: 'vinhtu@example.vn',
    });
    const draft = await repTu.post(`/api/contests/${slug}/entries`, completeDraft({ kind: 'unit', unitId: vinhTu }));
    const entryId = draft.json().id as number;
    await attachAcceptedFile(t, entryId);
    expect((await repTu.post(`/api/entries/${entryId}/submit`)).statusCode).toBe(200);
    const enough = await org.post(`/api/contests/${slug}/units/${vinhTu}/remind`);
    expect(enough.statusCode).toBe(409);
    expect(enough.json().error.code).toBe('unit.reminderNotNeeded');
    expect(enough.json().error.message).toContain('đã nộp 1 tác phẩm, đủ số tối thiểu 1');
  });

  it('is refused once the deadline has passed', async () => {
    t.setNow(new Date(end + H));
    const res = await org.post(`/api/contests/${slug}/units/${vinhThai}/remind`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('unit.reminderClosed');
    t.setNow(null);
  });
});

describe('the compliance table as XLSX', () => {
  async function workbook(c: Client) {
    const res = await c.get(`/api/contests/${slug}/compliance.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb.worksheets[0]!;
  }
  const text = (ws: ExcelJS.Worksheet, r: number) =>
    (ws.getRow(r).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : v));

  it('has one row per unit with counts, category, range, state and contact, laid out on A4 landscape', async () => {
    t.setNow(new Date('2026-12-08T03:05:00Z'));
    const ws = await workbook(secretary);
    t.setNow(null);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 });
    expect(ws.pageSetup.printTitlesRow).toBe('4:4');
    const contestName = (await loadContest(t.deps.db, { slug })).settings.name;
    expect(ws.getCell('A1').value).toBe(`${contestName} — Tiến độ nộp tác phẩm theo đơn vị`);
    expect(ws.getCell('A2').value).toBe('Lập lúc: 08/12/2026 10:05 (giờ Việt Nam)');
    expect(String(ws.getCell('A3').value)).toMatch(/^Hạn nộp: \d\d:\d\d ngày \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)$/);
    expect(ws.headerFooter.oddHeader).toContain('Lập lúc: 08/12/2026 10:05');
    expect(text(ws, 4)).toEqual([
      'STT',
      'Đơn vị',
      'Loại đơn vị',
      'Đã nộp',
      'Bản nháp',
      'Trả lại đang sửa',
      'Tối thiểu – tối đa',
      'Tình trạng',
      'Người liên hệ',
      'Chức vụ',
      'Điện thoại',
      'Thư điện tử',
      'Nhắc nhở gần nhất',
    ]);
    const compliance = (await secretary.get(`/api/contests/${slug}/compliance`)).json<Compliance>();
    expect(ws.rowCount).toBe(4 + compliance.units.length);
    const rows = Array.from({ length: compliance.units.length }, (_, i) => text(ws, 5 + i));
    const thai = rows.find((r) => r[1] === 'Xã Vĩnh Thái')!;
    const lastReminder = compliance.units.find((u) => u.unitId === vinhThai)!.lastRemindedAt!;
    expect(thai.slice(2)).toEqual([
      'UBND xã, thị trấn',
      0,
      0,
      0,
      '1 – 2',
      'Chưa đạt tối thiểu',
      'Trần Thị Bình',
      'Công chức Văn hóa - Xã hội',
      '0912345678',
      'vanhoa.vinhthai@example.vn',
      formatDateTime(lastReminder),
    ]);
    const tu = rows.find((r) => r[1] === 'Xã Vĩnh Tú')!;
    expect(tu.slice(3, 8)).toEqual([1, 0, 0, '1 – 2', 'Đạt']);
    expect(rows.map((r) => r[0])).toEqual(rows.map((_, i) => i + 1));
  });

  it('is in English for an English caller', async () => {
    secretary.lang = 'en';
    const ws = await workbook(secretary);
    secretary.lang = 'vi';
    expect(String(ws.getCell('A1').value)).toContain('— Entries submitted per unit');
    expect(String(ws.getCell('A2').value)).toMatch(/^Made at: .* \(Vietnam time\)$/);
    expect(text(ws, 4)[7]).toBe('State');
  });

  it('is refused to jurors, unit representatives and another contest’s organizer', async () => {
    for (const c of [juror, rep, otherOrganizer]) {
      const res = await c.get(`/api/contests/${slug}/compliance.xlsx`);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
    }
  });
});
