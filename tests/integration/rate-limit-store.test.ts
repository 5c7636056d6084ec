import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { createDeps } from '../../server/deps.ts';
import { buildApp } from '../../server/http/app.ts';
import { rateLimiterStore } from '../../server/http/plugins/rate-limit.ts';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { dialectUnderTest } from '../helpers/test-db.ts';

/**
 * Where rate limits are counted (docs/decisions/0039): on PostgreSQL in the shared `rate_limits` table, so a second
 * web process on the same database refuses what the first one counted; on SQLite in the process's memory.
 */
describe(`rate-limit store on ${dialectUnderTest}`, () => {
  let t: TestApp;
  let second: { app: Awaited<ReturnType<typeof buildApp>>; close(): Promise<void> };

  beforeAll(async () => {
    const env = { RATE_LIMIT_LOGIN_PER_MINUTE: '3', RATE_LIMIT_RESET_PER_HOUR: '10000' };
    t = await startTestApp({ env, demo: false });
    // A second web process: its own app, pool and limiters, on the same database.
    const config = loadConfig({ DATABASE_URL: t.db.url, DATA_DIR: t.db.dataDir, LOG_LEVEL: 'silent', ...env });
    const { deps, database } = await createDeps(config, pino({ level: 'silent' }));
    const app = await buildApp(deps);
    await app.ready();
    second = {
      app,
      async close() {
        await app.close();
        await deps.jobs.stop({ graceMs: 1000 });
        await database.close();
      },
    };
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('a login limit reached through one process holds through the other on PostgreSQL only', async () => {
    const a = new Client(t.app);
    a.remoteAddress = '203.0.113.7';
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await a.login(`khong-co-${i}@example.vn`, 'sai-mat-khau-123')).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);

    const b = new Client(second.app);
    b.remoteAddress = '203.0.113.7';
    b.lang = 'en';
    const through = await b.login('khong-co@example.vn', 'sai-mat-khau-123');
    if (dialectUnderTest === 'postgres') {
      expect(through.statusCode).toBe(429);
      expect(through.json().error.code).toBe('auth.rateLimited');
      expect(through.json().error.message).toMatch(/\d+ second/);
    } else {
      // SQLite: one process per installation; a second one counts on its own.
      expect(through.statusCode).toBe(401);
    }

    // Another address is counted apart, through either process.
    const other = new Client(second.app);
    other.remoteAddress = '203.0.113.8';
    expect((await other.login('khong-co@example.vn', 'sai-mat-khau-123')).statusCode).toBe(401);
  });

  it('the shared table holds hashed keys (no addresses), one per limiter and address', async () => {
    const rows = await t.deps.db.selectFrom('rate_limits').selectAll().execute();
    if (dialectUnderTest === 'postgres') {
      const login = rows.filter((r) => r.key.startsWith('login-ip:'));
      expect(login).toHaveLength(2);
      expect(login.map((r) => r.points).sort()).toEqual([1, 5]);
      for (const r of rows) {
        expect(r.key).not.toMatch(/203\.0\.113/);
        expect(r.expire).toBeGreaterThan(Date.now());
      }
    } else {
      expect(rows).toEqual([]);
    }
  });

  it('limiters with different names keep their counters apart', async () => {
    const one = rateLimiterStore(t.deps, 'test-one', 1, 60);
    const two = rateLimiterStore(t.deps, 'test-two', 1, 60);
    await one.consume('k');
    await expect(one.consume('k')).rejects.toMatchObject({ remainingPoints: 0 });
    await expect(two.consume('k')).resolves.toMatchObject({ remainingPoints: 0, consumedPoints: 1 });
  });

  it('concurrent requests are counted exactly (through two processes on PostgreSQL)', async () => {
    const limit = 7;
    const onA = rateLimiterStore(t.deps, 'burst', limit, 60);
    // On PostgreSQL a second limiter of the same name stands for another process; in memory it would not share.
    const onB = dialectUnderTest === 'postgres' ? rateLimiterStore(t.deps, 'burst', limit, 60) : onA;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? onA : onB).consume('same-key')),
    );
    const allowed = results.filter((r) => r.status === 'fulfilled').length;
    expect(allowed).toBe(limit);
  });
});
