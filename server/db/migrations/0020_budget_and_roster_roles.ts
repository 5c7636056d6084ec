import { sql, type Kysely } from 'kysely';
import { idColumnSql, types, type DialectName } from '../dialect.ts';

/**
 * The budget estimate (dự trù kinh phí, R18) and its appraisal by finance: one estimate per contest and revision,
 * its editable cost lines, and the review steps (submitted, approved, returned with comments, revised), append-only.
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
}
