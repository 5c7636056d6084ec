import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContest } from '../../server/services/contests/create-contest.ts';
import { demoContest } from '../../server/demo/vinh-linh-2024.ts';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

/** The decisions establishing the organizing committee and the jury, drafted from the roster as DOCX and PDF. */
let t: TestApp;
let base: string;
let secretariat: Client;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-decisions-'));
const admin = () => ({ userId: t.admin.userId, isSiteAdmin: true, ip: null });

beforeAll(async () => {
  t = await startTestApp();
  base = `/api/contests/${t.demoSlug}`;
  const s = await makeUser(t, { role: 'secretariat' });
  secretariat = await loggedInClient(t, s.email, s.password);
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

const QUERY =
  `issuer=${encodeURIComponent('Ủy ban nhân dân huyện Vĩnh Linh')}&place=${encodeURIComponent('Vĩnh Linh')}` +
  `&signer=${encodeURIComponent('Lê Văn Hòa')}`;
const url = (body: string, format: 'docx' | 'pdf') =>
  `${base}/documents/roster-decision.${format}?body=${body}&${QUERY}`;

async function docxParagraphs(buf: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
  return xml.split('</w:p>').map((p) =>
    [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1]!)
      .join('')
      .replace(/&amp;/g, '&'),
  );
}

function pdfText(pdf: Buffer): string {
  const file = path.join(dir, 'decision.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('decisions establishing the bodies', () => {
  it('says plainly that a body without members cannot be established', async () => {
    const res = await secretariat.get(url('jury', 'docx'));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('documents.emptyBody');
    expect(res.json().error.message).toContain('Ban Giám khảo chưa có thành viên nào');
  });

  it('lists the jury head first with positions and roles, names in NFC, and no contacts', async () => {
    const members = [
      { fullName: 'Trần Thị Bích', position: 'Chuyên viên Phòng Nội vụ', roleInBody: 'secretary' },
      { fullName: 'Nguyễn Văn Ánh', position: 'Nhà báo', roleInBody: 'member' },
      // Decomposed input and rare letters.
      { fullName: 'Ngô Thị Thuỷ'.normalize('NFD'), position: 'Phó Chủ tịch UBND huyện', roleInBody: 'head' },
      { fullName: 'Hồ Sĩ Ỷ', position: 'Trưởng phòng Văn hóa và Thông tin', roleInBody: 'deputy' },
    ];
    for (const [i, m] of members.entries()) {
      const res = await secretariat.post(`${base}/roster`, { body: 'jury', ...m, email: `gk${i}@example.vn` });
      expect(res.statusCode).toBe(201);
    }
    await secretariat.post(`${base}/roster`, {
      body: 'organizing_committee',
      fullName: 'Lê Văn Hòa',
      phone: '0912345678',
    });
    const roster = (await secretariat.get(`${base}/roster`)).json();
    expect(roster.find((m: { fullName: string }) => m.fullName === 'Hồ Sĩ Ỷ').roleInBody).toBe('deputy');

    const res = await secretariat.get(url('jury', 'docx'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('qd-thanh-lap-ban-giam-khao.docx');
    const paragraphs = await docxParagraphs(res.rawPayload);
    const text = paragraphs.join('\n');
    expect(text.normalize('NFC')).toBe(text);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN',
      'HUYỆN VĨNH LINH',
      'QUYẾT ĐỊNH',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH',
      'TM. ỦY BAN NHÂN DÂN',
      'Lê Văn Hòa',
    ])
      expect(text).toContain(s);
    expect(paragraphs.some((p) => /^Số:\s+\/QĐ-UBND$/.test(p))).toBe(true);
    const listed = paragraphs.filter((p) => /^\d\. /.test(p));
    expect(listed).toEqual([
      '1. Ngô Thị Thuỷ, Phó Chủ tịch UBND huyện – Trưởng ban;',
      '2. Hồ Sĩ Ỷ, Trưởng phòng Văn hóa và Thông tin – Phó Trưởng ban;',
      '3. Nguyễn Văn Ánh, Nhà báo – Thành viên;',
      '4. Trần Thị Bích, Chuyên viên Phòng Nội vụ – Thư ký.',
    ]);
    expect(text).not.toContain('@example.vn');
    expect(text).not.toContain('0912345678');
  });

  it('drafts the organizing committee’s decision as PDF, read back with pdftotext', async () => {
    const res = await secretariat.get(url('organizing_committee', 'pdf'));
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(text).toContain('Về việc thành lập Ban Tổ chức Cuộc thi');
    expect(text).toContain('1. Lê Văn Hòa – Thành viên.');
    expect(text).not.toContain('0912345678');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'documents.rosterDecisionMade')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('refuses other roles, another contest’s organizer and a malformed abbreviation', async () => {
    const other = await createContest(t.deps, admin(), { ...demoContest(new Date()), slug: 'cuoc-thi-khac' });
    for (const [role, slug] of [
      ['finance', undefined],
      ['secretary', undefined],
      ['juror', undefined],
      ['organizer', other.slug],
    ] as const) {
      const u = await makeUser(t, { role, slug });
      const c = await loggedInClient(t, u.email, u.password);
      const res = await c.get(url('jury', 'docx'));
      expect(res.statusCode, role).toBe(403);
    }
    expect((await new Client(t.app).get(url('jury', 'docx'))).statusCode).toBe(401);
    // Without issuer or place the stored document details stand; a wrong override is refused, saying why.
    const badAbbr = await secretariat.get(`${base}/documents/roster-decision.docx?body=jury&abbr=ubnd`);
    expect(badAbbr.statusCode).toBe(400);
    expect(JSON.stringify(badAbbr.json())).toContain('chữ in hoa');
  });
});
