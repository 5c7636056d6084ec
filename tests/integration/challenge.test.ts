import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { createChallenge as createAltchaChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { createChallenge, pruneSpentChallenges, verifyChallenge } from '../../server/security/altcha.ts';
import { solvePayload } from '../helpers/altcha.ts';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ demo: false, env: { ALTCHA_COMPLEXITY: '2000' } });
});
afterAll(async () => {
  await t?.close();
});

async function fetchChallenge(): Promise<Challenge> {
  const res = await new Client(t.app).get('/api/challenge');
  expect(res.statusCode).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  return res.json();
}

describe('GET /api/challenge and verifyChallenge', () => {
  it('hands out signed SHA-256 challenges that expire in 10 minutes', async () => {
    const before = Date.now();
    const c = await fetchChallenge();
    expect(c.parameters.algorithm).toBe('SHA-256');
    expect(c.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(c.parameters.keySignature).toMatch(/^[0-9a-f]{64}$/);
    const ttl = c.parameters.expiresAt! * 1000 - before;
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000 + 5000);
  });

  it('accepts a solution once and refuses its replay', async () => {
    const payload = await solvePayload(await fetchChallenge());
    expect(await verifyChallenge(t.deps, payload)).toEqual({ ok: true });
    expect(await verifyChallenge(t.deps, payload)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('lets exactly one of many concurrent replays through', async () => {
    const payload = await solvePayload(await fetchChallenge());
    const verdicts = await Promise.all(Array.from({ length: 16 }, () => verifyChallenge(t.deps, payload)));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(1);
    expect(verdicts.filter((v) => !v.ok && v.reason === 'replayed')).toHaveLength(15);
  });

  it('refuses a missing, malformed, tampered or wrongly solved payload', async () => {
    expect(await verifyChallenge(t.deps, undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(await verifyChallenge(t.deps, 'not base64 json')).toEqual({ ok: false, reason: 'malformed' });
    const widgetTestMode = Buffer.from(JSON.stringify({ challenge: null, solution: null, test: true }));
    expect(await verifyChallenge(t.deps, widgetTestMode.toString('base64'))).toEqual({
      ok: false,
      reason: 'malformed',
    });

    const c = await fetchChallenge();
    const solved = JSON.parse(Buffer.from(await solvePayload(c), 'base64').toString());
    const tampered = structuredClone(solved);
    tampered.challenge.parameters.expiresAt += 3600;
    expect(await verifyChallenge(t.deps, Buffer.from(JSON.stringify(tampered)).toString('base64'))).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const wrong = structuredClone(solved);
    wrong.solution.derivedKey = '00'.repeat(32);
    expect(await verifyChallenge(t.deps, Buffer.from(JSON.stringify(wrong)).toString('base64'))).toEqual({
      ok: false,
      reason: 'invalid',
    });
    // A challenge signed with another key is refused.
    const otherKey = { ...t.deps, keys: { ...t.deps.keys, altcha: 'another-key-of-at-least-32-characters!!' } };
    const foreign = await solvePayload(await createChallenge(otherKey));
    expect(await verifyChallenge(t.deps, foreign)).toEqual({ ok: false, reason: 'invalid' });
    // The genuine one still works: the failed attempts did not spend it.
    expect(await verifyChallenge(t.deps, Buffer.from(JSON.stringify(solved)).toString('base64'))).toEqual({
      ok: true,
    });
  });

  it('checks the signature over altcha-lib’s canonical form, nested data included, in any key order', async () => {
    // Signed by the library itself, its data nested in the parameters, sent back in another key order: the check writes
    // the same canonical form.
    const c = await createAltchaChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      deriveKey,
      counter: 50,
      expiresAt: Math.floor(Date.now() / 1000) + 600,
      data: { zone: 'Asia/Ho_Chi_Minh', round: 2, commune: 'Vĩnh Linh', open: true },
      hmacSignatureSecret: t.deps.keys.altcha,
      hmacKeySignatureSecret: crypto
        .createHmac('sha256', t.deps.keys.altcha)
        .update('altcha:derived-key')
        .digest('hex'),
    });
    const solved = JSON.parse(Buffer.from(await solvePayload(c), 'base64').toString());
    const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
    solved.challenge.parameters = reversed(solved.challenge.parameters);
    solved.challenge.parameters.data = reversed(solved.challenge.parameters.data);
    const changed = structuredClone(solved);
    changed.challenge.parameters.data.round = 3;
    const encode = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64');
    expect(await verifyChallenge(t.deps, encode(changed))).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyChallenge(t.deps, encode(solved))).toEqual({ ok: true });
  });

  it('refuses an expired challenge and prunes spent ones once expired', async () => {
    const spentPayload = await solvePayload(await fetchChallenge());
    expect((await verifyChallenge(t.deps, spentPayload)).ok).toBe(true);
    const late = await solvePayload(await fetchChallenge());
    t.setNow(new Date(Date.now() + 10 * 60_000 + 1000));
    try {
      expect(await verifyChallenge(t.deps, late)).toEqual({ ok: false, reason: 'expired' });
      expect(await pruneSpentChallenges(t.deps)).toBeGreaterThanOrEqual(1);
      const left = await t.deps.db.selectFrom('altcha_spent').select('signature').execute();
      expect(left).toHaveLength(0);
    } finally {
      t.setNow(null);
    }
  });
});

describe('loadSecretKeys', () => {
  it('generates each missing key once into DATA_DIR/secrets and prefers the environment', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const pino = (await import('pino')).default;
    const { loadConfig } = await import('../../server/config.ts');
    const { loadSecretKeys } = await import('../../server/security/secret-keys.ts');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-'));
    try {
      const logger = pino({ level: 'silent' });
      const first = loadSecretKeys(loadConfig({ DATA_DIR: dir }), logger);
      const again = loadSecretKeys(loadConfig({ DATA_DIR: dir }), logger);
      expect(again).toEqual(first);
      expect(new Set([first.altcha, first.voterHash, first.voteLog]).size).toBe(3);
      expect(fs.statSync(path.join(dir, 'secrets', 'voter-hash.key')).mode & 0o777).toBe(0o600);
      const fromEnv = 'k'.repeat(40);
      expect(loadSecretKeys(loadConfig({ DATA_DIR: dir, VOTER_HASH_KEY: fromEnv }), logger).voterHash).toBe(fromEnv);
      expect(() => loadConfig({ DATA_DIR: dir, ALTCHA_HMAC_KEY: 'short' })).toThrow(/ALTCHA_HMAC_KEY.*got "…"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
