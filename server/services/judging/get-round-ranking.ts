/**
 * A round's ranking for the chair, the secretary and the organizer: each juror's weighted mean, then the round's
 * method (mean, median or trimmed mean, optionally z-score normalized), the method stated in words, and every place
 * explained (which scores, what was dropped or left out and why, how a tie was settled) in Vietnamese and English, by
 * core/judging/explain.ts so that the screen and the minutes cannot disagree. `provisional` (while the round is open)
 * counts drafts too and says so. The chair alone sees entries by reference in blind mode.
 */
import { describeMethod, describeRow, type ExplainLabels } from '@core/judging/explain.ts';
import type { Actor, Deps } from '../../context.ts';
import { roundAccess } from '../access/judging-access.ts';
import { entryRef, staffEntry } from './entry-refs.ts';
import { loadRoundFacts, rankRound } from './round-facts.ts';

export async function getRoundRanking(deps: Deps, actor: Actor, roundId: number, opts: { provisional?: boolean }) {
  const a = await roundAccess(deps, actor, roundId, 'follow');
  const f = await loadRoundFacts(deps.db, a.round);
  const provisional = (opts.provisional ?? false) && a.round.state === 'open';
  const { ranking, rows } = await rankRound(deps.db, f, provisional);
  // Which counted scores were typed from a signed paper sheet (and checked by a second person), said next to each.
  const paper = new Set(rows.filter((x) => x.source === 'paper').map((x) => `${x.jurorId}:${x.entryId}`));
  const holdsMapping = a.mayManage || a.roles.includes('secretary');
  const names = new Map(f.jurors.map((j) => [j.userId, j.fullName]));
  const ref = (id: number) => entryRef(f, a.settings, id);
  const labels: ExplainLabels = {
    entry: ref,
    juror: (id) => names.get(id) ?? `#${id}`,
    timeZone: a.contest.settings.timeZone,
  };
  // A chair blocked from an entry (conflict, recusal) sees none of its scores until the round is locked
  // (core/judging/visibility.ts); the organizer and the secretary, who run the round, see them as they come.
  const hidden = (entryId: number) =>
    !holdsMapping && a.round.state !== 'locked' && f.blocks.get(a.actorId, entryId) !== null;
  const hideIfBlocked = <T extends object>(entryId: number, row: T): T =>
    hidden(entryId)
      ? { ...row, value: null, scores: [], excluded: [], trim: null, explanation: { vi: [], en: [] }, hidden: true }
      : row;
  return {
    roundId,
    name: a.round.name,
    state: a.round.state,
    provisional: ranking.provisional,
    method: ranking.method,
    methodText: { vi: describeMethod(ranking, f.rubric, 'vi'), en: describeMethod(ranking, f.rubric, 'en') },
    scale: ranking.scale,
    mayDecideTies: a.isChair && a.round.state === 'locked',
    rows: ranking.rows.map((r) =>
      hideIfBlocked(r.entryId, {
        ref: ref(r.entryId),
        entry: holdsMapping || !a.settings.blind ? staffEntry(f, a.settings, r.entryId) : null,
        title: f.entries.get(r.entryId)?.draft.title ?? '',
        rank: r.rank,
        status: r.status,
        value: r.value,
        counted: r.counted,
        trim: r.trim,
        scores: r.scores.map((s) => ({
          juror: labels.juror(s.jurorId),
          total: s.total,
          normalized: s.normalized ?? null,
          clamped: s.clamped ?? false,
          use: s.use,
          source: paper.has(`${s.jurorId}:${r.entryId}`) ? 'paper' : 'online',
        })),
        excluded: r.excluded.map((x) => ({ juror: labels.juror(x.jurorId), why: x.why })),
        tie: r.tie ? { index: r.tie.index, settled: r.tie.decidedBy !== null } : null,
        explanation: {
          vi: describeRow(r, ranking, f.rubric, 'vi', labels),
          en: describeRow(r, ranking, f.rubric, 'en', labels),
        },
      }),
    ),
    ties: ranking.ties.map((t) => ({
      value: t.value,
      refs: t.entryIds.map(ref),
      resolved: t.resolved,
      groups: t.groups.map((g) => g.map(ref)),
      /** The group the chair may still order (a chair step without a decision), if any. */
      awaitingChair:
        t.steps.find((s) => s.rule.kind === 'chair' && !s.decision && s.entryIds.length > 1)?.entryIds.map(ref) ?? null,
    })),
  };
}
