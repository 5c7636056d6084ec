import type { ContestSettings, UnitCategory } from '@core/contest.ts';
import { AppError } from '@core/errors.ts';
import type { Phase } from '@core/phases.ts';
import { isForeignKeyViolation, type Tx } from '../../db/dialect.ts';

export function settingsColumns(s: ContestSettings) {
  return {
    name: s.name.normalize('NFC'),
    theme: s.theme.normalize('NFC'),
    topics_json: JSON.stringify(s.topics.map((t) => t.normalize('NFC'))),
    rules_md: s.rulesMarkdown.normalize('NFC'),
    time_zone: s.timeZone,
    entry_rules_json: JSON.stringify(s.entryRules),
    prizes_json: JSON.stringify(s.prizes),
    rubric_json: JSON.stringify(s.rubric),
    max_entries_per_person: s.maxEntriesPerPerson,
    // Absent: the column keeps its value (its default, 1, for a new contest).
    ...(s.reviewsRequired === undefined ? {} : { reviews_required: s.reviewsRequired }),
    ...(s.voting === undefined ? {} : { voting_json: JSON.stringify(s.voting) }),
  };
}

export async function replacePhases(trx: Tx, contestId: number, phases: readonly Phase[]): Promise<void> {
  await trx.deleteFrom('contest_phases').where('contest_id', '=', contestId).execute();
  if (phases.length === 0) return;
  await trx
    .insertInto('contest_phases')
    .values(
      phases.map((p) => ({
        contest_id: contestId,
        kind: p.kind,
        starts_at: new Date(p.startsAt).toISOString(),
        ends_at: new Date(p.endsAt).toISOString(),
      })),
    )
    .execute();
}

/** Upserts categories by code; a category that units still use cannot be removed. */
export async function saveCategories(trx: Tx, contestId: number, categories: readonly UnitCategory[]): Promise<void> {
  const codes = categories.map((c) => c.code);
  const existing = await trx
    .selectFrom('unit_categories')
    .select(['id', 'code'])
    .where('contest_id', '=', contestId)
    .execute();
  const gone = existing.filter((e) => !codes.includes(e.code));
  if (gone.length) {
    try {
      await trx
        .deleteFrom('unit_categories')
        .where(
          'id',
          'in',
          gone.map((g) => g.id),
        )
        .execute();
    } catch (err) {
      if (isForeignKeyViolation(err)) throw new AppError('unit.inUse');
      throw err;
    }
  }
  for (const [position, c] of categories.entries()) {
    await trx
      .insertInto('unit_categories')
      .values({
        contest_id: contestId,
        code: c.code,
        name: c.name.normalize('NFC'),
        name_en: c.nameEn ?? null,
        min_entries: c.minEntries,
        max_entries: c.maxEntries,
        position,
      })
      .onConflict((oc) =>
        oc.columns(['contest_id', 'code']).doUpdateSet({
          name: c.name.normalize('NFC'),
          name_en: c.nameEn ?? null,
          min_entries: c.minEntries,
          max_entries: c.maxEntries,
          position,
        }),
      )
      .execute();
  }
}
