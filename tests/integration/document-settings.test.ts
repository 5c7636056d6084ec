import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOCUMENT_SETTINGS } from '../../server/demo/vinh-linh-2024.ts';
import { contestWithAnnouncedAwards } from '../helpers/awards.ts';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * The contest's document details, typed once (ADR 0049): read and saved by the right people, refused with clear
 * messages, and printed by the generators as their defaults, composed (NFC).
 */
let t: TestApp;
let organizer: Client;
let secretariat: Client;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'document-settings-'));

beforeAll(async () => {
  t = await startTestApp();
  const o = await makeUser(t, { role: 'organizer' });
  organizer = await loggedInClient(t, o.email, o.password);
  const s = await makeUser(t, { role: 'secretariat' });
  secretariat = await loggedInClient(t, s.email, s.password);
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

const settingsUrl = (slug: string) => `/api/contests/${slug}/document-settings`;

const SAVED = {
  superior: 'UBND tỉnh Quảng Trị'.normalize('NFD'),
  issuer: '  Ủy ban nhân dân huyện Vĩnh Linh  '.normalize('NFD'),
  abbr: 'UBND',
  place: 'Vĩnh Linh'.normalize('NFD'),
  signer: { collective: 'Ủy ban nhân dân', deputyFor: 'Chủ tịch', position: 'Phó Chủ tịch', fullName: 'Hồ Thị Thuỷ' },
  committeeSigner: { collective: 'Ban Tổ chức', deputyFor: '', position: 'Trưởng ban', fullName: 'Ngô Sỹ Ững' },
  recipients: ['Sở Nội vụ', 'TT Huyện ủy'],
};

async function docxText(buf: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join(''))
    .join('\n');
}

function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('document settings', () => {
  it('come from the plan for the demo contest, for whoever drafts documents', async () => {
    const res = await secretariat.get(settingsUrl(t.demoSlug));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ stored: true, settings: DEMO_DOCUMENT_SETTINGS });
  });

  it('are saved by the organizer in NFC, audited, and refused to other roles and other contests’ staff', async () => {
    const res = await organizer.put(settingsUrl(t.demoSlug), SAVED);
    expect(res.statusCode).toBe(200);
    const saved = res.json().settings;
    expect(saved.issuer).toBe('Ủy ban nhân dân huyện Vĩnh Linh');
    expect(saved.place).toBe('Vĩnh Linh');
    expect(saved.superior).toBe('UBND tỉnh Quảng Trị');
    expect((await secretariat.get(settingsUrl(t.demoSlug))).json().settings).toEqual(saved);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details_json')
      .where('action', '=', 'documents.settingsSaved')
      .execute();
    expect(audit).toHaveLength(1);
    const changed = JSON.parse(audit[0]!.details_json!).changed;
    expect(changed).toEqual(['superior', 'signer', 'committeeSigner', 'recipients']);

    expect((await secretariat.put(settingsUrl(t.demoSlug), SAVED)).statusCode).toBe(403);
    const other = await contestWithAnnouncedAwards(t, { scores: [9, 8], votes: [1, 0] });
    t.setNow(null);
    for (const role of ['organizer', 'secretariat'] as const) {
      const u = await makeUser(t, { role, slug: other.slug });
      const c = await loggedInClient(t, u.email, u.password);
      expect((await c.get(settingsUrl(t.demoSlug))).statusCode, role).toBe(403);
      expect((await c.put(settingsUrl(t.demoSlug), SAVED)).statusCode, role).toBe(403);
    }
    for (const role of ['finance', 'juror', 'secretary'] as const) {
      const u = await makeUser(t, { role });
      const c = await loggedInClient(t, u.email, u.password);
      expect((await c.get(settingsUrl(t.demoSlug))).statusCode, role).toBe(403);
    }
    expect((await new Client(t.app).get(settingsUrl(t.demoSlug))).statusCode).toBe(401);
  });

  it('refuse an empty issuer or signer, a bad abbreviation and a too long place, saying what to fix', async () => {
    const res = await organizer.put(settingsUrl(t.demoSlug), {
      ...SAVED,
      issuer: '   ',
      abbr: 'ubnd',
      place: 'V'.repeat(51),
      signer: { ...SAVED.signer, fullName: '' },
    });
    expect(res.statusCode).toBe(400);
    const body = JSON.stringify(res.json());
    for (const s of ['cơ quan ban hành', 'họ và tên người ký', 'chữ in hoa', 'Tối đa 50 ký tự'])
      expect(body).toContain(s);
    organizer.lang = 'en';
    const en = await organizer.put(settingsUrl(t.demoSlug), { ...SAVED, issuer: '' });
    organizer.lang = 'vi';
    expect(JSON.stringify(en.json())).toContain('Give the issuing body');
    // Nothing was changed by the refused attempts.
    expect((await organizer.get(settingsUrl(t.demoSlug))).json().settings.issuer).toBe(
      'Ủy ban nhân dân huyện Vĩnh Linh',
    );
  });

  it('are printed by the decisions without typing them again', async () => {
    const member = await secretariat.post(`/api/contests/${t.demoSlug}/roster`, {
      body: 'jury',
      fullName: 'Trần Thị Bích',
      roleInBody: 'head',
      email: 'bich@example.vn',
    });
    expect(member.statusCode, member.body).toBe(201);
    const docx = await secretariat.get(`/api/contests/${t.demoSlug}/documents/roster-decision.docx?body=jury`);
    expect(docx.statusCode).toBe(200);
    const text = await docxText(docx.rawPayload);
    expect(text.normalize('NFC')).toBe(text);
    for (const s of [
      'UBND TỈNH QUẢNG TRỊ',
      'ỦY BAN NHÂN DÂN',
      'HUYỆN VĨNH LINH',
      'Vĩnh Linh, ngày',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH',
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'Hồ Thị Thuỷ',
      '- Sở Nội vụ;',
    ])
      expect(text).toContain(s);
    const pdf = await secretariat.get(`/api/contests/${t.demoSlug}/documents/roster-decision.pdf?body=jury`);
    const read = pdfText(pdf.rawPayload, 'jury');
    expect(read).toContain('Hồ Thị Thuỷ');
    expect(read).toContain('Vĩnh Linh, ngày');
    // One document may still name its own signer.
    const own = await secretariat.get(
      `/api/contests/${t.demoSlug}/documents/roster-decision.docx?body=jury&signer=${encodeURIComponent('Lê Văn Hòa')}`,
    );
    expect(await docxText(own.rawPayload)).toContain('Lê Văn Hòa');
  });

  it('are printed on the certificates, the award decision and the lists of a contest that saved them', async () => {
    const j = await contestWithAnnouncedAwards(t, { scores: [9, 8, 7], votes: [0, 3, 1] });
    t.setNow(null);
    const base = `/api/contests/${j.slug}`;
    // The demo's organizer has no say here; the site administrator has.
    expect((await organizer.get(`${base}/document-settings`)).statusCode).toBe(403);
    const site = await loggedInClient(t, t.admin.email, t.admin.password);
    // A fresh contest: the organizing committee issues, a place is left to fill.
    const before = (await site.get(`${base}/document-settings`)).json();
    expect(before).toMatchObject({ stored: false, settings: { issuer: 'Ban Tổ chức cuộc thi', abbr: 'BTC' } });
    expect((await site.put(`${base}/document-settings`, SAVED)).statusCode).toBe(200);

    expect((await site.post(`${base}/certificates`, {})).statusCode).toBe(200);
    const text = pdfText((await site.get(`${base}/certificates.pdf`)).rawPayload, 'certificates');
    expect(text.normalize('NFC')).toBe(text);
    for (const s of [
      'ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH',
      'BAN TỔ CHỨC CUỘC THI',
      'Vĩnh Linh, ngày',
      'TM. BAN TỔ CHỨC',
      'Ngô Sỹ Ững',
    ])
      expect(text).toContain(s);

    const decision = await docxText((await site.get(`${base}/documents/award-decision.docx`)).rawPayload);
    for (const s of ['HUYỆN VĨNH LINH', 'Số:', '/QĐ-UBND', 'KT. CHỦ TỊCH', 'Hồ Thị Thuỷ', '- TT Huyện ủy;'])
      expect(decision).toContain(s);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await site.get(`${base}/documents/payment-list.xlsx`)).rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => cells.push(...(row.values as unknown[]).map(String)));
    expect(cells).toContain('ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH');

    // Saving new details does not change a certificate already issued.
    await site.put(`${base}/document-settings`, {
      ...SAVED,
      committeeSigner: { ...SAVED.committeeSigner, fullName: 'Người Khác' },
    });
    const again = pdfText((await site.get(`${base}/certificates.pdf`)).rawPayload, 'again');
    expect(again).toContain('Ngô Sỹ Ững');
  });
});
