import { confirmationProblem, formulaInWords } from '@core/voting/fanpage.ts';
import { fanpageFinal, fanpageScore } from '@core/voting/fanpage.ts';
import { votingMessage } from '@core/voting/messages.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { fanpageRows, galleryEntries } from './fanpage-rows.ts';
import { loadVotingContest } from './voting-contest.ts';

export interface FanpageCountView {
  entryId: number;
  code: string;
  title: string;
  figures: {
    postUrl: string;
    reactions: number;
    shares: number;
    comments: number;
    score: number;
    hasEvidence: boolean;
    editedBy: string;
    editedAt: string;
    confirmedBy: string | null;
    confirmedAt: string | null;
  } | null;
}

export interface FanpageCountsView {
  formula: { vi: string; en: string };
  entries: FanpageCountView[];
  /** Every published entry's figures are confirmed: they decide where the settings say so. */
  final: boolean;
  /** Why this caller cannot confirm now, in both languages; null when they can. */
  confirmBlocked: { code: string; vi: string; en: string } | null;
}

/** The fanpage's figures per published entry, with who entered and who confirmed them, for the staff screen. */
export async function listFanpageCounts(deps: Deps, actor: Actor, slug: string): Promise<FanpageCountsView> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'fanpage.confirm');
  const [gallery, rows] = await Promise.all([
    galleryEntries(deps.db, v.contest.id),
    fanpageRows(deps.db, v.contest.id),
  ]);
  const people = [...new Set(rows.flatMap((r) => [r.editedBy, r.confirmedBy]).filter((x): x is number => x !== null))];
  const names = new Map<number, string>(
    people.length
      ? (await deps.db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', people).execute()).map((u) => [
          u.id,
          u.full_name,
        ])
      : [],
  );
  const byEntry = new Map(rows.map((r) => [r.entryId, r]));
  const blocked = confirmationProblem(rows, actor.userId ?? -1, names);
  const f = v.settings.fanpageFormula;
  return {
    formula: { vi: formulaInWords(f, 'vi'), en: formulaInWords(f, 'en') },
    entries: gallery.map((g) => {
      const r = byEntry.get(g.id);
      return {
        entryId: g.id,
        code: g.code,
        title: g.caption,
        figures: r
          ? {
              postUrl: r.postUrl,
              reactions: r.reactions,
              shares: r.shares,
              comments: r.comments,
              score: fanpageScore(r, f),
              hasEvidence: r.evidence !== null,
              editedBy: names.get(r.editedBy) ?? `#${r.editedBy}`,
              editedAt: r.editedAt,
              confirmedBy: r.confirmedBy === null ? null : (names.get(r.confirmedBy) ?? `#${r.confirmedBy}`),
              confirmedAt: r.confirmedAt,
            }
          : null,
      };
    }),
    final: fanpageFinal(
      rows,
      gallery.map((g) => g.code),
    ),
    confirmBlocked: blocked
      ? {
          code: blocked.code,
          vi: votingMessage(blocked.code, 'vi', blocked.params, v.timeZone),
          en: votingMessage(blocked.code, 'en', blocked.params, v.timeZone),
        }
      : null,
  };
}
