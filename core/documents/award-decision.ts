/**
 * The draft of the award decision (Quyết định khen thưởng): the chair of the district committee rewards the units,
 * groups and persons that won, as listed in the annex, with the certificate and the prize money, and names who
 * carries it out. A draft: the number and date are left for the records office, as on any draft of a decision.
 */
import type { Allocation } from '../awards/allocation.ts';
import type { EntryId } from '../awards/ranking.ts';
import { administrativeDocument, type AdministrativeDocument, type IssuingBody } from './administrative-document.ts';
import type { AwardedEntryFacts } from './awarded-entry.ts';
import type { CivilDate } from './place-and-date.ts';
import { PAYMENT_LIST_COLUMNS, awardRows, type PaymentRow } from './payment-list.ts';
import { vndInWords } from './amount-in-words.ts';
import { sumVnd } from '../awards/money.ts';
import type { SignatureBlock } from './signature-block.ts';
import { docLine } from './text.ts';
import { formatVnd } from '../awards/money.ts';
import { voteRuleText } from '../awards/messages.ts';

export interface AwardDecisionInput {
  issuingBody: IssuingBody;
  /** "Chủ tịch Ủy ban nhân dân huyện Vĩnh Linh": the line above the grounds. */
  issuerTitle: string;
  number: number | null;
  date: CivilDate | null;
  draftYear: number;
  contestName: string;
  /** "Căn cứ …" lines, from the contest's settings (the laws and the plan the contest rests on). */
  grounds: string[];
  /** "Trưởng phòng Nội vụ": who proposed the decision. */
  proposer: string;
  /** "ngân sách huyện năm 2024" */
  fundingSource: string;
  /** Who carries it out, e.g. "Chánh Văn phòng HĐND và UBND huyện", "Trưởng phòng Nội vụ". */
  executors: string[];
  signature: SignatureBlock;
  recipients: string[];
  archive: string[];
  allocation: Allocation;
  entries: ReadonlyMap<EntryId, AwardedEntryFacts>;
}

export interface AwardDecision {
  document: AdministrativeDocument;
  annex: {
    title: string;
    columns: string[];
    rows: Omit<PaymentRow, 'recipientKind'>[];
    totalVnd: number;
    totalInWords: string;
    notes: string[];
  };
}

export function awardDecision(d: AwardDecisionInput): AwardDecision {
  const contest = docLine(d.contestName);
  const rows = awardRows(d.allocation, d.entries);
  const totalVnd = sumVnd(rows.map((r) => r.amountVnd));
  const totalInWords = `Bằng chữ: ${vndInWords(totalVnd)}.`;
  const grounds = d.grounds.map((g) => docLine(g).replace(/[;.]*$/, ';'));
  grounds.push(`Xét đề nghị của ${docLine(d.proposer)}.`);
  const document = administrativeDocument({
    header: {
      body: d.issuingBody,
      symbol: { type: 'quyet_dinh' },
      number: d.number,
      date: d.date,
      draftYear: d.draftYear,
    },
    typeName: 'Quyết định',
    subject: `Về việc khen thưởng các tập thể, cá nhân đạt giải Cuộc thi “${contest}”`,
    issuerLine: d.issuerTitle,
    grounds,
    operative: true,
    articles: [
      {
        label: 'Điều 1.',
        paragraphs: [
          `Khen thưởng ${String(rows.length).padStart(2, '0')} tập thể, ` +
            `cá nhân đạt giải Cuộc thi “${contest}” (có danh sách kèm theo).`,
        ],
      },
      {
        label: 'Điều 2.',
        paragraphs: [
          'Mỗi giải được tặng Giấy chứng nhận của Ban Tổ chức cuộc thi và tiền thưởng theo mức tại danh sách kèm theo.',
          `Tổng số tiền thưởng: ${formatVnd(totalVnd)} đồng (Bằng chữ: ${vndInWords(totalVnd)}).`,
          `Nguồn kinh phí: ${docLine(d.fundingSource)}.`,
        ],
      },
      {
        label: 'Điều 3.',
        paragraphs: [
          `Quyết định này có hiệu lực kể từ ngày ký. ${d.executors.map(docLine).join(', ')} và ` +
            'các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.',
        ],
      },
    ],
    signature: d.signature,
    recipients: ['Như Điều 3', ...d.recipients],
    archive: d.archive,
  });
  const notes = d.allocation.prizes
    .filter((p) => p.openToJuryWinners !== null)
    .map((p) => voteRuleText(p.prize.name, p.openToJuryWinners!, p.voteSource ?? 'platform').vi);
  return {
    document,
    annex: {
      title: `DANH SÁCH TẬP THỂ, CÁ NHÂN ĐẠT GIẢI CUỘC THI “${contest.toLocaleUpperCase('vi')}”`,
      columns: PAYMENT_LIST_COLUMNS.slice(0, -1),
      rows: rows.map(({ recipientKind: _kind, ...r }) => r),
      totalVnd,
      totalInWords,
      notes,
    },
  };
}
