/**
 * The printed score sheet (phiếu chấm) of one juror for one round: the round's entries (by blind code in blind
 * mode, never with authors or unit), a column per criterion with its weight and scale, room for a note, and the
 * juror's signature. The juror fills it by hand; the secretary enters it and a second person checks it
 * (`counted-scores.ts`), so the sheet names every rule the entry screen will apply.
 */
import type { Annex } from '../documents/annex.ts';
import type { IssuingBody } from '../documents/administrative-document.ts';
import { formatPlaceAndDate, type CivilDate } from '../documents/place-and-date.ts';
import { docLine, upperVi } from '../documents/text.ts';
import { formatNumber } from './format.ts';
import { criterionLabel, type RoundRubric } from './rubric.ts';

export interface PaperSheetInput {
  issuingBody: IssuingBody;
  contestName: string;
  roundName: string;
  juror: { fullName: string };
  rubric: RoundRubric;
  /** The juror's entries in the round, conflicted ones already left out; `code` is the blind code in blind mode. */
  entries: readonly { code: string; title: string }[];
  blind: boolean;
  date: CivilDate | null;
  draftYear: number;
}

export interface PaperSheet {
  issuer: { superior: string | null; bodyLines: string[] };
  title: string;
  subtitle: string;
  jurorLine: string;
  rules: string[];
  table: Annex;
  placeAndDate: string;
  signature: { title: string; hint: string; fullName: string };
}

export function paperSheet(p: PaperSheetInput): PaperSheet {
  const n = (x: number) => formatNumber(x, 'vi');
  const criteria = p.rubric.criteria;
  const rules = [
    ...criteria.map((c) => {
      const guidance = c.guidance ? `: ${docLine(c.guidance)}` : '';
      return (
        `${criterionLabel(c).vi} (trọng số ${n(c.weight)}%): chấm từ ${n(c.min)} đến ${n(c.max)} điểm, ` +
        `bước ${n(c.step)}${guidance}.`
      );
    }),
    'Ghi rõ từng điểm bằng số; sửa chữa phải ký nháy bên cạnh. Không chấm tác phẩm có xung đột lợi ích ' +
      '(ghi “Xung đột” vào cột Ghi chú); tự rút khỏi việc chấm một tác phẩm thì ghi “Không chấm” và lý do.',
  ];
  if (p.blind) rules.push('Chấm kín: tác phẩm được ghi bằng mã số; không ghi tên tác giả, đơn vị lên phiếu.');
  return {
    issuer: {
      superior: p.issuingBody.superior ? upperVi(p.issuingBody.superior) : null,
      bodyLines: p.issuingBody.nameLines.map(upperVi),
    },
    title: 'PHIẾU CHẤM',
    subtitle: `Vòng ${docLine(p.roundName)} — Cuộc thi “${docLine(p.contestName)}”`,
    jurorLine: `Giám khảo: ${docLine(p.juror.fullName)}`,
    rules,
    table: {
      title: '',
      columns: [
        'STT',
        'Mã tác phẩm',
        'Tên tác phẩm',
        ...criteria.map((c) => `${criterionLabel(c).vi} (${n(c.weight)}%, ${n(c.min)}–${n(c.max)})`),
        'Ghi chú',
      ],
      widths: [6, 14, 40, ...criteria.map(() => 14), 30],
      rows: p.entries.map((e, i) => [i + 1, e.code, docLine(e.title), ...criteria.map(() => ''), '']),
    },
    placeAndDate: formatPlaceAndDate(p.issuingBody.place, p.date, p.draftYear),
    signature: { title: 'GIÁM KHẢO', hint: '(Ký, ghi rõ họ tên)', fullName: docLine(p.juror.fullName) },
  };
}
