import { shiftPhases, type ContestCopy } from '@core/contest-lifecycle.ts';
import { AppError } from '@core/errors.ts';
import type { PhaseKind } from '@core/phases.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { requireSiteAdmin } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from './load-contest.ts';
import { replacePhases } from './save-contest-parts.ts';

/**
 * A site administrator starts a contest from an earlier one: its settings (topics, rules, prizes, rubric, entry rules,
 * quotas), its phases moved by whole days, its unit categories and units, and the roster when asked. Entries, news,
 * roles and the public's votes stay with the source. The copy is a draft until published; its creator is its
 * organizer.
 */
export async function copyContest(
  deps: Deps,
  actor: Actor,
  sourceSlug: string,
  input: ContestCopy,
): Promise<{ id: number; slug: string }> {
  requireSiteAdmin(actor);
  const source = await findContestRow(deps.db, { slug: sourceSlug });
  const now = deps.clock().toISOString();
  // Every settings column is copied as stored, including any a later migration adds; only identity and state change.
  const {
    id: sourceId,
    slug: _slug,
    name: _name,
    is_demo: _isDemo,
    status: _status,
    hashtag: _hashtag,
    created_at: _created,
    updated_at: _updated,
    version: _version,
    ...settings
  } = source;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('contests')
        .values({
          ...settings,
          slug: input.slug,
          name: input.name.normalize('NFC'),
          hashtag: null,
          is_demo: false,
          status: 'draft',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();

      const phases = await trx.selectFrom('contest_phases').selectAll().where('contest_id', '=', sourceId).execute();
      await replacePhases(
        trx,
        id,
        shiftPhases(
          phases.map((p) => ({ kind: p.kind as PhaseKind, startsAt: p.starts_at, endsAt: p.ends_at })),
          input.offsetDays,
        ),
      );

      const categoryIds = new Map<number, number>();
      const categories = await trx
        .selectFrom('unit_categories')
        .selectAll()
        .where('contest_id', '=', sourceId)
        .orderBy('id')
        .execute();
      for (const { id: oldId, contest_id: _c, ...category } of categories) {
        const row = await trx
          .insertInto('unit_categories')
          .values({ ...category, contest_id: id })
          .returning('id')
          .executeTakeFirstOrThrow();
        categoryIds.set(oldId, row.id);
      }

      const units = await trx
        .selectFrom('units')
        .selectAll()
        .where('contest_id', '=', sourceId)
        .orderBy('id')
        .execute();
      if (units.length)
        await trx
          .insertInto('units')
          .values(
            units.map(({ id: _u, contest_id: _c, category_id, created_at: _t, ...unit }) => ({
              ...unit,
              contest_id: id,
              category_id: categoryIds.get(category_id)!,
              created_at: now,
            })),
          )
          .execute();

      let roster: number | null = null;
      if (input.includeRoster) {
        const members = await trx
          .selectFrom('roster_members')
          .selectAll()
          .where('contest_id', '=', sourceId)
          .orderBy('id')
          .execute();
        if (members.length)
          await trx
            .insertInto('roster_members')
            .values(
              members.map(({ id: _m, contest_id: _c, created_at: _t, ...m }) => ({
                ...m,
                contest_id: id,
                created_at: now,
              })),
            )
            .execute();
        roster = members.length;
      }

      await trx
        .insertInto('contest_roles')
        .values({
          contest_id: id,
          user_id: actor.userId!,
          role: 'organizer',
          unit_id: null,
          granted_by: actor.userId,
          created_at: now,
        })
        .execute();
      await appendAudit(trx, deps, actor, {
        action: 'contest.copy',
        contestId: id,
        target: `contest:${id}`,
        details: {
          from: sourceSlug,
          fromId: sourceId,
          slug: input.slug,
          offsetDays: input.offsetDays,
          units: units.length,
          roster,
        },
      });
      return { id, slug: input.slug };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('contest.slugTaken');
    throw err;
  }
}
