import type { ContestStatus } from '@core/contest-lifecycle.ts';
import { type ContestSettings, type UnitCategory } from '@core/contest.ts';
import { AppError } from '@core/errors.ts';
import { sortPhases, type Phase, type PhaseKind } from '@core/phases.ts';
import type { Tx } from '../../db/dialect.ts';
import type { ContestRow } from '../../db/schema.ts';
import { decodeContestSettings } from '../../db/json-columns.ts';

export interface LoadedContest {
  id: number;
  slug: string;
  isDemo: boolean;
  status: ContestStatus;
  settings: ContestSettings;
  phases: Phase[];
  unitCategories: (UnitCategory & { id: number })[];
  updatedAt: string;
}

// Parsed settings by contest, kept while the row's text is unchanged: every request that touches a contest reads
// them, and parsing them costs more than the queries. Frozen, since callers share them.
const parsedSettings = new Map<number, { text: string; settings: ContestSettings }>();

export function settingsOf(row: ContestRow): ContestSettings {
  const text = [
    row.name,
    row.theme,
    row.topics_json,
    row.rules_md,
    row.time_zone,
    row.entry_rules_json,
    row.prizes_json,
    row.rubric_json,
    row.max_entries_per_person,
    row.reviews_required,
    row.voting_json,
  ].join('\u0000');
  const id = row.id;
  const known = parsedSettings.get(id);
  if (known?.text === text) return known.settings;
  const settings = deepFreeze(decodeContestSettings(row));
  if (parsedSettings.size >= 200) parsedSettings.clear();
  parsedSettings.set(id, { text, settings });
  return settings;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export async function findContestRow(db: Tx, ref: { slug: string } | { id: number }): Promise<ContestRow> {
  const q = db.selectFrom('contests').selectAll();
  const row = await ('slug' in ref ? q.where('slug', '=', ref.slug) : q.where('id', '=', ref.id)).executeTakeFirst();
  if (!row) throw new AppError('contest.notFound');
  return row;
}

/** A contest with its phases and unit categories, read in one place for every use case. */
export async function loadContest(db: Tx, ref: { slug: string } | { id: number }): Promise<LoadedContest> {
  const row = await findContestRow(db, ref);
  const [phases, categories] = await Promise.all([
    db.selectFrom('contest_phases').selectAll().where('contest_id', '=', row.id).execute(),
    db
      .selectFrom('unit_categories')
      .selectAll()
      .where('contest_id', '=', row.id)
      .orderBy('position')
      .orderBy('id')
      .execute(),
  ]);
  return {
    id: row.id,
    slug: row.slug,
    isDemo: row.is_demo,
    status: row.status,
    settings: settingsOf(row),
    phases: sortPhases(phases.map((p) => ({ kind: p.kind as PhaseKind, startsAt: p.starts_at, endsAt: p.ends_at }))),
    unitCategories: categories.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      nameEn: c.name_en ?? undefined,
      minEntries: c.min_entries,
      maxEntries: c.max_entries,
    })),
    updatedAt: row.updated_at,
  };
}
