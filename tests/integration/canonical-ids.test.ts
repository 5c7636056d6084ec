/**
 * Ids in paths and query strings have one form (docs/decisions/0027): `0x1`, `1e0`, ` 1`, `01`, `+1` and `1.0` are
 * refused with the app's validation error instead of resolving to entry 1; a path whose percent-encoding does not
 * decode gets the app's JSON error, not Fastify's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeDraft } from '../helpers/entries.ts';
import { loggedInClient, makeUser, startTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { saveEntryDraft } from '../../server/services/entries/save-entry-draft.ts';

let t: TestApp;
let owner: Client;
let id: number;

beforeAll(async () => {
  t = await startTestApp();
  const u = await makeUser(t, { role: 'entrant' });
  owner = await loggedInClient(t, u.email, u.password);
  id = (
    await saveEntryDraft(
      t.deps,
      { userId: u.id, isSiteAdmin: false, ip: null },
      t.demoSlug,
      completeDraft({ kind: 'person' }),
    )
  ).id;
});
afterAll(async () => {
  await t?.close();
});

describe('ids', () => {
  it('resolve in their canonical decimal form', async () => {
    const res = await owner.get(`/api/entries/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(id);
  });

  it('are refused in any other form, with a message naming the rule, in Vietnamese and English', async () => {
    const odd = [`0x${id.toString(16)}`, `${id}e0`, `%20${id}`, `0${id}`, `%2B${id}`, `${id}.0`, `${id}%20`];
    for (const form of odd) {
      const res = await owner.get(`/api/entries/${form}`);
      expect(res.statusCode, form).toBe(400);
      expect(res.json().error.code, form).toBe('validation');
      expect(res.json().error.details.issues[0]).toMatchObject({ in: 'params', path: 'entryId' });
      expect(res.json().error.details.issues[0].message).toContain('chữ số thập phân');
    }
    owner.lang = 'en';
    try {
      const en = await owner.get(`/api/entries/0x${id.toString(16)}`);
      expect(en.json().error.details.issues[0].message).toBe(
        'An id is written in decimal digits, with no leading zero, sign or space (for example 42).',
      );
    } finally {
      owner.lang = 'vi';
    }
    expect((await owner.get('/api/public/entries/1e0')).statusCode).toBe(400);
    expect((await owner.get(`/api/contests/${t.demoSlug}/audit?before=0x10`)).statusCode).toBe(400);
  });

  it('answer a path with broken percent-encoding with the app JSON error', async () => {
    const res = await owner.get('/api/entries/%E0%A4%A');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.json()).toEqual({
      error: {
        code: 'request.badUrl',
        message:
          'Địa chỉ (URL) có ký tự mã hóa phần trăm không hợp lệ (ví dụ "%ZZ" hoặc "%E0%A4"). ' +
          'Hãy kiểm tra lại liên kết.',
      },
    });
    owner.lang = 'en';
    try {
      expect((await owner.get('/api/public/entries/%ZZ')).json().error.message).toContain('invalid percent-encoding');
    } finally {
      owner.lang = 'vi';
    }
  });
});
