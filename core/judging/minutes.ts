/**
 * The minutes of a judging round (biên bản chấm thi), as data for the DOCX and PDF renderers: set out as NĐ30 sets
 * out a record (header, "BIÊN BẢN", the subject, then time and place, who was present, the method, the result, the
 * ties and how they were settled, the closing formula, the secretary's and the chair's signatures), with the ranking,
 * every juror's totals and the jurors' own signatures as annexes. Built from the same `Ranking` the chair's screen
 * shows, and its words from `explain.ts`, so the paper and the screen cannot disagree.
 */
import {
  administrativeDocument,
  type AdministrativeDocument,
  type IssuingBody,
} from '../documents/administrative-document.ts';
import type { Annex } from '../documents/annex.ts';
import type { CivilDate } from '../documents/place-and-date.ts';
import { signatureLines } from '../documents/signature-block.ts';
import { docLine } from '../documents/text.ts';
import { formatDateTime } from '../time.ts';
import { describeMethod, describeRow, type ExplainLabels } from './explain.ts';
import { formatNumber } from './format.ts';
import type { Ranking } from './ranking.ts';
import { criterionLabel, type RoundRubric } from './rubric.ts';

export interface MinutesJuror {
  id: number;
  fullName: string;
  /** "Trưởng ban", "Phó Trưởng ban", "Thành viên". */
  position: string;
  present: boolean;
}

export interface MinutesInput {
  issuingBody: IssuingBody;
  contestName: string;
  roundName: string;
  /** Null while a draft: the number and date are written when signed. */
  number: number | null;
  date: CivilDate | null;
  draftYear: number;
  /** When and where the jury met to close the round. */
  meeting: { start: string; end: string; place: string };
  timeZone: string;
  jurors: readonly MinutesJuror[];
  chair: { fullName: string };
  secretary: { fullName: string };
  rubric: RoundRubric;
  ranking: Ranking;
  /** The entry's code (its blind code in blind mode) and its title. */
  entry: (entryId: number) => { code: string; title: string };
  /**
   * Scores typed from a juror's signed paper sheet: who typed them and who checked them. Marked in the scores annex
   * and named in the result, so the record says which figures came from paper.
   */
  paper?: readonly { jurorId: number; enteredBy: string; checkedBy: string }[];
}

export interface Minutes {
  document: AdministrativeDocument;
  annexes: Annex[];
}

const TIE_START = 'Bằng điểm';

export function judgingMinutes(m: MinutesInput): Minutes {
  const contest = docLine(m.contestName);
  const round = docLine(m.roundName);
  const r = m.ranking;
  const d = r.method.decimals;
  const jurorName = new Map(m.jurors.map((j) => [j.id, docLine(j.fullName)]));
  const labels: ExplainLabels = {
    entry: (id) => m.entry(id).code,
    juror: (id) => jurorName.get(id) ?? `#${id}`,
    timeZone: m.timeZone,
  };
  const present = m.jurors.filter((j) => j.present);
  const paper = m.paper ?? [];
  const onPaper = new Set(paper.map((p) => p.jurorId));
  const paperLines = [...onPaper].map((id) => {
    const typed = [...new Set(paper.filter((p) => p.jurorId === id).map((p) => docLine(p.enteredBy)))];
    const checked = [...new Set(paper.filter((p) => p.jurorId === id).map((p) => docLine(p.checkedBy)))];
    return (
      `Điểm của giám khảo ${jurorName.get(id) ?? `#${id}`} được chấm trên phiếu giấy đã ký, ` +
      `do ${typed.join(', ')} nhập và ${checked.join(', ')} đối chiếu.`
    );
  });
  const absent = m.jurors.filter((j) => !j.present);
  const ranked = r.rows.filter((row) => row.status === 'ranked');
  const insufficient = r.rows.filter((row) => row.status === 'insufficient');

  // One account of each tie, taken from the explanation of its first entry.
  const tieLines: string[] = [];
  const seen = new Set<number>();
  for (const row of r.rows) {
    if (!row.tie || seen.has(row.tie.index)) continue;
    seen.add(row.tie.index);
    const lines = describeRow(row, r, m.rubric, 'vi', labels);
    const from = lines.findIndex((l) => l.startsWith(TIE_START));
    if (from >= 0) tieLines.push(`${labels.entry(row.entryId)}: ${lines.slice(from).join(' ')}`);
  }

  const sections = [
    {
      label: 'I. Thời gian, địa điểm.',
      paragraphs: [
        `Từ ${formatDateTime(m.meeting.start, m.timeZone)} đến ${formatDateTime(m.meeting.end, m.timeZone)} ` +
          `(giờ Việt Nam), tại ${docLine(m.meeting.place)}.`,
      ],
    },
    {
      label: 'II. Thành phần.',
      paragraphs: [
        `Ban Giám khảo gồm ${m.jurors.length} thành viên, có mặt ${present.length}:`,
        ...present.map((j) => `- ${docLine(j.fullName)}, ${docLine(j.position)};`),
        ...(absent.length ? [`Vắng mặt: ${absent.map((j) => docLine(j.fullName)).join(', ')}.`] : []),
        `Thư ký: ${docLine(m.secretary.fullName)}.`,
      ],
    },
    {
      label: 'III. Tiêu chí và phương pháp chấm.',
      paragraphs: [
        'Các tiêu chí chấm:',
        ...m.rubric.criteria.map(
          (c) =>
            `- ${criterionLabel(c).vi}: trọng số ${formatNumber(c.weight, 'vi')}%, ` +
            `thang điểm ${formatNumber(c.min, 'vi')}–${formatNumber(c.max, 'vi')};`,
        ),
        describeMethod(r, m.rubric, 'vi'),
      ],
    },
    {
      label: 'IV. Kết quả.',
      paragraphs: [
        `Vòng ${round} có ${r.rows.length} tác phẩm; ${ranked.length} tác phẩm được xếp hạng` +
          (insufficient.length ? `, ${insufficient.length} tác phẩm chưa đủ số điểm giám khảo để xếp hạng` : '') +
          '. Bảng xếp hạng tại Phụ lục 1; điểm của từng giám khảo tại Phụ lục 2.',
        ...paperLines,
      ],
    },
    {
      label: 'V. Các trường hợp bằng điểm.',
      paragraphs: tieLines.length ? tieLines : ['Không có trường hợp bằng điểm.'],
    },
    {
      label: '',
      paragraphs: [
        `Biên bản kết thúc lúc ${formatDateTime(m.meeting.end, m.timeZone)} cùng ngày, đã được đọc lại cho các ` +
          'thành viên Ban Giám khảo cùng nghe, nhất trí và ký tên tại Phụ lục 3./.',
      ],
    },
  ];

  const base = administrativeDocument({
    header: {
      body: m.issuingBody,
      symbol: { type: 'bien_ban' },
      number: m.number,
      date: m.date,
      draftYear: m.draftYear,
    },
    typeName: 'Biên bản',
    subject: `Chấm thi vòng ${round} Cuộc thi “${contest}”`,
    grounds: [],
    articles: sections,
    signature: { position: 'Trưởng ban Giám khảo', fullName: m.chair.fullName },
    recipients: [],
    archive: [],
  });
  const document: AdministrativeDocument = {
    ...base,
    recipients: [],
    cosigners: [signatureLines({ position: 'Thư ký', fullName: m.secretary.fullName })],
  };

  const fixed = (x: number | null) => (x === null ? '' : formatNumber(x, 'vi', d));
  const rankingAnnex: Annex = {
    title: `PHỤ LỤC 1. BẢNG XẾP HẠNG VÒNG ${round.toLocaleUpperCase('vi')}`,
    columns: ['Hạng', 'Mã tác phẩm', 'Tên tác phẩm', 'Điểm', 'Số điểm GK', 'Ghi chú'],
    widths: [8, 16, 40, 12, 12, 22],
    numberColumns: [3, 4],
    rows: r.rows.map((row) => {
      const e = m.entry(row.entryId);
      const note =
        row.status === 'insufficient'
          ? `Chưa đủ ${r.method.minScores} điểm GK`
          : row.tie
            ? row.tie.decidedBy === null
              ? 'Bằng điểm, chưa phân định'
              : 'Bằng điểm, đã phân định (mục V)'
            : '';
      return [row.rank === null ? '' : row.rank, e.code, docLine(e.title), fixed(row.value), row.counted, note];
    }),
    footer: [describeMethod(r, m.rubric, 'vi')],
  };

  const jurors = m.jurors;
  const scoresAnnex: Annex = {
    title: 'PHỤ LỤC 2. ĐIỂM CỦA TỪNG GIÁM KHẢO',
    columns: ['Mã tác phẩm', ...jurors.map((j) => docLine(j.fullName)), 'Điểm'],
    widths: [16, ...jurors.map(() => 14), 12],
    numberColumns: [...jurors.map((_, i) => i + 1), jurors.length + 1],
    rows: r.rows.map((row) => [
      m.entry(row.entryId).code,
      ...jurors.map((j) => {
        const s = row.scores.find((x) => x.jurorId === j.id);
        if (s) {
          if (s.total === null) return 'Không chấm';
          const shown = fixed(s.total) + (onPaper.has(j.id) ? '*' : '');
          return s.use === 'dropped_high' || s.use === 'dropped_low' ? `(${shown})` : shown;
        }
        return row.excluded.some((x) => x.jurorId === j.id) ? 'Không tính' : '';
      }),
      fixed(row.value),
    ]),
    footer: [
      '“Không chấm”: giám khảo tự rút khỏi việc chấm tác phẩm; “Không tính”: phiếu không được tính ' +
        '(xung đột lợi ích, chưa nộp, chưa đối chiếu); ' +
        'điểm trong ngoặc: bị loại khi lấy trung bình bỏ cao nhất, thấp nhất.',
      ...(onPaper.size ? ['Điểm có dấu *: nhập từ phiếu chấm giấy đã ký, đã được người thứ hai đối chiếu.'] : []),
    ],
  };

  const signAnnex: Annex = {
    title: 'PHỤ LỤC 3. CHỮ KÝ CÁC THÀNH VIÊN BAN GIÁM KHẢO',
    columns: ['STT', 'Họ và tên', 'Chức danh', 'Ký tên'],
    widths: [8, 40, 30, 30],
    rows: present.map((j, i) => [i + 1, docLine(j.fullName), docLine(j.position), '']),
  };

  return { document, annexes: [rankingAnnex, scoresAnnex, signAnnex] };
}
