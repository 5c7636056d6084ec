/**
 * No personal data in the logs: a whole journey (register, a failed and a good log-in, a draft with its author's
 * phone, address and e-mail, a tus upload checked by the worker, submission, a review that notifies the entrant by
 * e-mail and SMS, a password reset) runs with the production logger at debug level, and the captured log is searched
 * for every phone, address and e-mail of the journey, in each form they might take.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type Worker } from '../../server/jobs/worker.ts';
import { createLogger } from '../../server/logger.ts';
import { createMailer } from '../../server/mail/mailer.ts';
import type { EntryView } from '../helpers/api-types.ts';
import { completeDraft } from '../helpers/entries.ts';
import { logInOverHttp, type Session } from '../helpers/http-session.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { makeTestVideos } from '../helpers/videos.ts';

const tag = crypto.randomBytes(3).toString('hex');
const digits = String(crypto.randomInt(1e6, 1e7));
const PERSONAL = {
  entrantEmail: `tran.thi.mai.${tag}@example.vn`,
  entrantPhone: `0913${digits.slice(0, 6)}`,
  authorEmail: `le.van.hung.${tag}@example.vn`,
  authorPhone: `0988 ${digits.slice(0, 3)} ${digits.slice(3, 6)}`,
  authorAddress: `Số ${digits.slice(0, 2)} ngõ Hoa Sữa, thôn Tân Mỹ, xã Vĩnh Thái`,
};
const PASSWORD = 'mat-khau-rieng-tu-1';

/** Each value as it might appear: as typed, without spaces, in international form, JSON-escaped. */
function forms(value: string): string[] {
  const out = new Set([value, value.normalize('NFD'), JSON.stringify(value).slice(1, -1)]);
  const bare = value.replace(/\s+/g, '');
  if (/^0\d{9}$/.test(bare)) for (const f of [bare, `+84${bare.slice(1)}`, `84${bare.slice(1)}`]) out.add(f);
  // The distinctive part of an address, in case it is cut or reformatted.
  if (value.startsWith('Số ')) out.add('ngõ Hoa Sữa');
  // The local part of an e-mail, in case the domain is dropped.
  if (value.includes('@')) out.add(value.split('@')[0]!);
  return [...out];
}

let t: TestApp;
let base: string;
let worker: Worker;
const lines: string[] = [];
const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'contest-log-outbox-'));

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger('debug', sink);
  t = await startTestApp({
    logger,
    mailer: createMailer({ smtp: null, dataDir: outbox, logger }),
    app: { logger },
  });
  worker = await startWorker(t.deps, { pollMs: 100 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await t?.close();
  fs.rmSync(outbox, { recursive: true, force: true });
});

async function api<T = unknown>(s: Session | null, method: string, url: string, body?: unknown) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}

/** A request before logging in: the anonymous CSRF cookie and token. */
async function anonymous(): Promise<Session> {
  const res = await fetch(`${base}/api/auth/session`);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: (await res.json()).csrfToken };
}

/** The six-digit code in the newest mail written to the outbox for `to`. */
async function mailedCode(to: string): Promise<string> {
  const dir = path.join(outbox, 'outbox');
  for (let i = 0; i < 200; i++) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
    const texts = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).filter((x) => x.includes(to));
    const code = texts
      // The body only: the random tag in the address on the `To:` line can itself be six digits.
      .map((x) => /\b(\d{6})\b/.exec(x.split('\n\n').slice(1).join('\n'))?.[1])
      .filter(Boolean)
      .at(-1);
    if (code) return code;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no code was mailed');
}

describe('logs of a whole journey', () => {
  it('hold no phone, address or e-mail of the entrant or the author', async () => {
    const videos = await makeTestVideos();
    const anon = await anonymous();
    const reg = await api(anon, 'POST', '/api/auth/register', {
      fullName: 'Trần Thị Mai',
      email: PERSONAL.entrantEmail,
      phone: PERSONAL.entrantPhone,
      password: PASSWORD,
    });
    // Registration sends a code to the address first (issue 15): read it from the mail outbox, as an operator would.
    expect(reg.status).toBe(202);
    const confirm = await api(anon, 'POST', '/api/auth/register/confirm', {
      identifier: PERSONAL.entrantEmail,
      code: await mailedCode(PERSONAL.entrantEmail),
    });
    expect(confirm.status).toBe(201);
    const wrong = await api(await anonymous(), 'POST', '/api/auth/login', {
      identifier: PERSONAL.entrantPhone,
      password: 'sai-mat-khau',
    });
    expect(wrong.status).toBe(401);
    const me = await logInOverHttp(base, PERSONAL.entrantEmail, PASSWORD);

    const draft = completeDraft(
      { kind: 'person' },
      {
        title: 'Hành chính công gần dân',
        authors: [
          {
            ...completeDraft({ kind: 'person' }).authors[0]!,
            address: PERSONAL.authorAddress,
            phone: PERSONAL.authorPhone,
            email: PERSONAL.authorEmail,
          },
        ],
      },
    );
    const created = await api<{ id: number }>(me, 'POST', `/api/contests/${t.demoSlug}/entries`, draft);
    expect(created.status).toBe(201);
    const entryId = created.json.id;

    await new Promise<void>((resolve, reject) => {
      const up = new tus.Upload(fs.readFileSync(videos.valid720), {
        endpoint: `${base}/api/uploads`,
        chunkSize: 4 * 1024 * 1024,
        retryDelays: [],
        headers: { cookie: me.cookie, 'x-csrf-token': me.csrf },
        metadata: { entryId: String(entryId), filename: `${PERSONAL.authorPhone}.mp4` },
        onSuccess: () => resolve(),
        onError: reject,
      });
      up.start();
    });
    let view: EntryView | null = null;
    for (let i = 0; i < 300 && view?.upload?.status !== 'accepted'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = (await api<EntryView>(me, 'GET', `/api/entries/${entryId}`)).json;
      expect(view.upload?.status).not.toBe('refused');
    }
    expect(view?.upload?.status).toBe('accepted');
    expect((await api(me, 'POST', `/api/entries/${entryId}/submit`)).status).toBe(200);

    const admin = await logInOverHttp(base, t.admin.email, t.admin.password);
    const review = await api(admin, 'POST', `/api/entries/${entryId}/reviews`, {
      decision: 'return',
      reason: 'Cần bổ sung chức vụ tác giả',
      checklist: {},
      fixDeadline: new Date(Date.now() + 48 * 3600_000).toISOString(),
    });
    expect(review.status).toBe(201);
    const reset = await api(await anonymous(), 'POST', '/api/auth/password-reset/request', {
      email: PERSONAL.entrantEmail,
    });
    expect(reset.status).toBe(200);

    // The journey did reach the places that handle these values: the mail outbox and SMS outbox hold them.
    const mailed = fs
      .readdirSync(path.join(outbox, 'outbox'))
      .map((f) => fs.readFileSync(path.join(outbox, 'outbox', f), 'utf8'));
    expect(mailed.join('\n')).toContain(PERSONAL.entrantEmail);
    const texted = fs.readdirSync(path.join(t.deps.config.dataDir, 'sms-outbox'));
    expect(texted.length).toBeGreaterThan(0);

    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(20);
    expect(log).toContain('"msg":"request completed"');
    expect(log).toContain('"msg":"entrant notified"');
    for (const [what, value] of Object.entries(PERSONAL))
      for (const f of forms(value)) expect(log.includes(f), `${what} (${f}) in the log`).toBe(false);
  }, 120_000);

  it('redact personal keys at any depth, and the values a database error quotes', async () => {
    const before = lines.length;
    const email = `trung.lap.${tag}@example.vn`;
    const at = new Date().toISOString();
    const row = { full_name: 'Phạm Văn Bình', email, password_hash: 'x', created_at: at, updated_at: at };
    await t.deps.db.insertInto('users').values(row).execute();
    const err = await t.deps.db
      .insertInto('users')
      .values(row)
      .execute()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    t.deps.logger.error({ err }, 'could not add a user');
    t.deps.logger.info(
      {
        phone: PERSONAL.entrantPhone,
        draft: { authors: [{ phone: PERSONAL.authorPhone, address: PERSONAL.authorAddress, email }] },
        mail: { to: email },
      },
      'a careless log line',
    );
    const log = lines.slice(before).join('\n');
    expect(log).toContain('could not add a user');
    expect(log).toContain('[redacted]');
    for (const value of [email, PERSONAL.entrantPhone, PERSONAL.authorPhone, PERSONAL.authorAddress])
      for (const f of forms(value)) expect(log.includes(f), `${f} in the log`).toBe(false);
  });
});
