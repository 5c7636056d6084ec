/**
 * After announcement the results change only by a recorded decision of the committee: an amendment stores the
 * allocation computed now (an excluded winner left out, those below moving up; or a revocation applied) as a new
 * announced version naming the one it amends, with its winners, the decision and the places that changed.
 */
import type { Allocation } from '@core/awards/allocation.ts';
import { allocationChanges } from '@core/awards/allocation-changes.ts';
import { allocationStep } from '@core/awards/allocation-state.ts';
import { nfc } from '@core/normalize.ts';
import type { Actor, Deps } from '../../context.ts';
import type { Tx } from '../../db/dialect.ts';
import { authorize } from '../access/authorize.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { loadContest } from '../contests/load-contest.ts';
import { loadAwardFacts, stepFacts, type AwardFacts } from './allocation-facts.ts';
import { lockAwards, refuse, writeWinners } from './allocation-steps.ts';

export type AmendResult = {
  version: number;
  amendsVersion: number;
  changedPlaces: number;
};

/** The amendment inside a transaction that holds the awards lock, with facts loaded in it (revoke-prize uses it). */
export async function amendInTransaction(
  trx: Tx,
  deps: Deps,
  actor: Actor,
  f: AwardFacts,
  reason: string,
  extra: Record<string, unknown> = {},
): Promise<AmendResult> {
  const step = allocationStep('amend', stepFacts(f, reason));
  if (!step.ok) refuse(step);
  const at = deps.clock().toISOString();
  const { row, allocation } = f.stored!;
  const current: Allocation = f.current!;
  const changes = allocationChanges(allocation, current);
  const decision = await trx
    .insertInto('award_decisions')
    .values({
      contest_id: f.contest.id,
      kind: 'amend',
      payload_json: JSON.stringify({ fromVersion: row.version, changes, ...extra }),
      reason,
      decided_by: actor.userId,
      decided_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = row.version + 1;
  await trx
    .insertInto('award_allocations')
    .values({
      contest_id: f.contest.id,
      version,
      state: 'announced',
      result_json: JSON.stringify(current),
      inputs_sha256: f.inputsSha256,
      proposed_by: actor.userId,
      proposed_at: at,
      approved_by: actor.userId,
      approved_at: at,
      announced_by: actor.userId,
      announced_at: at,
      amends_version: row.version,
      decision_id: decision.id,
    })
    .execute();
  const winners = await writeWinners(trx, f.contest.id, version, current);
  await appendAudit(trx, deps, actor, {
    action: 'awards.amend',
    contestId: f.contest.id,
    target: `award_allocation:${f.contest.id}:${version}`,
    details: {
      version,
      amendsVersion: row.version,
      reason,
      decision: decision.id,
      changedPlaces: changes.map((c) => `${c.prizeIndex}/${c.place}`),
      winners,
      ...extra,
    },
  });
  return { version, amendsVersion: row.version, changedPlaces: changes.length };
}

export async function amendResults(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: { reason: string },
): Promise<AmendResult> {
  const contest = await loadContest(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'awards.decide');
  const reason = nfc(input.reason.trim());
  return deps.db.transaction().execute(async (trx) => {
    await lockAwards(trx, deps, contest.id);
    const f = await loadAwardFacts(trx, { id: contest.id }, deps.clock());
    return amendInTransaction(trx, deps, actor, f, reason);
  });
}
