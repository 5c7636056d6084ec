/**
 * A ranking in words, in Vietnamese or English, for the chair's screen and the minutes (biên bản): the method stated
 * once, then each entry's place with the scores behind it, what was dropped or left out and why, and how a tie was
 * settled. Built only from the structured ranking, so the screen and the minutes cannot disagree.
 */
import { formatDate } from '../time.ts';
import type { ExclusionReason } from './counted-scores.ts';
import { formatNumber, type Lang } from './format.ts';
import type { RankingMethod } from './ranking-method.ts';
import type { RankedRow, Ranking, ScoreLine } from './ranking.ts';
import { criterionLabel, type RoundRubric } from './rubric.ts';

export interface ExplainLabels {
  /** The entry's blind code in blind mode, else its code. */
  entry: (entryId: number) => string;
  juror: (jurorId: number) => string;
  timeZone: string;
}

const t = (lang: Lang, vi: string, en: string) => (lang === 'vi' ? vi : en);

const EXCLUSION: Record<ExclusionReason, { vi: string; en: string }> = {
  same_unit: { vi: 'cùng đơn vị với tác giả', en: 'same unit as the entrant' },
  declared: { vi: 'tự khai báo xung đột lợi ích', en: 'declared a conflict of interest' },
  recused: { vi: 'Trưởng ban Giám khảo cho không chấm', en: 'recused by the jury chair' },
  not_submitted: { vi: 'chưa nộp phiếu chấm', en: 'score sheet not submitted' },
  paper_unchecked: { vi: 'phiếu giấy chưa được đối chiếu', en: 'paper sheet not yet checked' },
  not_assigned: { vi: 'không được phân công', en: 'not assigned' },
  not_in_round: { vi: 'tác phẩm không thuộc vòng', en: 'entry not in the round' },
  incomplete: { vi: 'phiếu chấm chưa đầy đủ', en: 'score sheet incomplete' },
};

const AGGREGATION_TEXT: Record<RankingMethod['aggregation'], { vi: string; en: string }> = {
  mean: {
    vi: 'Điểm của tác phẩm là trung bình cộng điểm của các giám khảo.',
    en: "An entry's figure is the mean of its jurors' totals.",
  },
  median: {
    vi:
      'Điểm của tác phẩm là trung vị điểm của các giám khảo (điểm ở giữa; ' +
      'khi số điểm chẵn, lấy trung bình hai điểm ở giữa).',
    en:
      "An entry's figure is the median of its jurors' totals (the middle value; " +
      'with an even count, the mean of the two middle values).',
  },
  trimmed_mean: {
    vi:
      'Điểm của tác phẩm là trung bình cộng điểm của các giám khảo sau khi bỏ một điểm cao ' +
      'nhất và một điểm thấp nhất; tác phẩm có dưới 3 điểm thì lấy trung bình cộng của tất cả.',
    en:
      "An entry's figure is the mean of its jurors' totals after dropping one highest and one lowest; " +
      'with fewer than 3 totals, the mean of them all.',
  },
};

/** The method, stated next to every ranking. */
export function describeMethod(ranking: Ranking, rubric: RoundRubric, lang: Lang): string {
  const m = ranking.method;
  const n = (x: number) => formatNumber(x, lang);
  const criteria = rubric.criteria
    .map((c) => `${criterionLabel(c)[lang]} (${n(c.weight)}%, ${n(c.min)}–${n(c.max)})`)
    .join(', ');
  const parts = [
    t(
      lang,
      'Điểm của mỗi giám khảo cho một tác phẩm là trung bình có trọng số các tiêu ' +
        `chí: ${criteria}, tính trên thang ${n(ranking.scale.min)}–${n(ranking.scale.max)}.`,
      `Each juror's total for an entry is the weighted mean of the criteria: ${criteria}, ` +
        `on a scale of ${n(ranking.scale.min)}–${n(ranking.scale.max)}.`,
    ),
  ];
  if (m.normalization === 'z_score')
    parts.push(
      t(
        lang,
        'Điểm của từng giám khảo được chuẩn hóa (z-score): lấy điểm trừ điểm trung bình của chính giám khảo ' +
          'đó, chia cho độ lệch chuẩn của giám khảo đó, rồi quy về thang điểm theo điểm trung bình và độ lệch ' +
          'chuẩn chung của cả vòng; giám khảo cho mọi tác phẩm cùng một điểm được tính bằng điểm trung bình chung.',
        "Each juror's totals are normalized (z-score): minus that juror's mean, divided by that juror's " +
          'standard deviation, then mapped back to the scale with the mean and standard deviation of all ' +
          'totals in the round; a juror who gave every entry the same total counts as the overall mean.',
      ),
    );
  parts.push(AGGREGATION_TEXT[m.aggregation][lang]);
  parts.push(
    t(
      lang,
      `Điểm được làm tròn đến ${m.decimals} chữ số thập phân; ` +
        `tác phẩm cần ít nhất ${m.minScores} điểm giám khảo để được xếp hạng.`,
      `Figures are rounded to ${m.decimals} decimal places; ` +
        `an entry needs at least ${m.minScores} jurors' totals to be ranked.`,
    ),
  );
  const rules = m.tieOrder.map((r) => {
    if (r.kind === 'chair') return t(lang, 'quyết định của Trưởng ban Giám khảo', "the jury chair's decision");
    const c = rubric.criteria.find((x) => x.key === r.key);
    const name = c ? criterionLabel(c)[lang] : r.key;
    return t(lang, `điểm tiêu chí "${name}"`, `the criterion "${name}"`);
  });
  parts.push(
    rules.length
      ? t(
          lang,
          `Khi bằng điểm, xét lần lượt: ${rules.join('; ')}.`,
          `Ties are broken by, in turn: ${rules.join('; ')}.`,
        )
      : t(lang, 'Các tác phẩm bằng điểm được xếp đồng hạng.', 'Tied entries share a place.'),
  );
  if (ranking.provisional)
    parts.push(
      t(
        lang,
        'Đây là bảng xếp hạng tạm thời: có tính cả phiếu chấm chưa nộp.',
        'This ranking is provisional: it includes score sheets not yet submitted.',
      ),
    );
  return parts.join(' ');
}

/** One entry's place and how it came about, as lines of text. */
export function describeRow(
  row: RankedRow,
  ranking: Ranking,
  rubric: RoundRubric,
  lang: Lang,
  labels: ExplainLabels,
): string[] {
  const d = ranking.method.decimals;
  const fixed = (x: number) => formatNumber(x, lang, d);
  const entry = labels.entry(row.entryId);
  const lines: string[] = [];
  if (row.status === 'ranked')
    lines.push(
      t(
        lang,
        `Hạng ${row.rank}: ${entry}, ${fixed(row.value!)} điểm (${row.counted} điểm giám khảo).`,
        `Place ${row.rank}: ${entry}, ${fixed(row.value!)} (${row.counted} jurors' totals).`,
      ),
    );
  else
    lines.push(
      t(
        lang,
        `${entry}: chưa xếp hạng, mới có ${row.counted} điểm giám khảo, cần ít nhất ${ranking.method.minScores}.`,
        `${entry}: not ranked, it has ${row.counted} jurors' totals and needs at least ${ranking.method.minScores}.`,
      ),
    );
  const scored = row.scores.filter((s) => s.total !== null);
  if (scored.length)
    lines.push(
      t(lang, 'Điểm các giám khảo: ', "Jurors' totals: ") +
        scored.map((s) => scoreText(s, lang, d, labels)).join('; ') +
        '.',
    );
  const abstained = row.scores.filter((s) => s.total === null);
  if (abstained.length)
    lines.push(
      t(lang, 'Không chấm (tự rút): ', 'Abstained: ') + abstained.map((s) => labels.juror(s.jurorId)).join(', ') + '.',
    );
  if (row.excluded.length)
    lines.push(
      t(lang, 'Không tính: ', 'Left out: ') +
        row.excluded.map((x) => `${labels.juror(x.jurorId)} (${EXCLUSION[x.why][lang]})`).join(', ') +
        '.',
    );
  if (row.trim === 'too_few' && row.counted > 0)
    lines.push(
      t(
        lang,
        'Có dưới 3 điểm nên không bỏ điểm cao nhất và thấp nhất; lấy trung bình cộng.',
        'Fewer than 3 totals, so none was dropped; the mean of them all is taken.',
      ),
    );
  if (row.tie) lines.push(...tieLines(row, ranking, rubric, lang, labels));
  return lines;
}

function scoreText(s: ScoreLine, lang: Lang, d: number, labels: ExplainLabels): string {
  const fixed = (x: number) => formatNumber(x, lang, d);
  let out = `${labels.juror(s.jurorId)} ${fixed(s.total!)}`;
  if (s.normalized !== undefined) {
    out += t(lang, ` → chuẩn hóa ${fixed(s.normalized)}`, ` → normalized ${fixed(s.normalized)}`);
    if (s.clamped) out += t(lang, ' (giới hạn trong thang điểm)', ' (held to the scale)');
  }
  if (s.use === 'dropped_high') out += t(lang, ' (bỏ: cao nhất)', ' (dropped: highest)');
  if (s.use === 'dropped_low') out += t(lang, ' (bỏ: thấp nhất)', ' (dropped: lowest)');
  return out;
}

function tieLines(row: RankedRow, ranking: Ranking, rubric: RoundRubric, lang: Lang, labels: ExplainLabels): string[] {
  const record = ranking.ties[row.tie!.index]!;
  const d = ranking.method.decimals;
  const others = record.entryIds.filter((id) => id !== row.entryId).map(labels.entry);
  const lines = [
    t(
      lang,
      `Bằng điểm ${formatNumber(record.value, lang, d)} với ${others.join(', ')}.`,
      `Tied at ${formatNumber(record.value, lang, d)} with ${others.join(', ')}.`,
    ),
  ];
  record.steps.forEach((step) => {
    if (!step.entryIds.includes(row.entryId)) return;
    if (step.rule.kind === 'criterion') {
      const key = step.rule.key;
      const c = rubric.criteria.find((x) => x.key === key);
      const name = c ? criterionLabel(c)[lang] : key;
      const values = step.values!.map(
        (v) => `${labels.entry(v.entryId)} ${v.value === null ? '—' : formatNumber(v.value, lang, d)}`,
      );
      lines.push(
        t(lang, `Xét tiêu chí "${name}": ${values.join('; ')}.`, `By the criterion "${name}": ${values.join('; ')}.`),
      );
    } else if (step.decision) {
      const when = formatDate(step.decision.at, labels.timeZone);
      const order = step.decision.entryIds.map(labels.entry).join(', ');
      lines.push(
        t(
          lang,
          `Theo quyết định của Trưởng ban Giám khảo ngày ${when}, thứ tự: ${order}. Lý do: ${step.decision.reason}`,
          `By the jury chair's decision of ${when}, in the order ${order}. Reason: ${step.decision.reason}`,
        ),
      );
    } else lines.push(t(lang, 'Chưa có quyết định của Trưởng ban Giám khảo.', 'The jury chair has not decided yet.'));
  });
  if (row.tie!.decidedBy === null)
    lines.push(
      t(
        lang,
        `Vẫn bằng điểm sau mọi quy tắc phân định: đồng hạng ${row.rank}.`,
        `Still tied after every tie rule: shares place ${row.rank}.`,
      ),
    );
  return lines;
}
