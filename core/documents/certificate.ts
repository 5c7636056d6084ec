/**
 * The certificate of the organizing committee (Giấy chứng nhận, plan IV.2; R15), one per prize won: to the unit, the
 * group or the person credited with the entry. Giấy chứng nhận is not one of NĐ30's types of administrative
 * document, but offices set it out with the same header (national name and motto, issuing body, number), place and
 * date, and signature block; the rest is the certificate's own: A4 landscape, a border, the title large.
 */
import { NATIONAL_MOTTO, NATIONAL_NAME, type IssuingBody } from './administrative-document.ts';
import type { Recipient } from './awarded-entry.ts';
import { formatPlaceAndDate, type CivilDate } from './place-and-date.ts';
import { signatureLines, type SignatureBlock, type SignatureLines } from './signature-block.ts';
import { docLine, upperVi } from './text.ts';
import { formatCode } from './verification-code.ts';

/** Millimetres and points. Long names are fitted with fitText between the sizes given, on at most so many lines. */
export const CERTIFICATE_LAYOUT = {
  paper: { widthMm: 297, heightMm: 210 },
  marginsMm: { top: 15, bottom: 15, left: 20, right: 20 },
  border: { insetMm: 8, double: true, colour: '#8B0000' },
  font: 'Tinos',
  header: { pt: 12, mottoPt: 13 },
  title: { pt: 34, bold: true, colour: '#C00000' },
  recipient: { sizes: [26, 24, 22, 20, 18, 16], maxLines: 2, bold: true, widthMm: 220 },
  members: { sizes: [14, 13, 12, 11], maxLines: 2, widthMm: 220 },
  entryTitle: { sizes: [18, 17, 16, 15, 14], maxLines: 2, italic: true, widthMm: 220 },
  body: { pt: 16 },
  qr: { sizeMm: 28, position: 'bottom-left', codePt: 9, errorCorrection: 'M' },
  signature: { pt: 14 },
} as const;

export interface CertificateInput {
  issuingBody: IssuingBody;
  contestName: string;
  /** From certificateNumber: "07/GCN-BTC". */
  number: string;
  date: CivilDate;
  recipient: Recipient;
  entryTitle: string;
  prizeName: string;
  signature: SignatureBlock;
  verification: { url: string; code: string };
}

export interface CertificateModel {
  header: { nationalName: string; motto: string; superior: string | null; bodyLines: string[] };
  number: string;
  title: string;
  /** "Chứng nhận" then the name, large; then the details in body size. */
  recipientLabel: string;
  recipientName: string;
  recipientDetails: string[];
  entryLine: string;
  achievementLine: string;
  contestLine: string;
  placeAndDate: string;
  signature: SignatureLines;
  verification: { url: string; code: string; caption: string };
}

function recipientDetails(r: Recipient): string[] {
  const out: string[] = [];
  if (r.kind === 'group' && r.members.length) out.push(`Gồm các tác giả: ${r.members.join(', ')}`);
  if (r.kind === 'unit' && r.members.length) out.push(`Tác giả: ${r.members.join(', ')}`);
  if (r.kind !== 'unit' && r.unitName) out.push(`Đơn vị: ${r.unitName}`);
  return out;
}

export function certificateModel(c: CertificateInput): CertificateModel {
  const name = docLine(c.recipient.name);
  if (!name) throw new RangeError('A certificate needs the name of whom it is given to.');
  return {
    header: {
      nationalName: NATIONAL_NAME,
      motto: NATIONAL_MOTTO,
      superior: c.issuingBody.superior ? upperVi(c.issuingBody.superior) : null,
      bodyLines: c.issuingBody.nameLines.map(upperVi),
    },
    number: `Số: ${docLine(c.number)}`,
    title: 'GIẤY CHỨNG NHẬN',
    recipientLabel: 'Chứng nhận',
    recipientName: name,
    recipientDetails: recipientDetails(c.recipient).map(docLine),
    entryLine: `Tác phẩm: “${docLine(c.entryTitle)}”`,
    achievementLine: `Đã đạt ${docLine(c.prizeName)}`,
    contestLine: `Cuộc thi “${docLine(c.contestName)}”`,
    placeAndDate: formatPlaceAndDate(c.issuingBody.place, c.date),
    signature: signatureLines(c.signature),
    verification: {
      url: c.verification.url,
      code: formatCode(c.verification.code),
      caption: 'Quét mã QR để kiểm tra giấy chứng nhận này',
    },
  };
}
