/**
 * The allocation for the staff screen: the version in force and the one computed now (with what differs), the open
 * ties with the places at stake, winners who left the contest since announcement, the committee's decisions, the
 * versions, the entries named (code, title, unit, authors' names), and for each step whether it is allowed now and,
 * if not, why, in both languages.
 */
import { allocationChanges, excludedWinners } from '@core/awards/allocation-changes.ts';
import { ALLOCATION_STEPS, ALLOCATION_STEP_ROLES, allocationStep } from '@core/awards/allocation-state.ts';
import { can } from '@core/roles.ts';
import { errorMessage } from '@core/errors.ts';
import type { Actor, Deps } from '../../context.ts';
import { decodeAwardDecision, decodeAwardRecord, decodeDraft } from '../../db/json-columns.ts';
import { authorize } from '../access/authorize.ts';
import { loadContest } from '../contests/load-contest.ts';
import { loadAwardFacts, stepFacts } from './allocation-facts.ts';

export async function getAllocation(deps: Deps, actor: Actor, slug: string) {
  const contest = await loadContest(deps.db, { slug });
  const roles = await authorize(deps, actor, contest.id, 'awards.view');
  const f = await loadAwardFacts(deps.db, { id: contest.id }, deps.clock());
  const principal = { isSiteAdmin: actor.isSiteAdmin, roles };
  // A stand-in reason, so that "allowed" says whether the step is possible; the real one is checked when taken.
  const facts = stepFacts(f, 'x'.repeat(10));
  const steps = Object.fromEntries(
    ALLOCATION_STEPS.map((s) => {
      const mayRole =
        actor.isSiteAdmin || ALLOCATION_STEP_ROLES[s].some((r) => roles.includes(r as (typeof roles)[number]));
      const r = allocationStep(s, facts);
      const refusal = r.ok
        ? null
        : {
            code: r.problem,
            vi: errorMessage(r.problem, 'vi', r.params ?? {}),
            en: errorMessage(r.problem, 'en', r.params ?? {}),
          };
      return [s, { allowed: mayRole && r.ok, mayRole, refusal }];
    }),
  );
  const decisionRows = await deps.db
    .selectFrom('award_decisions as d')
    .leftJoin('users as u', 'u.id', 'd.decided_by')
    .select(['d.id', 'd.kind', 'd.payload_json', 'd.reason', 'd.decided_at', 'u.full_name'])
    .where('d.contest_id', '=', contest.id)
    .orderBy('d.id')
    .execute();
  const unused = new Map(
    (f.current?.unused ?? []).map((u) => [f.decisions[f.input.decisions.indexOf(u.decision)]?.id, u.reason]),
  );
  const versions = await deps.db
    .selectFrom('award_allocations as a')
    .leftJoin('award_decisions as d', 'd.id', 'a.decision_id')
    .leftJoin('users as p', 'p.id', 'a.proposed_by')
    .leftJoin('users as ap', 'ap.id', 'a.approved_by')
    .leftJoin('users as an', 'an.id', 'a.announced_by')
    .select([
      'a.version',
      'a.state',
      'a.proposed_at',
      'a.approved_at',
      'a.announced_at',
      'a.amends_version',
      'd.reason',
      'p.full_name as proposed_by',
      'ap.full_name as approved_by',
      'an.full_name as announced_by',
    ])
    .where('a.contest_id', '=', contest.id)
    .orderBy('a.version', 'desc')
    .execute();
  const ids = new Set<number>([...f.juryRanking, ...f.voteRanking].map((r) => r.entryId));
  for (const p of f.stored?.allocation.prizes ?? [])
    for (const o of p.places) if (o.kind === 'awarded') ids.add(o.entryId);
  const entryRows = ids.size
    ? await deps.db
        .selectFrom('entries as e')
        .leftJoin('units as u', 'u.id', 'e.unit_id')
        .select(['e.id', 'e.code', 'e.draft_json', 'u.name as unit_name'])
        .where('e.id', 'in', [...ids])
        .execute()
    : [];
  const entries = Object.fromEntries(
    entryRows.map((e) => {
      const d = decodeDraft(e.draft_json);
      return [
        e.id,
        {
          code: e.code ?? `#${e.id}`,
          title: d.title,
          unitName: e.unit_name,
          groupName: d.isGroup ? d.groupName : '',
          authors: d.authors.map((a) => ({ fullName: a.fullName, unitName: a.unitName })),
        },
      ];
    }),
  );
  const stored = f.stored;
  return {
    contest: { id: contest.id, slug: contest.slug, name: contest.settings.name, timeZone: contest.settings.timeZone },
    facts: {
      finalRound: f.finalRound,
      judgingLocked: f.judgingLocked,
      hasVotePrize: f.hasVotePrize,
      voteSource: f.voteSource,
      votingClosed: f.votingClosed,
      voteWait: f.voteWait,
    },
    mayDecide: can(principal, 'awards.decide'),
    mayAllocate: can(principal, 'awards.allocate'),
    stored: stored
      ? {
          version: stored.row.version,
          state: stored.row.state,
          allocation: stored.allocation,
        }
      : null,
    current: f.current,
    changes: stored && f.current ? allocationChanges(stored.allocation, f.current) : [],
    excludedWinners: stored?.row.state === 'announced' ? excludedWinners(stored.allocation, f.excluded) : [],
    excluded: f.excluded,
    juryRanking: f.juryRanking,
    voteRanking: f.voteRanking,
    steps,
    versions: versions.map((v) => ({
      version: v.version,
      state: v.state,
      proposedAt: v.proposed_at,
      proposedBy: v.proposed_by,
      approvedAt: v.approved_at,
      approvedBy: v.approved_by,
      announcedAt: v.announced_at,
      announcedBy: v.announced_by,
      amendsVersion: v.amends_version,
      reason: v.reason,
    })),
    decisions: decisionRows.map((d) => ({
      id: d.id,
      kind: d.kind,
      reason: d.reason,
      decidedAt: d.decided_at,
      decidedBy: d.full_name,
      decision: d.kind === 'breakTie' || d.kind === 'revoke' ? decodeAwardDecision(d.payload_json) : null,
      record: d.kind === 'reopen' || d.kind === 'amend' ? decodeAwardRecord(d.payload_json) : null,
      unused: unused.get(d.id) ?? null,
    })),
    entries,
  };
}
