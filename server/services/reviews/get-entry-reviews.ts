/**
 * The reviews of an entry. Staff who see all entries get every decision of every round with the reviewers' names,
 * notes and checklists, the server's checklist facts and the originality flags. The entrant (its owner, or a
 * representative of its unit) gets only the settled outcome of each round with the reason and deadline meant for
 * them: never who reviewed, how each voted, or the staff's notes. Anyone else is told the entry does not exist.
 */
import { can } from '@core/roles.ts';
import { buildChecklist, entrantStatus, missingAuthorDetails, roundOutcome, type ReviewStatus } from '@core/review.ts';
import { reviewReadAccess } from '../access/review-read-access.ts';
import type { Actor, Deps } from '../../context.ts';
import { loadContest } from '../contests/load-contest.ts';
import {
  checklistFacts,
  decidingDecision,
  loadDecisions,
  originalityFlags,
  type StoredDecision,
} from './review-state.ts';
import { decodeDraft } from '../../db/json-columns.ts';

export async function getEntryReviews(deps: Deps, actor: Actor, entryId: number) {
  const { entry, principal, isStaff } = await reviewReadAccess(deps, actor, entryId);
  const contest = await loadContest(deps.db, { id: entry.contest_id });
  const required = contest.settings.reviewsRequired ?? 1;
  const all = await loadDecisions(deps.db, entryId);
  const currentRound = entry.review_round;
  const status = entry.review_status;
  const rounds = [...new Set(all.map((d) => d.round))].sort((a, b) => a - b);
  if (status !== null && !rounds.includes(currentRound) && currentRound > 0) rounds.push(currentRound);

  // A past round ended in the state its decisions give (it was returned, or the entry withdrawn); the current one is
  // in the state the entry records.
  const roundState = (round: number, decisions: StoredDecision[]): ReviewStatus | null =>
    round === currentRound ? status : decisions.length ? roundOutcome(decisions, required).status : null;
  const settled = rounds.map((round) => {
    const decisions = all.filter((d) => d.round === round);
    const state = roundState(round, decisions);
    const deciding = decidingDecision(decisions, state, required);
    return { round, decisions, state, deciding };
  });

  const history = settled
    .filter((r) => r.deciding)
    .map((r) => ({
      round: r.round,
      status: r.state!,
      reason: r.deciding!.reason || null,
      fixDeadline: r.deciding!.fixDeadline,
      decidedAt: r.deciding!.at,
    }));
  const base = {
    entryId,
    status: isStaff ? status : entrantStatus(status),
    round: currentRound,
    fixDeadline: status === 'returned' ? entry.fix_deadline : null,
    history,
  };
  if (!isStaff) return { ...base, staff: null };

  const draft = decodeDraft(entry.draft_json);
  const facts = await checklistFacts(deps.db, entry, draft, contest.settings.entryRules.allowedForms);
  const mayReview = can(principal, 'entries.review');
  const mine =
    settled.find((r) => r.round === currentRound)?.decisions.some((d) => d.reviewerId === actor.userId && !d.isFinal) ??
    false;
  return {
    ...base,
    staff: {
      reviewsRequired: required,
      canReview: mayReview && entry.status === 'submitted' && status === 'pending' && !mine,
      canSettle: can(principal, 'entries.settleReview') && entry.status === 'submitted' && status === 'disputed',
      canExtendFixDeadline: mayReview && entry.status === 'draft' && status === 'returned',
      checklist: buildChecklist({}, facts).filter((r) => r.source === 'computed'),
      missingAuthorDetails: missingAuthorDetails(facts.missing),
      originalityFlags: await originalityFlags(deps.db, entry),
      rounds: settled.map((r) => ({
        round: r.round,
        status: r.state,
        decisions: r.decisions.map((d) => ({
          id: d.id,
          reviewerUserId: d.reviewerId,
          reviewerName: d.reviewerName,
          decision: d.decision,
          isFinal: d.isFinal,
          reason: d.reason,
          note: d.note,
          checklist: d.checklist,
          fixDeadline: d.fixDeadline,
          createdAt: d.at,
        })),
      })),
    },
  };
}
