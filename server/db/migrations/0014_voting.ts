import { sql, type Kysely } from 'kysely';
import { idColumnSql, types, type DialectName } from '../dialect.ts';

/**
 * Public voting on the platform (ADR 0021, 0026).
 *
 * - `contests.voting_json`: the contest's voting settings (core/voting/settings.ts); null means the defaults.
 * - `altcha_spent`: the signatures of solved proof-of-work challenges, so that each is accepted once; a row may go
 *   once its challenge has expired.
 * - `voters`: a verified identity in one contest, kept as a keyed hash (HMAC) and a masked display form; the raw
 *   number or address is never stored. `pseudonym` names the voter in the public log.
 * - `voter_sessions`: the voter's browser session (hash of the cookie's token), bound to its device cookie.
 * - `code_requests`: one-time codes sent, as a keyed hash bound to the request's random id and device; the source
 *   address and network for the send limits.
 * - `code_failures`: wrong codes per identity and device, for the growing lock-out.
 * - `votes`: the rule is held by the unique keys (`voteKeys`): a second vote in the same scope and day cannot be
 *   inserted, whatever the number of concurrent requests.
 * - `vote_log` and `vote_log_heads`: the hash-chained public log, append-only, and its head per contest.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema.alterTable('contests').addColumn('voting_json', 'text').execute();
  await db.schema
    .createTable('altcha_spent')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('altcha_spent_expires').on('altcha_spent').column('expires_at').execute();

  await db.schema
    .createTable('voters')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('identity_hash', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('phone', 'email')`))
    .addColumn('display', 'text', (c) => c.notNull())
    .addColumn('email_domain', 'text')
    .addColumn('pseudonym', 'text', (c) => c.notNull())
    .addColumn('verified_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('voters_identity', ['contest_id', 'identity_hash'])
    .addUniqueConstraint('voters_pseudonym', ['contest_id', 'pseudonym'])
    .execute();

  await db.schema
    .createTable('voter_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('voter_id', t.ref, (c) => c.notNull().references('voters.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('voter_sessions_voter').on('voter_sessions').column('voter_id').execute();

  await db.schema
    .createTable('code_requests')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('request_id', 'text', (c) => c.notNull().unique())
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('identity_hash', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('phone', 'email')`))
    .addColumn('display', 'text', (c) => c.notNull())
    .addColumn('email_domain', 'text')
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('network', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('used_at', t.timestamp)
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('superseded_at', t.timestamp)
    .execute();
  for (const col of ['identity_hash', 'ip', 'network', 'kind'] as const) {
    await db.schema
      .createIndex(`code_requests_${col}`)
      .on('code_requests')
      .columns(['contest_id', col, 'created_at'])
      .execute();
  }

  await db.schema
    .createTable('code_failures')
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('identity_hash', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('code_failures_pk', ['contest_id', 'identity_hash', 'device_id'])
    .execute();

  await db.schema
    .createTable('votes')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('voter_id', t.ref, (c) => c.notNull().references('voters.id').onDelete('cascade'))
    .addColumn('entry_id', t.ref, (c) => c.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('cast_at', t.timestamp, (c) => c.notNull())
    .addColumn('rule_key', 'text', (c) => c.notNull())
    .addColumn('entry_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('counted', 'quarantined', 'invalidated')`))
    .addColumn('reasons_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('ip', 'text')
    .addColumn('network', 'text')
    .addColumn('device_id', 'text')
    .addUniqueConstraint('votes_rule_key', ['contest_id', 'voter_id', 'rule_key'])
    .addUniqueConstraint('votes_entry_key', ['contest_id', 'voter_id', 'entry_key'])
    .addUniqueConstraint('votes_seq', ['contest_id', 'seq'])
    .execute();
  await db.schema.createIndex('votes_entry').on('votes').columns(['contest_id', 'entry_id', 'status']).execute();

  await db.schema
    .createTable('vote_log')
    .addColumn('contest_id', t.ref, (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('vote_log_pk', ['contest_id', 'seq'])
    .execute();
  await db.schema
    .createTable('vote_log_heads')
    .addColumn('contest_id', t.ref, (c) => c.primaryKey().references('contests.id').onDelete('cascade'))
    .addColumn('header_line', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  // The log is append-only, held by the database as the audit log is.
  if (dialect === 'sqlite') {
    await sql`create trigger vote_log_no_update before update on vote_log
      begin select raise(abort, 'vote_log is append-only'); end`.execute(db);
    await sql`create trigger vote_log_no_delete before delete on vote_log
      begin select raise(abort, 'vote_log is append-only'); end`.execute(db);
  } else {
    await sql`create function vote_log_append_only() returns trigger language plpgsql
      as $$ begin raise exception 'vote_log is append-only'; end $$`.execute(db);
    await sql`create trigger vote_log_no_change before update or delete on vote_log
      for each row execute function vote_log_append_only()`.execute(db);
  }
}
