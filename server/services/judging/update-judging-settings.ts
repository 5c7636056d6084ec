/** The organizer sets the contest's judging settings: blind mode, when jurors see each other's scores. */
import type { JudgingSettings } from '@core/judging/settings.ts';
import type { Actor, Deps } from '../../context.ts';
import { authorize } from '../access/authorize.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { findContestRow } from '../contests/load-contest.ts';

export async function updateJudgingSettings(
  deps: Deps,
  actor: Actor,
  slug: string,
  input: JudgingSettings,
): Promise<JudgingSettings> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'judging.manageRounds');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('contests')
      .set({ judging_json: JSON.stringify(input) })
      .where('id', '=', contest.id)
      .execute();
    await appendAudit(trx, deps, actor, {
      action: 'judging.settings',
      contestId: contest.id,
      target: `contest:${contest.id}`,
      details: { ...input },
    });
  });
  return input;
}
