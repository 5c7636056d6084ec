import type { ContestSettings, UnitCategory } from '@core/contest.ts';
import type { Phase } from '@core/phases.ts';
import { AppError } from '@core/errors.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { resolveVotingSettings } from '@core/voting/settings.ts';
import { assertVotingSettingsChangeAllowed } from '../voting/voting-settings-lock.ts';
import { findContestRow, loadContest, settingsOf } from './load-contest.ts';
import { replacePhases, saveCategories, settingsColumns } from './save-contest-parts.ts';

export interface ContestUpdate extends ContestSettings {
  phases: Phase[];
  unitCategories: UnitCategory[];
}

/** The organizer edits the whole configuration at once; the audit record names the parts that changed. */
export async function updateContest(deps: Deps, actor: Actor, slug: string, input: ContestUpdate): Promise<void> {
  const row = await findContestRow(deps.db, { slug });
  const contestId = row.id;
  await authorize(deps, actor, contestId, 'contest.edit');
  if (row.status === 'archived') throw new AppError('contest.archived');
  const before = settingsOf(row);
  if (input.voting !== undefined) {
    const phases = (await loadContest(deps.db, { id: contestId })).phases;
    assertVotingSettingsChangeAllowed(resolveVotingSettings(before.voting), input.voting, phases, deps.clock());
  }
  const changed = (Object.keys(before) as (keyof ContestSettings)[]).filter(
    (k) => input[k] !== undefined && JSON.stringify(before[k]) !== JSON.stringify(input[k]),
  );
  // Voting settings never saved are absent from `before`: their defaults are what changes.
  if (input.voting !== undefined && before.voting === undefined && !changed.includes('voting'))
    if (JSON.stringify(resolveVotingSettings(undefined)) !== JSON.stringify(input.voting)) changed.push('voting');
  await deps.db.transaction().execute(async (trx) => {
    const { phases, unitCategories, ...settings } = input;
    await trx
      .updateTable('contests')
      .set({ ...settingsColumns(settings), updated_at: deps.clock().toISOString() })
      .where('id', '=', contestId)
      .execute();
    await replacePhases(trx, contestId, phases);
    await saveCategories(trx, contestId, unitCategories);
    await appendAudit(trx, deps, actor, {
      action: 'contest.edit',
      contestId,
      target: `contest:${contestId}`,
      details: { changed, phases: phases.map((p) => p.kind) },
    });
  });
}
