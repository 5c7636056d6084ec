/**
 * The announced results for anyone (the results page, its widget and its share preview): prizes in the structure's
 * order, each place's winner with title, credits (recipient, authors' names, unit; never phones, addresses or
 * e-mails), poster and player when the entry is published, the committee's hand where it broke a tie, places left
 * unawarded and why, the vote prize's rule naming the count that decided it, the vote figures, and the amendments
 * with their dates and reasons.
 */
import type { PlaceOutcome } from '@core/awards/allocation.ts';
import { UNAWARDED_TEXT, voteRuleText } from '@core/awards/messages.ts';
import { recipientOf } from '@core/documents/awarded-entry.ts';
import { AppError } from '@core/errors.ts';
import type { Deps } from '../../context.ts';
import { decodeAllocation } from '../../db/json-columns.ts';
import { loadContest } from '../contests/load-contest.ts';
import { gallerySnapshot, publicMediaUrl } from '../publication/gallery-cache.ts';
import { getVotingResults } from '../voting/get-voting-results.ts';
import { listAnnouncedAwards } from './list-announced-awards.ts';

export interface PublicWinner {
  entryId: number;
  code: string;
  title: string;
  recipient: { kind: 'unit' | 'group' | 'person'; name: string };
  authors: string[];
  unitName: string | null;
  /** Set when the entry is published in the gallery: its page, poster and player. */
  pageUrl: string | null;
  posterUrl: string | null;
  masterUrl: string | null;
  /** Valid votes counted, when the contest has a vote and its figures are public. */
  votes: number | null;
  /** The fanpage score from confirmed figures, when the settings show the fanpage's count and it is public. */
  fanpageScore: number | null;
}

export type PublicPlace =
  | { kind: 'awarded'; byCommittee: boolean; winner: PublicWinner }
  | { kind: 'unawarded'; reason: { vi: string; en: string } };

export type PublicResultsView = Awaited<ReturnType<typeof getPublicResults>>;

export async function getPublicResults(deps: Deps, slug: string) {
  const contest = await loadContest(deps.db, { slug });
  if (contest.status === 'draft') throw new AppError('contest.notFound');
  const awards = await listAnnouncedAwards(deps.db, contest.id);
  if (!awards) throw new AppError('awards.resultsNotAnnounced');
  const row = await deps.db
    .selectFrom('award_allocations')
    .select('result_json')
    .where('contest_id', '=', contest.id)
    .where('version', '=', awards.version)
    .executeTakeFirstOrThrow();
  const allocation = decodeAllocation(row.result_json);
  const amendments = await deps.db
    .selectFrom('award_allocations as a')
    .leftJoin('award_decisions as d', 'd.id', 'a.decision_id')
    .select(['a.version', 'a.announced_at', 'a.amends_version', 'd.reason'])
    .where('a.contest_id', '=', contest.id)
    .where('a.amends_version', 'is not', null)
    .orderBy('a.version')
    .execute();
  const hasVote = contest.settings.prizes.some((p) => p.kind === 'public_vote');
  const voting = hasVote ? await getVotingResults(deps, slug) : null;
  const votesOf = new Map((voting?.visible ? voting.entries : []).map((e) => [e.entryId, e.counted]));
  const fanpageOf = new Map((voting?.prize?.fanpage?.ranking ?? []).map((r) => [r.entry, r.score]));
  const published = (await gallerySnapshot(deps, contest.id)).byId;
  const byPlace = new Map(awards.winners.map((w) => [`${w.prizeIndex}:${w.place}`, w]));

  const winnerView = (entryId: number, key: string): PublicWinner => {
    const w = byPlace.get(key)!;
    const r = recipientOf(w.entry);
    const p = published.get(entryId);
    return {
      entryId,
      code: w.entry.code,
      title: w.entry.title,
      recipient: { kind: r.kind, name: r.name },
      authors: w.entry.authors.map((a) => a.fullName),
      unitName: w.entry.unit?.name ?? (r.unitName || null),
      pageUrl: p ? `/c/${contest.slug}/e/${entryId}` : null,
      posterUrl: p?.posterUrl ?? null,
      masterUrl: p?.renditionsDone ? publicMediaUrl(entryId, 'master.m3u8') : null,
      votes: votesOf.has(entryId) ? votesOf.get(entryId)! : null,
      fanpageScore: fanpageOf.get(w.entry.code) ?? null,
    };
  };
  const place = (o: PlaceOutcome, key: string): PublicPlace | null => {
    if (o.kind === 'awarded')
      return { kind: 'awarded', byCommittee: o.byCommittee, winner: winnerView(o.entryId, key) };
    if (o.kind === 'unawarded') return { kind: 'unawarded', reason: UNAWARDED_TEXT[o.reason] };
    return null;
  };
  return {
    contest: { slug: contest.slug, name: contest.settings.name, timeZone: contest.settings.timeZone },
    version: awards.version,
    announcedAt: awards.announcedAt,
    amendments: amendments.map((a) => ({
      version: a.version,
      amendsVersion: a.amends_version!,
      at: a.announced_at!,
      reason: a.reason ?? '',
    })),
    prizes: allocation.prizes.map((p) => ({
      prizeIndex: p.prizeIndex,
      name: p.prize.name,
      nameEn: p.prize.nameEn ?? null,
      kind: p.prize.kind,
      amountVnd: p.prize.amountVnd,
      /** The count that decided this vote prize when the version was stored; null for a jury prize. */
      voteSource: p.voteSource,
      voteRule:
        p.openToJuryWinners === null
          ? null
          : {
              vi: voteRuleText(p.prize.name, p.openToJuryWinners, p.voteSource ?? 'platform').vi,
              en: voteRuleText(p.prize.nameEn ?? p.prize.name, p.openToJuryWinners, p.voteSource ?? 'platform').en,
            },
      places: p.places.flatMap((o, i) => {
        const v = place(o, `${p.prizeIndex}:${i}`);
        return v ? [v] : [];
      }),
    })),
    votes:
      voting && voting.visible
        ? { final: voting.final, totals: voting.totals, reasons: voting.reasons, tieRule: voting.tieRule }
        : null,
  };
}

export type PublicResults = Awaited<ReturnType<typeof getPublicResults>>;
