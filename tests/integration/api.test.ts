import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectUnderTest } from '../helpers/test-db.ts';
import { Client, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('API description', () => {
  it('documents every endpoint in OpenAPI with its request and response schemas', async () => {
    const doc = (await new Client(t.app).get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const registered = t.app.apiRoutes.filter((r) => !r.hidden).map((r) => `${r.method} ${r.url}`);
    expect(documented.sort()).toEqual(registered.sort());
    const put = doc.paths['/api/contests/{slug}'].put;
    expect(put.requestBody.content['application/json'].schema.properties).toHaveProperty('entryRules');
    expect(put.responses).toHaveProperty('200');
  });

  it('reports health with the database in use', async () => {
    const res = await new Client(t.app).get('/api/health');
    expect(res.json()).toMatchObject({ status: 'ok', database: dialectUnderTest });
  });

  it("answers unknown API paths with a JSON error in the caller's language", async () => {
    const c = new Client(t.app);
    expect((await c.get('/api/khong-co')).json()).toEqual({ error: { code: 'notFound', message: 'Không tìm thấy.' } });
    c.lang = 'en';
    expect((await c.get('/api/nothing')).json().error.message).toBe('Not found.');
  });

  it('refuses malformed JSON with a clear error, not a crash', async () => {
    const c = new Client(t.app);
    await c.refresh();
    const res = await c.request('POST', '/api/auth/login', undefined, {
      raw: Buffer.from('{"identifier":'),
      contentType: 'application/json',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation');
  });
});
