import type { ContestCreate } from '@core/contest.ts';
import { AppError } from '@core/errors.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { requireSiteAdmin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { replacePhases, saveCategories, settingsColumns } from './save-contest-parts.ts';

/** A site administrator opens a new contest and becomes its first organizer. */
export async function createContest(
  deps: Deps,
  actor: Actor,
  input: ContestCreate,
  opts: { isDemo?: boolean; status?: 'draft' | 'published' } = {},
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
