import { resolveVotingSettings, type VotingSettingsInput } from '@core/voting/settings.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { loadVotingContest } from './voting-contest.ts';
import { assertVotingSettingsChangeAllowed } from './voting-settings-lock.ts';

/**
 * The organizer sets the contest's voting settings (fields left out take their defaults). The rule, the identity
 * kinds and the resident list cannot change once voting has started. Audited with the fields that changed.
 */
export async function updateVotingSettings(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: VotingSettingsInput,
): Promise<{ changed: string[] }> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'contest.edit');
  const after = resolveVotingSettings(input);
  assertVotingSettingsChangeAllowed(v.settings, after, v.contest.phases, deps.clock());
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
    (k) => JSON.stringify(after[k]) !== JSON.stringify(v.settings[k]),
  );
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('contests')
      .set({ voting_json: JSON.stringify(after), updated_at: deps.clock().toISOString() })
      .where('id', '=', v.contest.id)
      .execute();
    await appendAudit(trx, deps, actor, {
      action: 'voting.settings',
      contestId: v.contest.id,
      target: `contest:${v.contest.id}`,
      details: { changed, rule: after.rule, tallies: after.tallies, prizeSource: after.prizeSource },
    });
  });
  return { changed };
}
