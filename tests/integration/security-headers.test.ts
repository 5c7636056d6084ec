/**
 * Security headers (docs/decisions/0027) on every kind of response: an HTML page of the web app, a built asset, an
 * API answer, a media file, an error; the embed page alone may be framed; HSTS only over https.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedEntry } from '../helpers/entries.ts';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let webDir: string;
let entryId: number;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-'));
  fs.writeFileSync(
    path.join(webDir, 'index.html'),
    '<!doctype html><html lang="vi"><head><title>Cuộc thi video</title>' +
      '<script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>',
  );
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'assets', 'app-abc123.js'), 'console.log("xin chào");');
  t = await startTestApp({ app: { webDir } });
  const owner = await makeUser(t, { role: 'entrant' });
  const publisher = await makeUser(t, { role: 'publisher' });
  entryId = await approvedEntry(t, owner);
  const c = await loggedInClient(t, publisher.email, publisher.password);
  const res = await c.post(`/api/contests/${t.demoSlug}/publication/publish`, { entryIds: [entryId] });
  if (res.statusCode !== 200) throw new Error(`publish: ${res.statusCode} ${res.body}`);
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

function csp(res: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(
    String(res.headers['content-security-policy'])
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values.join(' ')]),
  );
}

function expectHardened(res: LightMyRequestResponse, framing: 'none' | 'anyone' = 'none'): void {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('same-origin');
  const policy = csp(res);
  expect(policy['script-src']).toBe("'self'");
  expect(policy['object-src']).toBe("'none'");
  expect(policy['default-src']).toBe("'self'");
  if (framing === 'none') {
    expect(policy['frame-ancestors']).toBe("'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
  } else {
    expect(policy['frame-ancestors']).toBe('*');
    expect(res.headers['x-frame-options']).toBeUndefined();
  }
  expect(res.headers['strict-transport-security']).toBeUndefined();
}

describe('security headers', () => {
  it('are on an HTML page of the web app, a share page and a built asset', async () => {
    const anon = new Client(t.app);
    const page = await anon.get(`/c/${t.demoSlug}/gallery`);
    expect(page.headers['content-type']).toContain('text/html');
    expectHardened(page);
    const share = await anon.get(`/c/${t.demoSlug}/e/${entryId}`);
    expect(share.body).toContain('og:title');
    expectHardened(share);
    const asset = await anon.get('/assets/app-abc123.js');
    expect(asset.statusCode).toBe(200);
    expectHardened(asset);
  });

  it('are on API answers, errors included, and on media', async () => {
    const anon = new Client(t.app);
    expectHardened(await anon.get('/api/contests'));
    const missing = await anon.get('/api/khong-co');
    expect(missing.statusCode).toBe(404);
    expectHardened(missing);
    const poster = await anon.get(`/api/public/entries/${entryId}/media/poster.jpg`);
    expect(poster.statusCode).toBe(200);
    expect(poster.headers['content-type']).toBe('image/jpeg');
    expectHardened(poster);
    const playlist = await anon.get(`/api/public/entries/${entryId}/media/master.m3u8`);
    expect(playlist.statusCode).toBe(200);
    expectHardened(playlist);
  });

  it('let the embed page alone be framed by other sites', async () => {
    const embed = await new Client(t.app).get(`/embed/${entryId}`);
    expect(embed.headers['content-type']).toContain('text/html');
    expectHardened(embed, 'anyone');
  });

  it('ask for HTTPS only when PUBLIC_URL is https', async () => {
    const secure = await startTestApp({ env: { PUBLIC_URL: 'https://cuocthi.vinhlinh.quangtri.gov.vn' }, demo: false });
    try {
      const res = await secure.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['strict-transport-security']).toBe('max-age=15552000');
      expect(csp(res)['upgrade-insecure-requests']).toBe('');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await secure.close();
    }
  });
});
