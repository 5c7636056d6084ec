/**
 * The records of one contest as plain JSON for its archive: each table's rows for the contest, `*_json` columns
 * parsed, and contacts left out (phones, e-mails, addresses of authors, units and roster members: the archive is a
 * record of what was decided, not a contact list; the staff area and the personal-data export keep those).
 */
import type { Kysely } from 'kysely';
import type { Tx } from '../../db/dialect.ts';
import { decodeDraft } from '../../db/json-columns.ts';

type Row = Record<string, unknown>;
/** Tables read by name: each has the column used below; the caller names only tables that do. */
type Loose = Kysely<Record<string, Row & { contest_id: number; id: number; entry_id: number; round_id: number }>>;

const CONTACT = /(phone|email|address)/;

/** `x_json` becomes `x` (parsed); contact columns are dropped. */
export function plain(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (CONTACT.test(k)) continue;
    if (k.endsWith('_json') && typeof v === 'string') out[k.slice(0, -5)] = parseOr(v);
    else out[k] = v;
  }
  return out;
}

function parseOr(v: string): unknown {
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

async function byContest(db: Tx, table: string, contestId: number, order = 'id'): Promise<Row[]> {
  const rows = await (db as unknown as Loose)
    .selectFrom(table)
    .selectAll()
    .where('contest_id', '=', contestId)
    .orderBy(order as 'id')
    .execute();
  return rows.map(plain);
}

async function byColumn(db: Tx, table: string, column: 'entry_id' | 'round_id', ids: number[]): Promise<Row[]> {
  if (ids.length === 0) return [];
  const rows = await (db as unknown as Loose)
    .selectFrom(table)
    .selectAll()
    .where(column, 'in', ids)
    .orderBy(column)
    .execute();
  return rows.map(plain);
}

export interface ArchiveData {
  /** File name under `data/` to its JSON value. */
  files: [string, unknown][];
  entryIds: number[];
  roundIds: number[];
}

export async function archiveData(db: Tx, contestId: number): Promise<ArchiveData> {
  const contest = await db.selectFrom('contests').selectAll().where('id', '=', contestId).executeTakeFirstOrThrow();
  const entries = await db
    .selectFrom('entries')
    .selectAll()
    .where('contest_id', '=', contestId)
    .orderBy('id')
    .execute();
  const entryIds = entries.map((e) => e.id);
  const rounds = await byContest(db, 'judging_rounds', contestId);
  const roundIds = rounds.map((r) => r.id as number);
  const roles = await db
    .selectFrom('contest_roles')
    .innerJoin('users', 'users.id', 'contest_roles.user_id')
    .select(['contest_roles.user_id', 'users.full_name', 'contest_roles.role', 'contest_roles.created_at'])
    .where('contest_roles.contest_id', '=', contestId)
    .orderBy('contest_roles.id')
    .execute();
  const estimates = await byContest(db, 'budget_estimates', contestId);
  const estimateIds = estimates.map((e) => e.id as number);
  const budgetChildren = async (table: string) =>
    estimateIds.length === 0
      ? []
      : (
          await (db as unknown as Kysely<Record<string, Row & { estimate_id: number; id: number }>>)
            .selectFrom(table)
            .selectAll()
            .where('estimate_id', 'in', estimateIds)
            .orderBy('id')
            .execute()
        ).map(plain);
  const uploads = entryIds.length
    ? await db
        .selectFrom('uploads')
        .select(['id', 'entry_id', 'filename', 'size_bytes', 'status', 'sha256', 'created_at', 'completed_at'])
        .where('entry_id', 'in', entryIds)
        .orderBy('created_at')
        .execute()
    : [];
  return {
    entryIds,
    roundIds,
    files: [
      ['contest.json', { ...plain(contest), phases: await byContest(db, 'contest_phases', contestId, 'starts_at') }],
      [
        'units.json',
        {
          categories: await byContest(db, 'unit_categories', contestId),
          units: await byContest(db, 'units', contestId),
        },
      ],
      ['people.json', { roster: await byContest(db, 'roster_members', contestId), roles }],
      [
        'entries.json',
        entries.map((e) => {
          const d = decodeDraft(e.draft_json);
          const { draft_json: _draft, ...rest } = e;
          return {
            ...plain(rest),
            draft: {
              ...d,
              authors: d.authors.map(({ fullName, position, unitName }) => ({ fullName, position, unitName })),
            },
            uploads: uploads.filter((u) => u.entry_id === e.id),
          };
        }),
      ],
      ['reviews.json', await byColumn(db, 'reviews', 'entry_id', entryIds)],
      ['publications.json', await byColumn(db, 'publications', 'entry_id', entryIds)],
      [
        'judging.json',
        {
          rounds,
          jurors: await byColumn(db, 'judging_round_jurors', 'round_id', roundIds),
          entries: await byColumn(db, 'judging_round_entries', 'round_id', roundIds),
          scores: await byColumn(db, 'judging_scores', 'round_id', roundIds),
          ties: await byColumn(db, 'judging_tie_decisions', 'round_id', roundIds),
          blindCodes: await byContest(db, 'judging_blind_codes', contestId, 'entry_id'),
        },
      ],
      [
        'awards.json',
        {
          allocations: await byContest(db, 'award_allocations', contestId),
          decisions: await byContest(db, 'award_decisions', contestId),
          winners: await byContest(db, 'award_winners', contestId, 'allocation_version'),
        },
      ],
      [
        'voting.json',
        {
          results: await byContest(db, 'voting_results', contestId, 'contest_id'),
          tieDecisions: await byContest(db, 'voting_tie_decisions', contestId, 'contest_id'),
          fanpage: await byContest(db, 'fanpage_counts', contestId, 'entry_id'),
          digests: await byContest(db, 'vote_digests', contestId, 'day'),
          head: await byContest(db, 'vote_log_heads', contestId, 'contest_id'),
        },
      ],
      ['certificates.json', await byContest(db, 'certificates', contestId)],
      [
        'budget.json',
        {
          estimates,
          lines: await budgetChildren('budget_lines'),
          reviews: await budgetChildren('budget_reviews'),
        },
      ],
    ],
  };
}
