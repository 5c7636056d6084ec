import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * The entry key's uniqueness only where there is an entry key (docs/decisions/0062). Under the daily rules a vote's
 * `entry_key` is null, and a null never conflicts, yet the table's unique constraint wrote an index entry for every
 * vote, by voter: when voters come back on a later day in no particular order, about 0.6 of a page of the
 * write-ahead log per vote. A partial unique index holds the same rule and has no entry for them.
 *
 * SQLite cannot drop a table's constraint, so the table is rebuilt, its rows (and their ids) copied, its ids going
 * on from where they were; no table, trigger or view refers to it. PostgreSQL drops the constraint.
 */
const PARTIAL = sql`create unique index votes_entry_key on votes (contest_id, voter_id, entry_key)
  where entry_key is not null`;

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`alter table votes drop constraint votes_entry_key`.execute(db);
    await PARTIAL.execute(db);
    return;
  }
  await rebuildSqliteVotes(db, false);
  await PARTIAL.execute(db);
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`drop index votes_entry_key`.execute(db);
    await sql`alter table votes add constraint votes_entry_key unique (contest_id, voter_id, entry_key)`.execute(db);
    return;
  }
  await sql`drop index votes_entry_key`.execute(db);
  await rebuildSqliteVotes(db, true);
}

/** The votes table as migration 0014 made it, with or without the entry key's constraint, holding the same rows. */
async function rebuildSqliteVotes(db: Kysely<any>, entryKeyConstraint: boolean): Promise<void> {
  await sql`create table "votes_next" (
    "id" integer primary key autoincrement,
    "contest_id" integer not null references "contests" ("id") on delete cascade,
    "seq" integer not null,
    "voter_id" integer not null references "voters" ("id") on delete cascade,
    "entry_id" integer not null references "entries" ("id") on delete cascade,
    "cast_at" text not null,
    "rule_key" text not null,
    "entry_key" text,
    "status" text not null check (status in ('counted', 'quarantined', 'invalidated')),
    "reasons_json" text default '[]' not null,
    "ip" text,
    "network" text,
    "device_id" text,
    constraint "votes_rule_key" unique ("contest_id", "voter_id", "rule_key"),
    constraint "votes_seq" unique ("contest_id", "seq")
    ${entryKeyConstraint ? sql`, constraint "votes_entry_key" unique ("contest_id", "voter_id", "entry_key")` : sql``}
  )`.execute(db);
  await sql`insert into votes_next select id, contest_id, seq, voter_id, entry_id, cast_at, rule_key, entry_key, status,
    reasons_json, ip, network, device_id from votes`.execute(db);
  // The ids go on from where they were, not from the highest one left (AUTOINCREMENT never gives an id twice).
  await sql`delete from sqlite_sequence where name = 'votes_next'`.execute(db);
  await sql`insert into sqlite_sequence (name, seq) select 'votes_next', seq from sqlite_sequence
    where name = 'votes'`.execute(db);
  await sql`drop table votes`.execute(db);
  await sql`alter table votes_next rename to votes`.execute(db);
  await sql`create index "votes_entry" on "votes" ("contest_id", "entry_id", "status")`.execute(db);
}
