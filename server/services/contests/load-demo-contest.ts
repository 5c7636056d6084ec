import { foldVietnamese } from '@core/normalize.ts';
import { resolveVotingSettings } from '@core/voting/settings.ts';
import {
  demoContest,
  demoJudgingRounds,
  DEMO_COMMUNES,
  DEMO_DISTRICT_OFFICES,
  DEMO_DOCUMENT_SETTINGS,
  DEMO_VOTING,
} from '../../demo/vinh-linh-2024.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor, Deps } from '../../context.ts';
import { createContest } from './create-contest.ts';

/** Loads the plan's contest, but only into an empty database: demo data must never mix with real data. */
export async function loadDemoContest(deps: Deps, admin: Actor): Promise<{ slug: string } | null> {
  const existing = await deps.db.selectFrom('contests').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  const input = demoContest(deps.clock());
  const { id, slug } = await createContest(deps, admin, input, {
    isDemo: true,
    judgingRounds: demoJudgingRounds(input.phases),
    judging: { blind: true, othersScores: 'after_own_submission', everyoneUpTo: 60 },
  });
  const cats = await deps.db
    .selectFrom('unit_categories')
    .select(['id', 'code'])
    .where('contest_id', '=', id)
    .execute();
  const catId = (code: string) => cats.find((c) => c.code === code)!.id;
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('contests')
      .set({ voting_json: JSON.stringify(resolveVotingSettings(DEMO_VOTING)) })
      .where('id', '=', id)
      .execute();
    const units = [
      ...DEMO_COMMUNES.map((name) => ({ name, category_id: catId('commune') })),
      ...DEMO_DISTRICT_OFFICES.map((name) => ({ name, category_id: catId('district_office') })),
    ];
    await trx
      .insertInto('units')
      .values(
        units.map((u) => ({
          ...u,
          contest_id: id,
          name_folded: foldVietnamese(u.name),
          contact_email: null,
          created_at: now,
        })),
      )
      .execute();
    await appendAudit(trx, deps, admin, {
      action: 'unit.import',
      contestId: id,
      details: { source: 'demo', created: units.length },
    });
    await trx
      .insertInto('document_settings')
      .values({
        contest_id: id,
        settings_json: JSON.stringify(DEMO_DOCUMENT_SETTINGS),
        updated_by: admin.userId,
        updated_at: now,
      })
      .execute();
  });
  return { slug };
}
