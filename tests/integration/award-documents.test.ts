import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vndInWords } from '@core/documents/amount-in-words.ts';
import { grantContestRole } from '../../server/services/units/grant-contest-role.ts';
import { announceAwards, judgedContest, type JudgedContest } from '../helpers/awards.ts';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * From announced results to paper: the certificates issued through the API (numbered, QR to the verification
 * page, which confirms them), the award decision draft, the payment list and the CCHC list, each read back.
 */
let t: TestApp;
let j: JudgedContest;
let base: string;
let secretariat: Client;
let finance: Client;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'award-documents-'));

beforeAll(async () => {
  t = await startTestApp();
  // Eight entries: seven jury prizes and the most-voted prize for the eighth. Entry 1's author has a rare letter.
  j = await judgedContest(t, {
    scores: [9, 8, 7, 6, 5, 4, 3, 2],
    votes: [0, 0, 0, 0, 0, 0, 0, 12],
    drafts: [{ authors: [author('Nguyễn Thị Ỷ Lan'.normalize('NFD'), 'UBND xã Vĩnh Thái')] }],
  });
  base = `/api/contests/${j.slug}`;
  for (const [role, set] of [
    ['secretariat', (c: Client) => (secretariat = c)],
    ['finance', (c: Client) => (finance = c)],
  ] as const) {
    const u = await makeUser(t);
    await grantContestRole(t.deps, j.organizer, j.slug, { identifier: u.email, role });
    set(await loggedInClient(t, u.email, u.password));
  }
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

function author(fullName: string, unitName: string) {
  return { fullName, position: 'Công chức', unitName, address: 'Thôn 1', phone: '0912 000 999', email: '' };
}
function write(name: string, buf: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, buf);
  return file;
}
async function rowsOf(buf: Buffer): Promise<(string | number | null)[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: (string | number | null)[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as (string | number | null)[]).slice(1)));
  return rows;
}
const ISSUE = { place: 'Vĩnh Linh', superior: 'UBND huyện Vĩnh Linh' };
const PRIZE_MONEY = 5_000_000 + 3_000_000 + 2 * 2_000_000 + 3 * 1_000_000 + 1_000_000;

describe('documents of the announced results', () => {
  it('refuses certificates and documents before the results are announced', async () => {
    const res = await secretariat.post(`${base}/certificates`, ISSUE);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'certificates.notAnnounced' });
    expect(res.json().error.message).toContain('Chưa công bố kết quả');
    expect((await finance.get(`${base}/documents/payment-list.xlsx`)).json().error.code).toBe(
      'certificates.notAnnounced',
    );
    await announceAwards(t, j);
  });

  it('issues one numbered certificate per prize won, once', async () => {
    const res = await secretariat.post(`${base}/certificates`, ISSUE);
    expect(res.json()).toEqual({ issued: 8, total: 8 });
    expect((await secretariat.post(`${base}/certificates`, ISSUE)).json()).toEqual({ issued: 0, total: 8 });
    const list = (await secretariat.get(`${base}/certificates`)).json<{ number: string; recipient: string }[]>();
    expect(list[0]).toMatchObject({ number: '01/GCN-BTC', recipient: 'Nguyễn Thị Ỷ Lan' });
    expect(list.map((c) => c.number).at(-1)).toBe('08/GCN-BTC');
  });

  it('prints the batch; the first page’s QR code opens a verification that confirms it', async () => {
    const pdf = (await secretariat.get(`${base}/certificates.pdf`)).rawPayload;
    const file = write('batch.pdf', pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Nguyễn Thị Ỷ Lan');
    expect(text).not.toContain('Nguyễn Thị Ỷ Lan'.normalize('NFD'));
    execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', '-singlefile', file, path.join(dir, 'p1')]);
    const png = PNG.sync.read(fs.readFileSync(path.join(dir, 'p1.png')));
    const url = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? '';
    expect(url.startsWith(`${t.deps.config.publicUrl}/v/`)).toBe(true);
    const answer = (
      await new Client(t.app).get(`/api/public/certificates/${url.split('/v/')[1]}?number=01/GCN-BTC`)
    ).json();
    expect(answer).toMatchObject({
      outcome: 'genuine',
      status: 'valid',
      numberMatches: true,
      certificate: { recipient: 'Nguyễn Thị Ỷ Lan', prizeName: 'Giải Nhất' },
    });
  });

  it('makes the payment list with the total and the total in words, for finance too', async () => {
    const res = await finance.get(`${base}/documents/payment-list.xlsx`);
    expect(res.statusCode).toBe(200);
    const rows = await rowsOf(res.rawPayload);
    const paid = rows.filter((r) => typeof r[0] === 'number');
    expect(paid).toHaveLength(8);
    expect(paid[0]!.slice(1, 2)).toEqual(['Nguyễn Thị Ỷ Lan']);
    const sum = paid.reduce((s, r) => s + Number(r.find((v, i) => i > 3 && typeof v === 'number') ?? 0), 0);
    expect(sum).toBe(PRIZE_MONEY);
    const flat = rows.map((r) => r.join('|'));
    expect(flat.some((l) => l.includes(String(PRIZE_MONEY)))).toBe(true);
    expect(flat.some((l) => l.includes(`Bằng chữ: ${vndInWords(PRIZE_MONEY)}.`))).toBe(true);
    expect(vndInWords(PRIZE_MONEY)).toBe('Mười sáu triệu đồng');
  });

  it('makes the CCHC list per unit', async () => {
    const rows = await rowsOf((await secretariat.get(`${base}/documents/cchc-list.xlsx`)).rawPayload);
    const flat = rows.map((r) => r.join('|')).join('\n');
    expect(flat).toContain('ĐỀ NGHỊ CỘNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH');
    // Authors' workplaces cycle through five communes; entries whose workplace is not a contest unit are apart.
    expect(flat).toMatch(/Phóng sự cải cách hành chính số 1/);
  });

  it('drafts the award decision with its annex and the total in words', async () => {
    const q = new URLSearchParams({ issuer: 'Ủy ban nhân dân huyện Vĩnh Linh', place: 'Vĩnh Linh' });
    const res = await secretariat.get(`${base}/documents/award-decision.docx?${q.toString()}`);
    expect(res.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    for (const s of [
      'QUYẾT ĐỊNH',
      'Về việc khen thưởng các tập thể, cá nhân đạt giải Cuộc thi',
      'Khen thưởng 08 tập thể, cá nhân',
      'Tổng số tiền thưởng: 16.000.000 đồng (Bằng chữ: Mười sáu triệu đồng)',
      'Nguyễn Thị Ỷ Lan',
    ])
      expect(text).toContain(s);
  });

  it('refuses the wrong role and another contest', async () => {
    expect((await finance.get(`${base}/documents/award-decision.docx?issuer=UBND&place=X`)).statusCode).toBe(403);
    expect((await finance.get(`${base}/documents/cchc-list.xlsx`)).statusCode).toBe(403);
    expect((await finance.post(`${base}/certificates`, ISSUE)).statusCode).toBe(403);
    const outsider = await makeUser(t, { role: 'organizer' });
    const c = await loggedInClient(t, outsider.email, outsider.password);
    expect((await c.get(`${base}/documents/payment-list.xlsx`)).statusCode).toBe(403);
    expect((await c.post(`${base}/certificates`, ISSUE)).statusCode).toBe(403);
  });

  it('reissues a certificate with a corrected name: a new number, the old one shown as replaced', async () => {
    type Listed = { id: number; number: string; recipient: string; status: string; replacedByNumber: string | null };
    const before = (await secretariat.get(`${base}/certificates`)).json<Listed[]>();
    const old = before.find((c) => c.number === '02/GCN-BTC')!;
    const oldCode = (
      await t.deps.db.selectFrom('certificates').select('code').where('id', '=', old.id).executeTakeFirstOrThrow()
    ).code;
    const corrected = 'Trần Văn Bính'.normalize('NFD');
    const url = `${base}/certificates/${old.id}/reissue`;
    // Wrong role, other contest's organizer, short reason: refused, nothing changes.
    expect((await finance.post(url, { recipient: 'Trần Văn Bính', reason: 'Sửa tên theo CCCD' })).statusCode).toBe(403);
    const outsider = await makeUser(t, { role: 'organizer' });
    const oc = await loggedInClient(t, outsider.email, outsider.password);
    expect((await oc.post(url, { recipient: 'Trần Văn Bính', reason: 'Sửa tên theo CCCD' })).statusCode).toBe(403);
    const short = await secretariat.post(url, { recipient: 'Trần Văn Bính', reason: 'sai' });
    expect(short.statusCode).toBe(400);

    const res = await secretariat.post(url, { recipient: corrected, reason: 'Sửa họ tên theo căn cước công dân' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: expect.any(Number), number: '09/GCN-BTC', replaced: '02/GCN-BTC' });
    // Reissuing the replaced one again is refused.
    const again = await secretariat.post(url, { recipient: 'Trần Văn Bính', reason: 'Sửa họ tên lần nữa cho đúng' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('certificates.notValid');
    const after = (await secretariat.get(`${base}/certificates`)).json<Listed[]>();
    expect(after.find((c) => c.id === old.id)).toMatchObject({ status: 'replaced', replacedByNumber: '09/GCN-BTC' });
    expect(after.find((c) => c.number === '09/GCN-BTC')).toMatchObject({ status: 'valid', recipient: 'Trần Văn Bính' });
    // Issuing again does not bring the replaced one back.
    expect((await secretariat.post(`${base}/certificates`, ISSUE)).json()).toEqual({ issued: 0, total: 9 });

    const anon = new Client(t.app);
    const oldAnswer = (await anon.get(`/api/public/certificates/${oldCode}`)).json();
    expect(oldAnswer).toMatchObject({
      outcome: 'genuine',
      status: 'replaced',
      replacedBy: { number: '09/GCN-BTC' },
      certificate: { number: '02/GCN-BTC', revokedReason: 'Sửa họ tên theo căn cước công dân' },
    });
    const fresh = (await anon.get(`/api/public/certificates/${oldAnswer.replacedBy.code}?number=09/GCN-BTC`)).json();
    expect(fresh).toMatchObject({
      outcome: 'genuine',
      status: 'valid',
      numberMatches: true,
      replacedBy: null,
      certificate: { recipient: 'Trần Văn Bính' },
    });
    // The batch prints the new one, composed, and not the old one.
    const text = execFileSync(
      'pdftotext',
      [write('reissued.pdf', (await secretariat.get(`${base}/certificates.pdf`)).rawPayload), '-'],
      {
        encoding: 'utf8',
      },
    );
    expect(text).toContain('Trần Văn Bính');
    expect(text).toContain('09/GCN-BTC');
    expect(text).not.toContain('02/GCN-BTC');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details_json')
      .where('action', '=', 'certificates.reissued')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details_json)).toMatchObject({ number: '02/GCN-BTC', newNumber: '09/GCN-BTC' });
  });
});
