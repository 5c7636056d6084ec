import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WinnerForCertificate } from '@core/documents/certificate-issue.ts';
import { createContest } from '../../server/services/contests/create-contest.ts';
import { findContestRow } from '../../server/services/contests/load-contest.ts';
import { storeCertificates } from '../../server/services/certificates/store-certificates.ts';
import { demoContest } from '../../server/demo/vinh-linh-2024.ts';
import { decodeDraft } from '../../server/db/json-columns.ts';
import { approvedEntry } from '../helpers/entries.ts';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * Certificates read back as their readers would: the PDF's text through pdftotext (exact NFC names), its QR code
 * through a picture of the page to the verification address, and that address's answer: genuine, revoked, altered,
 * or a forged number refused.
 */
let t: TestApp;
let base: string;
let secretariat: Client;
const anonymous = () => new Client(t.app);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certificates-'));
const admin = () => ({ userId: t.admin.userId, isSiteAdmin: true, ip: null });
const RARE = 'Nguyễn Thị Ỷ';
const LONG_GROUP = 'Nhóm Tuổi trẻ Đoàn xã Vĩnh Thái và Chi đoàn Trường Trung học phổ thông Vĩnh Linh – Quảng Trị';

async function winner(entryId: number, prizeIndex: number, place: number, prizeName: string) {
  const e = await t.deps.db.selectFrom('entries').selectAll().where('id', '=', entryId).executeTakeFirstOrThrow();
  const d = decodeDraft(e.draft_json);
  return {
    prizeIndex,
    place,
    prize: { name: prizeName },
    entry: {
      entryId,
      code: e.code ?? `#${entryId}`,
      title: d.title,
      unit: null,
      isGroup: d.isGroup,
      groupName: d.groupName,
      authors: d.authors.map((a) => ({ fullName: a.fullName, unitName: a.unitName })),
    },
  } satisfies WinnerForCertificate;
}

let winners: WinnerForCertificate[] = [];

beforeAll(async () => {
  t = await startTestApp();
  base = `/api/contests/${t.demoSlug}`;
  const s = await makeUser(t, { role: 'secretariat' });
  secretariat = await loggedInClient(t, s.email, s.password);
  const owner = await makeUser(t, { role: 'entrant' });
  const author = (fullName: string) => ({
    fullName,
    position: 'Công chức',
    unitName: 'UBND xã Vĩnh Ô',
    address: 'Thôn 1',
    phone: '0912000111',
    email: '',
  });
  const first = await approvedEntry(t, owner, {
    // Typed decomposed (NFD), as from a Mac: stored and printed composed.
    draft: { title: 'Thanh toán trực tuyến', authors: [author(RARE.normalize('NFD'))] },
  });
  const second = await approvedEntry(t, owner, {
    draft: {
      title: 'Chuyện ở Xứ Ỹ',
      isGroup: true,
      groupName: LONG_GROUP,
      authors: [author('Ngụy Thị Mỹ Ữ'), author('Lợi Văn Ặng')],
    },
  });
  const third = await approvedEntry(t, owner, { draft: { title: 'Một cửa điện tử' } });
  winners = [
    await winner(first, 0, 0, 'Giải Nhất'),
    await winner(second, 1, 0, 'Giải Nhì'),
    await winner(third, 3, 2, 'Giải Khuyến khích'),
  ];
  t.setNow(new Date('2024-10-15T03:00:00Z'));
  await secretariat.post(`${base}/roster`, {
    body: 'organizing_committee',
    fullName: 'Lê Văn Hòa',
    roleInBody: 'head',
    email: 'truongban@example.vn',
  });
  const contest = await findContestRow(t.deps.db, { slug: t.demoSlug });
  const options = { place: 'Vĩnh Linh', superior: 'UBND huyện Vĩnh Linh', signer: '' };
  expect(await storeCertificates(t.deps, admin(), contest, 1, winners, options)).toEqual({ issued: 3, total: 3 });
  // Issuing again makes nothing new: printed certificates keep their numbers.
  expect(await storeCertificates(t.deps, admin(), contest, 1, winners, options)).toEqual({ issued: 0, total: 3 });
  t.setNow(null);
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

function write(name: string, buf: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, buf);
  return file;
}
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', write('c.pdf', pdf), '-'], { encoding: 'utf8' });
const pdfPages = (pdf: Buffer) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [write('p.pdf', pdf)], { encoding: 'utf8' }))![1]);
function qrOfPage(pdf: Buffer, page: number): string | null {
  const file = write('q.pdf', pdf);
  const out = path.join(dir, `q${page}`);
  execFileSync('pdftoppm', ['-r', '150', '-f', String(page), '-l', String(page), '-png', '-singlefile', file, out]);
  const png = PNG.sync.read(fs.readFileSync(`${out}.png`));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

interface Registered {
  id: number;
  number: string;
  recipient: string;
  status: string;
  verificationUrl: string;
}

describe('certificates', () => {
  it('are listed in the register, numbered in the structure’s order, each with its verification address', async () => {
    const list = (await secretariat.get(`${base}/certificates`)).json<Registered[]>();
    expect(list.map((c) => [c.number, c.recipient])).toEqual([
      ['01/GCN-BTC', RARE],
      ['02/GCN-BTC', LONG_GROUP],
      ['03/GCN-BTC', 'Nguyễn Văn An'],
    ]);
    for (const c of list) expect(c.verificationUrl).toMatch(new RegExp(`^${t.deps.config.publicUrl}/v/[0-9A-Z]{20}$`));
  });

  it('print as one PDF, a page each, exact NFC names, a QR code opening the verification page', async () => {
    const res = await secretariat.get(`${base}/certificates.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdfPages(pdf)).toBe(3);
    const text = pdfText(pdf);
    expect(text.normalize('NFC')).toBe(text);
    for (const s of [
      'GIẤY CHỨNG NHẬN',
      'UBND HUYỆN VĨNH LINH',
      'Số: 01/GCN-BTC',
      RARE,
      'Ngụy Thị Mỹ Ữ',
      'Lợi Văn Ặng',
      'Chuyện ở Xứ Ỹ',
      'Đã đạt Giải Nhất',
      'Vĩnh Linh, ngày 15 tháng 10 năm 2024',
      'TM. BAN TỔ CHỨC',
      'Lê Văn Hòa',
    ])
      expect(text).toContain(s);
    expect(text.replace(/\s+/g, ' ')).toContain('Chi đoàn Trường Trung học phổ thông Vĩnh Linh – Quảng Trị');
    const list = (await secretariat.get(`${base}/certificates`)).json<Registered[]>();
    expect(qrOfPage(pdf, 1)).toBe(list[0]!.verificationUrl);
    expect(qrOfPage(pdf, 3)).toBe(list[2]!.verificationUrl);
  });

  it('print as a ZIP of one PDF per certificate', async () => {
    const res = await secretariat.get(`${base}/certificates.zip`);
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(3);
    expect(names[0]).toMatch(/^GCN-2024-001-.+\.pdf$/);
    const one = await zip.file(names[1]!)!.async('nodebuffer');
    expect(pdfPages(one)).toBe(1);
    expect(pdfText(one)).toContain('Số: 02/GCN-BTC');
  });

  it('verify publicly: genuine with the number typed from the paper, a forged number refused', async () => {
    const list = (await secretariat.get(`${base}/certificates`)).json<Registered[]>();
    const code = list[0]!.verificationUrl.split('/v/')[1]!;
    const genuine = await anonymous().get(`/api/public/certificates/${code}`);
    expect(genuine.json()).toMatchObject({
      outcome: 'genuine',
      status: 'valid',
      numberMatches: null,
      certificate: { number: '01/GCN-BTC', recipient: RARE, prizeName: 'Giải Nhất', issuedOn: '2024-10-15' },
    });
    expect(JSON.stringify(genuine.json())).not.toMatch(/0912000111|Thôn 1|@example/);
    // Typed from the paper, in lower case with hyphens and an O for a zero.
    const typed = code
      .toLowerCase()
      .replace(/0/g, 'o')
      .match(/.{1,4}/g)!
      .join('-');
    const asTyped = await anonymous().get(
      `/api/public/certificates/${typed}?number=${encodeURIComponent('Số: 01/GCN-BTC')}`,
    );
    expect(asTyped.json()).toMatchObject({ outcome: 'genuine', numberMatches: true });
    const forged = await anonymous().get(`/api/public/certificates/${code}?number=${encodeURIComponent('07/GCN-BTC')}`);
    expect(forged.json()).toMatchObject({ outcome: 'genuine', numberMatches: false });
    expect((await anonymous().get('/api/public/certificates/ABCDEFGHJKMNPQRSTVWX')).json()).toEqual({
      outcome: 'unknown',
    });
    expect((await anonymous().get('/api/public/certificates/not-a-code')).json()).toEqual({ outcome: 'invalidCode' });
  });

  it('say a record altered after issue no longer matches its code', async () => {
    const list = (await secretariat.get(`${base}/certificates`)).json<Registered[]>();
    const code = list[2]!.verificationUrl.split('/v/')[1]!;
    await t.deps.db.updateTable('certificates').set({ recipient: 'Nguyễn Văn Ăn' }).where('code', '=', code).execute();
    expect((await anonymous().get(`/api/public/certificates/${code}`)).json()).toEqual({ outcome: 'altered' });
    await t.deps.db.updateTable('certificates').set({ recipient: 'Nguyễn Văn An' }).where('code', '=', code).execute();
    expect((await anonymous().get(`/api/public/certificates/${code}`)).json().outcome).toBe('genuine');
  });

  it('are revoked with a reason, which the verification page then states, and are no longer printed', async () => {
    const list = (await secretariat.get(`${base}/certificates`)).json<Registered[]>();
    const target = list[1]!;
    const short = await secretariat.post(`${base}/certificates/${target.id}/revoke`, { reason: 'sai' });
    expect(short.statusCode).toBe(400);
    const reason = 'In sai tên nhóm tác giả, sẽ cấp lại';
    const res = await secretariat.post(`${base}/certificates/${target.id}/revoke`, { reason });
    expect(res.json()).toEqual({ status: 'revoked' });
    expect((await secretariat.post(`${base}/certificates/${target.id}/revoke`, { reason })).json().error.code).toBe(
      'certificates.notValid',
    );
    const code = target.verificationUrl.split('/v/')[1]!;
    expect((await anonymous().get(`/api/public/certificates/${code}`)).json()).toMatchObject({
      outcome: 'genuine',
      status: 'revoked',
      certificate: { revokedReason: reason },
    });
    expect(pdfPages((await secretariat.get(`${base}/certificates.pdf`)).rawPayload)).toBe(2);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'certificates.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['certificates.issued', 'certificates.printed', 'certificates.revoked']),
    );
  });

  it('are refused to other roles and to another contest’s organizer', async () => {
    const other = await createContest(t.deps, admin(), { ...demoContest(new Date()), slug: 'cuoc-thi-khac' });
    const list = (await secretariat.get(`${base}/certificates`)).json<Registered[]>();
    for (const [role, slug] of [
      ['finance', undefined],
      ['secretary', undefined],
      ['entrant', undefined],
      ['organizer', other.slug],
    ] as const) {
      const u = await makeUser(t, { role, slug });
      const c = await loggedInClient(t, u.email, u.password);
      for (const url of [`${base}/certificates`, `${base}/certificates.pdf`, `${base}/certificates.zip`])
        expect((await c.get(url)).statusCode, `${role} ${url}`).toBe(403);
      expect(
        (await c.post(`${base}/certificates/${list[0]!.id}/revoke`, { reason: 'Thu hồi để thử quyền' })).statusCode,
      ).toBe(403);
    }
    expect((await anonymous().get(`${base}/certificates.pdf`)).statusCode).toBe(401);
  });
});
