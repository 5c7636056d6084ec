/**
 * Operations: the readiness probe and what makes it fail, and the Prometheus metrics behind their token.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { saveEntryDraft } from '../../server/services/entries/save-entry-draft.ts';
import { checkReadiness } from '../../server/services/system/check-readiness.ts';
import type { ErrorBody } from '../helpers/api-types.ts';
import { completeDraft } from '../helpers/entries.ts';
import { Client, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

const TOKEN = crypto.randomBytes(32).toString('hex');
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
});
afterAll(async () => {
  await t?.close();
});

async function ready() {
  const res = await new Client(t.app).get('/api/ready');
  return { status: res.statusCode, body: res.json<{ status: string; checks: { name: string; ok: boolean }[] }>() };
}

const failed = (body: { checks: { name: string; ok: boolean }[] }) =>
  body.checks.filter((c) => !c.ok).map((c) => c.name);

describe('GET /api/ready', () => {
  it('is ready when the database, migrations, storage, upload directory and queue all answer', async () => {
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.checks.map((c) => c.name).sort()).toEqual(['database', 'migrations', 'queue', 'storage', 'uploads']);
    expect(failed(body)).toEqual([]);
    // The probe's object does not stay in storage.
    const left: string[] = [];
    for await (const o of t.deps.storage.list('')) left.push(o.key);
    expect(left.filter((k) => k.startsWith('system/'))).toEqual([]);
  });

  it('answers 503 naming the migrations when one has not run', async () => {
    const row = await sql<{ name: string; timestamp: string }>`
      select name, timestamp from kysely_migration order by name desc limit 1`.execute(t.deps.db);
    const last = row.rows[0]!;
    await sql`delete from kysely_migration where name = ${last.name}`.execute(t.deps.db);
    try {
      const { status, body } = await ready();
      expect(status).toBe(503);
      expect(body.status).toBe('not_ready');
      expect(failed(body)).toEqual(['migrations']);
      const detail = (await checkReadiness(t.deps)).checks.find((c) => c.name === 'migrations')?.detail;
      expect(detail).toBe(`not yet run: ${last.name}`);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last.name}, ${last.timestamp})`.execute(
        t.deps.db,
      );
    }
    expect((await ready()).status).toBe(200);
  });

  it('answers 503 naming storage and the upload directory when they cannot be written', async () => {
    const media = t.deps.config.storage.kind === 'local' ? t.deps.config.storage.dir : null;
    expect(media).not.toBeNull();
    const uploads = t.deps.config.uploadDir;
    const aside = (p: string) => {
      if (fs.existsSync(p)) fs.renameSync(p, `${p}.aside`);
      // A file where the directory should be: neither can be written into, even by root.
      fs.writeFileSync(p, 'not a directory');
    };
    const restore = (p: string) => {
      fs.rmSync(p, { force: true });
      if (fs.existsSync(`${p}.aside`)) fs.renameSync(`${p}.aside`, p);
    };
    aside(media!);
    aside(uploads);
    try {
      const { status, body } = await ready();
      expect(status).toBe(503);
      expect(failed(body).sort()).toEqual(['storage', 'uploads']);
    } finally {
      restore(media!);
      restore(uploads);
    }
    expect((await ready()).status).toBe(200);
  });
});

describe('GET /metrics', () => {
  const scrape = (authorization?: string) =>
    t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

  it('refuses a request without the token, or with a wrong one, in the caller’s language', async () => {
    const none = await scrape();
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(none.json<ErrorBody>().error.code).toBe('metrics.token');
    expect(none.json<ErrorBody>().error.message).toContain('Authorization: Bearer <METRICS_TOKEN>');
    expect(none.body).not.toContain('vicontest_');

    const wrong = await scrape(`Bearer ${TOKEN.slice(0, -1)}${TOKEN.endsWith('0') ? '1' : '0'}`);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).not.toContain('vicontest_');
    const basic = await scrape(`Basic ${Buffer.from(`metrics:${TOKEN}`).toString('base64')}`);
    expect(basic.statusCode).toBe(401);
    const en = await t.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-lang': 'en' } });
    expect(en.json<ErrorBody>().error.message).toMatch(/^The metrics need this server's token/);
  });

  it('reports requests by route pattern, jobs by state and uploads in progress with the right token', async () => {
    // Requests to two different entries: one series for their route pattern, no raw URL anywhere.
    const c = new Client(t.app);
    await c.get(`/api/contests/${t.demoSlug}`);
    await c.get('/api/contests/khong-co-cuoc-thi-nay');
    await c.get('/api/khong-co-duong-dan-nay?email=ai@example.vn');

    // Two jobs waiting and one upload receiving bytes.
    await t.deps.jobs.send('check-upload', { uploadId: 'u-metrics-1' }, { singletonKey: 'u-metrics-1' });
    await t.deps.jobs.send('move-upload', { uploadId: 'u-metrics-1' }, { singletonKey: 'u-metrics-1' });
    const entrant = await makeUser(t);
    const { id: entryId } = await saveEntryDraft(
      t.deps,
      { userId: entrant.id, isSiteAdmin: false, ip: null },
      t.demoSlug,
      completeDraft({ kind: 'person' }),
    );
    const now = new Date().toISOString();
    await t.deps.db
      .insertInto('uploads')
      .values({
        id: crypto.randomBytes(24).toString('base64url'),
        entry_id: entryId,
        user_id: entrant.id,
        size_bytes: 1000,
        filename: 'dang-tai.mp4',
        status: 'uploading',
        sha256: null,
        verdict_json: null,
        created_at: now,
        completed_at: null,
        checked_at: null,
      })
      .execute();

    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    const line = (prefix: string) => text.split('\n').find((l) => l.startsWith(prefix));

    expect(line('vicontest_http_requests_total{method="GET",route="/api/contests/:slug",status_code="200"}')).toMatch(
      / 1$/,
    );
    expect(line('vicontest_http_requests_total{method="GET",route="/api/contests/:slug",status_code="404"}')).toMatch(
      / 1$/,
    );
    expect(line('vicontest_http_requests_total{method="GET",route="unmatched",status_code="404"}')).toMatch(/ 1$/);
    expect(
      line('vicontest_http_request_duration_seconds_count{method="GET",route="/api/contests/:slug",status_code="200"}'),
    ).toMatch(/ 1$/);
    expect(text).toContain('vicontest_http_request_duration_seconds_bucket{le="0.005",method="GET"');
    expect(text).not.toContain(t.demoSlug);
    expect(text).not.toContain('khong-co');
    expect(text).not.toContain('example.vn');

    expect(line('vicontest_jobs{name="check-upload",state="created"}')).toMatch(/ 1$/);
    expect(line('vicontest_jobs{name="move-upload",state="created"}')).toMatch(/ 1$/);
    expect(line('vicontest_jobs{name="make-renditions",state="created"}')).toMatch(/ 0$/);
    expect(line('vicontest_jobs{name="check-upload",state="failed"}')).toMatch(/ 0$/);
    expect(line('vicontest_uploads_in_progress ')).toBe('vicontest_uploads_in_progress 1');
    expect(line('vicontest_uploads_checking ')).toBe('vicontest_uploads_checking 0');
    expect(text).toContain('vicontest_process_resident_memory_bytes');
  });

  it('does not exist when the server has no token', async () => {
    const other = await startTestApp({ demo: false });
    try {
      const res = await other.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer x' } });
      expect(res.statusCode).toBe(404);
      expect(res.json<ErrorBody>().error.code).toBe('notFound');
      expect(res.body).not.toContain('vicontest_');
    } finally {
      await other.close();
    }
  });
});

describe('METRICS_TOKEN', () => {
  it('must be long enough, and a bad one is not echoed', async () => {
    let err: unknown;
    try {
      loadConfig({ METRICS_TOKEN: 'ngan-qua' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain('METRICS_TOKEN: 24 to 256 visible ASCII characters');
    expect((err as Error).message).not.toContain('ngan-qua');
  });
});
