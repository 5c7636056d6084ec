import { sql, type Kysely } from 'kysely';
import { idColumnSql, types, type DialectName } from '../dialect.ts';

/**
 * The budget estimate (dự trù kinh phí, R18) and its appraisal by finance: one estimate per contest and revision,
 * its editable cost lines, and the review steps (submitted, approved, returned with comments, revised), append-only.
 * The certificates issued to the announced winners (numbered per contest and year, each with its verification code).
 * Each roster member's role in their body (Trưởng ban, Phó Trưởng ban, Thành viên, Thư ký) for the decisions that
 * establish the organizing committee and the jury; members already on a roster are members.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = types(dialect);
  await db.schema
    .alterTable('roster_members')
    .addColumn('role_in_body', 'text', (c) => c.notNull().defaultTo('member'))
    .execute();

  await db.schema
    .createTable('budget_estimates')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'submitted', 'approved', 'returned')`))
    // The prize section as submitted: what finance appraised, compared with the structure afterwards.
    .addColumn('prize_lines_json', 'text')
    .addColumn('updated_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('budget_estimates_revision', ['contest_id', 'revision'])
    .execute();

  await db.schema
    .createTable('budget_lines')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('estimate_id', t.ref, (c) => c.notNull().references('budget_estimates.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('quantity', t.bigint, (c) => c.notNull())
    .addColumn('unit_price_vnd', t.bigint, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addUniqueConstraint('budget_lines_position', ['estimate_id', 'position'])
    .execute();

  await db.schema
    .createTable('budget_reviews')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('estimate_id', t.ref, (c) => c.notNull().references('budget_estimates.id').onDelete('cascade'))
    .addColumn('step', 'text', (c) => c.notNull().check(sql`step in ('submit', 'approve', 'return', 'revise')`))
    .addColumn('text', 'text')
    .addColumn('total_vnd', t.bigint, (c) => c.notNull())
    .addColumn('actor_user_id', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('budget_reviews_estimate').on('budget_reviews').columns(['estimate_id', 'id']).execute();

  await db.schema
    .createTable('certificates')
    .addColumn('id', idColumnSql(dialect))
    .addColumn('contest_id', t.ref, (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    // Which key computed the code (a hash of it), so that the key can be rotated and old codes still verify.
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('allocation_version', 'integer', (c) => c.notNull())
    .addColumn('entry_id', t.ref, (c) => c.references('entries.id').onDelete('set null'))
    .addColumn('prize_index', 'integer', (c) => c.notNull())
    .addColumn('place', 'integer', (c) => c.notNull())
    // What is printed, as printed: the certificate is rendered again from these, never from the live entry.
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('recipient_kind', 'text', (c) => c.notNull().check(sql`recipient_kind in ('unit', 'group', 'person')`))
    .addColumn('members_json', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('entry_code', 'text', (c) => c.notNull())
    .addColumn('entry_title', 'text', (c) => c.notNull())
    .addColumn('prize_name', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('superior_body', 'text')
    .addColumn('place_name', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('valid', 'revoked', 'replaced')`))
    .addColumn('revoked_reason', 'text')
    .addColumn('revoked_at', t.timestamp)
    .addColumn('created_by', t.ref, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('certificates_number', ['contest_id', 'year', 'seq'])
    .execute();
  await db.schema
    .createIndex('certificates_winner')
    .on('certificates')
    .columns(['contest_id', 'prize_index', 'place'])
    .execute();
}
