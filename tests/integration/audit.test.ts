import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../server/services/audit/verify-audit-log.ts';
import { type Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

const run = promisify(execFile);
let t: TestApp;
let organizer: Client;
let base: string;

beforeAll(async () => {
  t = await startTestApp();
  base = `/api/contests/${t.demoSlug}`;
  const o = await makeUser(t, { role: 'organizer' });
  organizer = await loggedInClient(t, o.email, o.password);
});
afterAll(async () => t?.close());

async function cli(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/audit-verify-cli.ts'], {
      env: { ...process.env, DATABASE_URL: t.db.url, DATA_DIR: t.db.dataDir },
    });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stderr: string };
    return { code: err.code, out: err.stderr };
  }
}

describe('audit log', () => {
  it('records who, what, when, from where and the outcome of staff actions', async () => {
    await organizer.post(`${base}/roster`, { body: 'jury', fullName: 'Phan Văn Chấm', email: 'cham@example.vn' });
    const [last] = (await organizer.get(`${base}/audit`)).json();
    expect(last).toMatchObject({
      action: 'roster.add',
      outcome: 'ok',
      actorIp: '127.0.0.1',
      details: { body: 'jury', fullName: 'Phan Văn Chấm' },
    });
    expect(last.actorName).toMatch(/Người dùng/);
    expect(Date.now() - Date.parse(last.at)).toBeLessThan(60_000);
  });

  it('records refused attempts to change a contest', async () => {
    const juror = await makeUser(t, { role: 'juror' });
    const c = await loggedInClient(t, juror.email, juror.password);
    expect((await c.post(`${base}/units`, { name: 'Đơn vị lạ', categoryCode: 'organization' })).statusCode).toBe(403);
    const [last] = (await organizer.get(`${base}/audit`)).json();
    expect(last).toMatchObject({ action: 'units.edit', outcome: 'denied' });
  });

  it('does not record refusals of people with no role in the contest, who could flood the log', async () => {
    const before = (await organizer.get(`${base}/audit`)).json()[0].seq;
    const stranger = await makeUser(t);
    const c = await loggedInClient(t, stranger.email, stranger.password);
    for (let i = 0; i < 5; i++)
      expect((await c.post(`${base}/units`, { name: `Lạ ${i}`, categoryCode: 'organization' })).statusCode).toBe(403);
    expect((await organizer.get(`${base}/audit`)).json()[0].seq).toBe(before);
  });

  it('keeps a valid chain under concurrent staff actions', async () => {
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        organizer.post(`${base}/units`, { name: `Tổ dân phố số ${i + 1}`, categoryCode: 'organization' }),
      ),
    );
    const verdict = await verifyAuditLog(t.deps);
    expect(verdict.ok).toBe(true);
    const seqs = (await t.deps.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) =>
      Number(r.seq),
    );
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('cannot be edited or deleted through the database', async () => {
    await expect(sql`update audit_log set action = 'x' where seq = 1`.execute(t.deps.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log where seq = 1`.execute(t.deps.db)).rejects.toThrow(/append-only/);
  });

  it('the verify command passes an intact chain and names the first record that was tampered with', async () => {
    const ok = await cli();
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/nguyên vẹn: \d+ bản ghi/);
    // Someone with database access turns off the guard and rewrites history.
    if (t.deps.dialect === 'sqlite') {
      await sql`drop trigger audit_log_no_update`.execute(t.deps.db);
    } else {
      await sql`alter table audit_log disable trigger audit_log_no_change`.execute(t.deps.db);
    }
    const forged = JSON.stringify({ body: 'jury', fullName: 'Người khác' });
    await sql`update audit_log set details_json = ${forged} where action = 'roster.add'`.execute(t.deps.db);
    const seq = Number(
      (
        await t.deps.db
          .selectFrom('audit_log')
          .select('seq')
          .where('action', '=', 'roster.add')
          .executeTakeFirstOrThrow()
      ).seq,
    );
    const broken = await cli();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`#${seq}`);
    expect(await verifyAuditLog(t.deps)).toMatchObject({ ok: false, brokenAtSeq: seq, reason: 'hash' });
  });
});
