import type { ContestCreate } from '@core/contest.ts';
import { AppError } from '@core/errors.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { requireSiteAdmin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import type { JudgingSettings } from '@core/judging/settings.ts';
import { insertDefaultRounds, type RoundValues } from '../judging/round-values.ts';
import { replacePhases, saveCategories, settingsColumns } from './save-contest-parts.ts';

/** A site administrator opens a new contest and becomes its first organizer. */
export async function createContest(
  deps: Deps,
  actor: Actor,
  input: ContestCreate,
  opts: {
    isDemo?: boolean;
    status?: 'draft' | 'published';
    judgingRounds?: readonly RoundValues[];
    judging?: JudgingSettings;
  } = {},
): Promise<{ id: number; slug: string }> {
  requireSiteAdmin(actor);
  const now = deps.clock().toISOString();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('contests')
        .values({
          slug: input.slug,
          ...settingsColumns(input),
          is_demo: opts.isDemo ?? false,
          status: opts.status ?? 'published',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const contestId = id;
      await replacePhases(trx, contestId, input.phases);
      await saveCategories(trx, contestId, input.unitCategories);
      // A contest has at least one judging round (ADR 0025).
      await insertDefaultRounds(
        trx,
        { id: contestId, rubric: input.rubric, phases: input.phases },
        actor.userId,
        deps.clock(),
        opts.judgingRounds,
      );
      if (opts.judging)
        await trx
          .updateTable('contests')
          .set({ judging_json: JSON.stringify(opts.judging) })
          .where('id', '=', contestId)
          .execute();
      await trx
        .insertInto('contest_roles')
        .values({
          contest_id: contestId,
          user_id: actor.userId!,
          role: 'organizer',
          unit_id: null,
          granted_by: actor.userId,
          created_at: now,
        })
        .execute();
      await appendAudit(trx, deps, actor, {
        action: 'contest.create',
        contestId,
        target: `contest:${contestId}`,
        details: { slug: input.slug, demo: opts.isDemo ?? false, status: opts.status ?? 'published' },
      });
      return { id: contestId, slug: input.slug };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('contest.slugTaken');
    throw err;
  }
}
