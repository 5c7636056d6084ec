/**
 * The favicon, the home-screen icons and the web manifest (web/public, copied into the build by Vite) are served as
 * what they are; a file the build lacks is a 404, never the app's HTML page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../server/web-build.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let webDir: string;
const PUBLIC = path.join(REPO_ROOT, 'web', 'public');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(body: Buffer): { width: number; height: number } {
  expect(body.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web-icons-'));
  fs.copyFileSync(path.join(REPO_ROOT, 'web', 'index.html'), path.join(webDir, 'index.html'));
  for (const f of fs.readdirSync(PUBLIC)) fs.copyFileSync(path.join(PUBLIC, f), path.join(webDir, f));
  t = await startTestApp({ app: { webDir } });
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('icons', () => {
  it('serves /favicon.ico as an icon holding 16, 32 and 48 px images, not the app page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    const body = res.rawPayload;
    expect(body.subarray(0, 4).toString('hex')).toBe('00000100');
    const count = body.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => body.readUInt8(6 + 16 * i));
    expect(sizes).toEqual([16, 32, 48]);
    for (let i = 0; i < count; i++) {
      const length = body.readUInt32LE(6 + 16 * i + 8);
      const offset = body.readUInt32LE(6 + 16 * i + 12);
      expect(pngSize(body.subarray(offset, offset + length)).width).toBe(sizes[i]);
    }
    expect(body.toString('latin1')).not.toContain('<html');
  });

  it('serves the SVG icon and the manifest, whose every icon exists at its stated size', async () => {
    const svg = await t.app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const res = await t.app.inject({ method: 'GET', url: '/manifest.webmanifest' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = JSON.parse(res.body) as { name: string; icons: { src: string; sizes: string; type: string }[] };
    expect(manifest.name).toBe('Cuộc thi video');
    expect(manifest.icons.length).toBeGreaterThanOrEqual(3);
    for (const icon of manifest.icons) {
      const got = await t.app.inject({ method: 'GET', url: icon.src });
      expect(got.statusCode, icon.src).toBe(200);
      expect(got.headers['content-type']).toContain(icon.type);
      if (icon.type === 'image/png') {
        const { width, height } = pngSize(got.rawPayload);
        expect(`${width}x${height}`).toBe(icon.sizes);
      }
    }
    expect(pngSize((await t.app.inject({ method: 'GET', url: '/apple-touch-icon.png' })).rawPayload).width).toBe(180);
  });

  it('links the icons and the manifest from the page', () => {
    const html = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
    for (const href of ['/favicon.ico', '/favicon.svg', '/apple-touch-icon.png', '/manifest.webmanifest'])
      expect(html).toContain(`href="${href}"`);
  });

  it('answers a file the build lacks with a 404, and a client-side route still with the app page', async () => {
    fs.renameSync(path.join(webDir, 'favicon.ico'), path.join(webDir, 'favicon.ico.away'));
    try {
      for (const url of ['/favicon.ico', '/favicon.ico?v=2', '/robots.txt', '/assets/gone-abc.js', '/c/x/logo.PNG']) {
        const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });
        expect(res.statusCode, url).toBe(404);
        expect(res.headers['content-type'], url).toMatch(/^application\/json/);
        expect(res.json().error.code).toBe('notFound');
      }
    } finally {
      fs.renameSync(path.join(webDir, 'favicon.ico.away'), path.join(webDir, 'favicon.ico'));
    }
    for (const url of [`/c/${t.demoSlug}/gallery`, '/entries/12', '/login?next=%2Fc%2Fx%2Fsubmit']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.body).toContain('<div id="root">');
    }
  });
});
