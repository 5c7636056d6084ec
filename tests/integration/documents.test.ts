import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { recipientOf } from '@core/documents/awarded-entry.ts';
import { awardDecision } from '@core/documents/award-decision.ts';
import { budgetEstimate } from '@core/documents/budget-estimate.ts';
import { cchcList } from '@core/documents/cchc-list.ts';
import { certificateModel, type CertificateInput } from '@core/documents/certificate.ts';
import { paymentList } from '@core/documents/payment-list.ts';
import { vndInWords } from '@core/documents/amount-in-words.ts';
import { ENTRIES, UNITS, demoAllocation } from '@core/documents/test-entries.ts';
import { planPrizes } from '@core/awards/test-fixtures.ts';
import { judgingMinutes } from '@core/judging/minutes.ts';
import { MINUTES_RUBRIC, minutesInput } from '@core/judging/minutes-fixture.ts';
import { paperSheet } from '@core/judging/paper-sheet.ts';
import { administrativeDocx } from '../../server/documents/administrative-docx.ts';
import { administrativePdf } from '../../server/documents/administrative-pdf.ts';
import { scoreSheetsPdf } from '../../server/documents/score-sheet-pdf.ts';
import { certificatesPdf } from '../../server/documents/certificate-pdf.ts';
import { budgetXlsx, cchcListXlsx, paymentListXlsx, type ListMeta } from '../../server/documents/lists-xlsx.ts';

/**
 * The documents read back as their reader would: the PDF's text through pdftotext and its QR code through a picture
 * of the page; the DOCX's text from its XML; the XLSX's cells through ExcelJS.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'documents-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function pdfPages(pdf: Buffer, name: string): number {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
}

function qrOfFirstPage(pdf: Buffer, name: string): string | null {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', '-singlefile', file, path.join(dir, name)]);
  const png = PNG.sync.read(fs.readFileSync(path.join(dir, `${name}.png`)));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

const BASE: Omit<CertificateInput, 'recipient' | 'entryTitle' | 'prizeName' | 'number' | 'verification'> = {
  issuingBody: {
    superior: 'UBND huyện Vĩnh Linh',
    nameLines: ['Ban Tổ chức cuộc thi'],
    abbr: 'BTC',
    place: 'Vĩnh Linh',
  },
  contestName: 'Xây dựng video clip, phóng sự tuyên truyền cải cách hành chính năm 2024',
  date: { year: 2024, month: 10, day: 15 },
  signature: { collective: 'Ban Tổ chức', position: 'Trưởng ban', fullName: 'Nguyễn Văn Hùng' },
};

const URL_BASE = 'http://127.0.0.1:3000/xac-minh/';
function certificate(entryId: number, n: number, prizeName: string) {
  const code = `ABCDEFGHJKMNPQRST${String(n).padStart(3, '0')}`.slice(-20);
  return certificateModel({
    ...BASE,
    number: `${String(n).padStart(2, '0')}/GCN-BTC`,
    recipient: recipientOf(ENTRIES.get(entryId)!),
    entryTitle: ENTRIES.get(entryId)!.title,
    prizeName,
    verification: { url: `${URL_BASE}${code}`, code },
  });
}

describe('certificates (PDF)', () => {
  it('hold the exact NFC names, the number, the prize and a QR code that opens the verification address', async () => {
    // Entry 3's author is stored decomposed (NFD): the certificate must print the composed name.
    const pdf = await certificatesPdf([certificate(3, 7, 'Giải Nhất')]);
    const text = pdfText(pdf, 'one');
    expect(text.normalize('NFC')).toBe(text);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BAN TỔ CHỨC CUỘC THI',
      'Số: 07/GCN-BTC',
      'GIẤY CHỨNG NHẬN',
      'Nguyễn Thị Ỷ',
      'Thanh toán trực tuyến',
      'Đã đạt Giải Nhất',
      'Vĩnh Linh, ngày 15 tháng 10 năm 2024',
      'TM. BAN TỔ CHỨC',
      'Nguyễn Văn Hùng',
      'ABCD-EFGH-JKMN-PQRS-T007',
    ])
      expect(text).toContain(s);
    expect(qrOfFirstPage(pdf, 'one')).toBe(`${URL_BASE}ABCDEFGHJKMNPQRST007`);
  });

  it('fit a very long unit name in two lines and keep rare letters (Ỹ, Ữ, Ợ, Ặ)', async () => {
    const long = certificateModel({
      ...BASE,
      number: '09/GCN-BTC',
      recipient: {
        kind: 'unit',
        name:
          'Trung tâm Văn hóa, Thông tin, Thể thao và Du lịch kiêm Đài Truyền thanh – Truyền hình ' +
          'huyện Vĩnh Linh, tỉnh Quảng Trị',
        members: ['Ngụy Thị Mỹ Ữ', 'Lợi Văn Ặng'],
        unitName: '',
      },
      entryTitle: 'Chuyện ở Xứ Ỹ',
      prizeName: 'Giải Khuyến khích',
      verification: { url: `${URL_BASE}0000000000000000000Z`, code: '0000000000000000000Z' },
    });
    const text = pdfText(await certificatesPdf([long]), 'long');
    const nameLines = text.split('\n').filter((l) => /Trung tâm Văn hóa|Vĩnh Linh, tỉnh Quảng Trị/.test(l));
    expect(nameLines.length).toBeGreaterThanOrEqual(1);
    expect(nameLines.length).toBeLessThanOrEqual(2);
    expect(text.replace(/\s+/g, ' ')).toContain('Đài Truyền thanh – Truyền hình huyện Vĩnh Linh, tỉnh Quảng Trị');
    for (const s of ['Ngụy Thị Mỹ Ữ', 'Lợi Văn Ặng', 'Chuyện ở Xứ Ỹ']) expect(text).toContain(s);
  });

  it('print a batch as one PDF, a page each', async () => {
    const models = [1, 2, 3, 4, 5, 6, 7].map((id, i) => certificate(id, i + 1, `Giải ${i + 1}`));
    const pdf = await certificatesPdf(models);
    expect(pdfPages(pdf, 'batch')).toBe(7);
    const text = pdfText(pdf, 'batch');
    for (let i = 1; i <= 7; i++) expect(text).toContain(`Số: 0${i}/GCN-BTC`);
  });

  it('refuse an empty batch', async () => {
    await expect(certificatesPdf([])).rejects.toThrow(/No certificate/);
  });
});

async function docxText(buf: Buffer): Promise<{ text: string; xml: string }> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = xml.split('</w:p>').map((p) =>
    [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1]!)
      .join('')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"'),
  );
  return { text: paragraphs.join('\n'), xml };
}

describe('award decision (DOCX)', () => {
  const decision = awardDecision({
    issuingBody: { nameLines: ['Ủy ban nhân dân', 'huyện Vĩnh Linh'], abbr: 'UBND', place: 'Vĩnh Linh' },
    issuerTitle: 'Chủ tịch Ủy ban nhân dân huyện Vĩnh Linh',
    number: null,
    date: null,
    draftYear: 2024,
    contestName: 'Xây dựng video clip, phóng sự tuyên truyền cải cách hành chính năm 2024',
    grounds: ['Căn cứ Kế hoạch số 45/KH-UBND ngày 15/3/2024 của UBND huyện Vĩnh Linh'],
    proposer: 'Trưởng phòng Nội vụ',
    fundingSource: 'ngân sách huyện năm 2024',
    executors: ['Trưởng phòng Nội vụ', 'Trưởng phòng Tài chính - Kế hoạch'],
    signature: {
      collective: 'Ủy ban nhân dân',
      signingFor: { kind: 'KT', headTitle: 'Chủ tịch' },
      position: 'Phó Chủ tịch',
      fullName: 'Nguyễn Văn A',
    },
    recipients: ['Sở Nội vụ'],
    archive: ['VT', 'NV'],
    allocation: demoAllocation(),
    entries: ENTRIES,
  });

  it('sets out the decision and its annex, total in words, on A4 with NĐ30 margins, in Times New Roman', async () => {
    const a = decision.annex;
    const buf = await administrativeDocx(decision.document, [
      {
        title: a.title,
        columns: a.columns,
        rows: a.rows.map((r) => [r.no, r.recipient, r.entryCode, r.entryTitle, r.prizeName, r.amountVnd]),
        moneyColumns: [5],
        footer: [a.totalInWords, ...a.notes],
      },
    ]);
    const { text, xml } = await docxText(buf);
    expect(text.normalize('NFC')).toBe(text);
    for (const s of [
      'ỦY BAN NHÂN DÂN',
      'HUYỆN VĨNH LINH',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'QUYẾT ĐỊNH',
      'Về việc khen thưởng các tập thể, cá nhân đạt giải Cuộc thi',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH',
      'Xét đề nghị của Trưởng phòng Nội vụ.',
      'Điều 1.',
      'Điều 3.',
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Văn A',
      'Nơi nhận:',
      '- Lưu: VT, NV.',
      'Nguyễn Thị Ỷ',
    ])
      expect(text).toContain(s);
    expect(text).toContain(`Bằng chữ: ${vndInWords(a.totalVnd)}.`);
    expect(a.rows.length).toBeGreaterThan(5);
    for (const r of a.rows) expect(text).toContain(r.entryCode);
    // A4 (11906 × 16838 twips) and margins top 20, bottom 20, left 30, right 15 mm.
    const section = /<w:sectPr>.*<\/w:sectPr>/.exec(xml)?.[0] ?? '';
    expect(/<w:pgSz w:w="11906" w:h="16838"/.exec(section)?.[0]).toBeDefined();
    expect(/<w:pgMar [^>]*>/.exec(section)?.[0]).toMatch(/w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(xml.includes('w:ascii="Times New Roman"')).toBe(true);
  });
});

const META: ListMeta = {
  issuer: 'ỦY BAN NHÂN DÂN HUYỆN VĨNH LINH',
  contestName: 'Xây dựng video clip, phóng sự tuyên truyền cải cách hành chính năm 2024',
  madeAt: '15/10/2024 09:30 (giờ Việt Nam)',
};

async function cells(buf: Buffer): Promise<{ rows: (string | number | null)[][]; ws: ExcelJS.Worksheet }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: (string | number | null)[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1).map((v) => (v ?? null) as string | number | null);
  });
  return { rows, ws };
}

describe('lists (XLSX)', () => {
  it('payment list: a row per prize paid, amounts as numbers, the right total and the total in words', async () => {
    const list = paymentList(demoAllocation(), ENTRIES);
    const { rows, ws } = await cells(await paymentListXlsx(list, META));
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(rows[0]![0]).toBe(META.issuer);
    expect(rows[1]![0]).toBe(list.title);
    const header = rows.findIndex((r) => r?.[0] === 'STT');
    const body = rows.slice(header + 1, header + 1 + list.rows.length);
    expect(body.map((r) => r[1])).toEqual(list.rows.map((r) => r.recipient));
    const sum = body.reduce((s, r) => s + (r[5] as number), 0);
    expect(sum).toBe(list.totalVnd);
    const totalRow = rows[header + 1 + list.rows.length]!;
    expect(totalRow[0]).toBe('Tổng cộng');
    expect(totalRow[5]).toBe(list.totalVnd);
    expect(rows[header + 2 + list.rows.length]![0]).toBe(`Bằng chữ: ${vndInWords(list.totalVnd)}.`);
  });

  it('CCHC list: a unit that won twice is listed once with both entries; unmatched credits apart', async () => {
    const list = cchcList(demoAllocation(), ENTRIES, UNITS, 2024);
    const { rows } = await cells(await cchcListXlsx(list, META));
    const vinhThai = rows.filter((r) => r?.[1] === 'UBND xã Vĩnh Thái');
    // Merged cells repeat their master's value when read back: both of its rows name it.
    expect(vinhThai.map((r) => r[2]).sort()).toEqual(['VL2024-001', 'VL2024-004']);
    expect(rows.some((r) => r?.[0] === 'Tác phẩm đạt giải chưa xác định được đơn vị (Phòng Nội vụ xem xét):')).toBe(
      list.unmatched.length > 0,
    );
  });

  it('budget estimate: prize lines from the structure, cost lines by category, the grand total in words', async () => {
    const b = budgetEstimate(
      planPrizes(),
      [
        {
          category: 'ceremony',
          description: 'Thuê hội trường, âm thanh',
          unit: 'buổi',
          quantity: 1,
          unitPriceVnd: 5_000_000,
          note: '',
        },
        {
          category: 'jury_allowance',
          description: 'Bồi dưỡng giám khảo chấm chung khảo',
          unit: 'người',
          quantity: 5,
          unitPriceVnd: 500_000,
          note: 'theo Thông tư 40/2017/TT-BTC',
        },
      ],
      META.contestName,
    );
    const { rows } = await cells(await budgetXlsx(b, META));
    const grand = rows.find((r) => r?.[1] === 'Tổng cộng (I + II)')!;
    expect(grand[5]).toBe(b.totalVnd);
    expect(b.totalVnd).toBe(b.prizeTotalVnd + 7_500_000);
    expect(rows.find((r) => r?.[1] === 'Bồi dưỡng giám khảo chấm chung khảo')![5]).toBe(2_500_000);
    expect(rows.some((r) => r?.[0] === `Bằng chữ: ${vndInWords(b.totalVnd)}.`)).toBe(true);
  });
});

describe('judging minutes and score sheets', () => {
  const minutes = judgingMinutes(minutesInput());

  it('minutes as PDF: the record, the figures of every annex and the page numbers', async () => {
    const pdf = await administrativePdf(minutes.document, minutes.annexes);
    const text = pdfText(pdf, 'minutes');
    const flat = text.replace(/\s+/g, ' ');
    for (const s of [
      'BIÊN BẢN',
      'Chấm thi vòng Sơ khảo',
      'Số: /BB-BTC',
      'Ban Giám khảo gồm 4 thành viên, có mặt 3',
      'P-101: Bằng điểm 8,00 với P-102',
      'THƯ KÝ',
      'TRƯỞNG BAN GIÁM KHẢO',
      'Phạm Văn Thư',
      'PHỤ LỤC 1. BẢNG XẾP HẠNG VÒNG SƠ KHẢO',
      'PHỤ LỤC 2. ĐIỂM CỦA TỪNG GIÁM KHẢO',
      'PHỤ LỤC 3. CHỮ KÝ CÁC THÀNH VIÊN BAN GIÁM KHẢO',
      'Ngô Thị Ỷ',
      '(9,00)',
      'Không chấm',
      'Không tính',
    ])
      expect(flat).toContain(s);
    expect(flat).toMatch(/P-103 Tác phẩm số 3 6,50 2/);
    expect(text.normalize('NFC')).toBe(text);
    const pages = pdfPages(pdf, 'minutes');
    expect(pages).toBeGreaterThanOrEqual(4);
    // The last page carries its number at the top.
    const last = execFileSync(
      'pdftotext',
      ['-f', String(pages), '-l', String(pages), path.join(dir, 'minutes.pdf'), '-'],
      {
        encoding: 'utf8',
      },
    );
    expect(last.trim().split('\n')[0]!.trim()).toBe(String(pages));
  });

  it('minutes as DOCX: the same record, the secretary signing beside the chair, the annex tables', async () => {
    const { text } = await docxText(await administrativeDocx(minutes.document, minutes.annexes));
    for (const s of ['BIÊN BẢN', 'I. Thời gian, địa điểm.', 'THƯ KÝ', 'TRƯỞNG BAN GIÁM KHẢO', 'Phạm Văn Thư'])
      expect(text).toContain(s);
    expect(text).toContain('P-104');
    expect(text).toContain('5,50');
    expect(text).not.toContain('Nơi nhận');
  });

  it('score sheets: one juror per page with the codes, the criteria and their scales, the blind rule', async () => {
    const base = {
      issuingBody: { nameLines: ['Ban Tổ chức cuộc thi'], abbr: 'BTC', place: 'Vĩnh Linh' },
      contestName: 'Xây dựng video clip năm 2024',
      roundName: 'Sơ khảo',
      rubric: MINUTES_RUBRIC,
      entries: [
        { code: 'P-7K2', title: 'Một cửa' },
        { code: 'P-9QX', title: 'Hồ Xá số' },
      ],
      blind: true,
      date: null,
      draftYear: 2024,
    };
    const pdf = await scoreSheetsPdf([
      paperSheet({ ...base, juror: { fullName: 'Trần Văn Đức' } }),
      paperSheet({ ...base, juror: { fullName: 'Ngô Thị Ỷ' } }),
    ]);
    expect(pdfPages(pdf, 'sheets')).toBe(2);
    const flat = pdfText(pdf, 'sheets').replace(/\s+/g, ' ');
    for (const s of ['PHIẾU CHẤM', 'Giám khảo: Trần Văn Đức', 'Giám khảo: Ngô Thị Ỷ', 'P-7K2', 'P-9QX', 'Chấm kín'])
      expect(flat).toContain(s);
    expect(flat).toContain('Nội dung (trọng số 40%): chấm từ 0 đến 10 điểm, bước 0,5.');
    await expect(scoreSheetsPdf([])).rejects.toThrow(/No score sheet/);
  });
});
