import { AppError } from '@core/errors.ts';
import type { Actor, Deps } from '../../context.ts';
import { authorize } from '../access/authorize.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { findContestRow } from '../contests/load-contest.ts';

/**
 * R9: removes a clip from the reference library; the flags it raised go with it (foreign key cascade), so reviewers
 * no longer see them. Audited with the clip's title and the number of flags removed.
 */
export async function deleteReferenceClip(deps: Deps, actor: Actor, slug: string, clipId: number): Promise<void> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'references.manage');
  await deps.db.transaction().execute(async (trx) => {
    const clip = await trx
      .selectFrom('reference_clips')
      .select(['id', 'title', 'source'])
      .where('id', '=', clipId)
      .where('contest_id', '=', contest.id)
      .executeTakeFirst();
    if (!clip) throw new AppError('reference.notFound');
    const { n } = await trx
      .selectFrom('originality_flags')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reference_id', '=', clipId)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('originality_flags').where('reference_id', '=', clipId).execute();
    await trx.deleteFrom('reference_clips').where('id', '=', clipId).execute();
    await appendAudit(trx, deps, actor, {
      action: 'reference.delete',
      contestId: contest.id,
      target: `reference:${clipId}`,
      details: { title: clip.title, source: clip.source, flagsRemoved: Number(n) },
    });
  });
}
