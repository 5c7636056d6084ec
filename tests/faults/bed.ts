/**
 * A fault bed: an in-process app on a fresh database (SQLite, or PostgreSQL with TEST_DATABASE_URL) for setting up
 * and for reading the database afterwards, and server processes on the same database and data directory, which the
 * faults hit and kill.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { completeDraft } from '../helpers/entries.ts';
import type { Session } from '../helpers/http-session.ts';
import { makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { freePort, logIn, ServerProcess } from './harness.ts';

export interface Bed {
  t: TestApp;
  servers: ServerProcess[];
  /** An entrant logged in over HTTP on the first server (sessions live in the database: any server takes it). */
  entrant: Session & { email: string };
  close(): Promise<void>;
}

/** Settings of the in-process app and of every server: cheap proofs of work, no limits in the way of load. */
export const FAULT_ENV = {
  ALTCHA_COMPLEXITY: '200',
  RATE_LIMIT_LOGIN_PER_MINUTE: '10000',
  RATE_LIMIT_RESET_PER_HOUR: '10000',
  MAX_DRAFTS_PER_ENTRANT: '10000',
};

/**
 * Server processes for the races: two on PostgreSQL. One on SQLite, the supported topology there (ADR 0039): two
 * processes writing one SQLite file answer 500 "database is locked" when their transactions collide, as F4 showed.
 */
export const RACE_SERVERS = process.env.TEST_DATABASE_URL ? 2 : 1;

export async function openBed(opts: { servers?: number; roles?: string } = {}): Promise<Bed> {
  const t = await startTestApp({ env: FAULT_ENV });
  const servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < (opts.servers ?? 1); i++) {
      const s = new ServerProcess(await freePort(), {
        ...FAULT_ENV,
        DATABASE_URL: t.db.url,
        DATA_DIR: t.db.dataDir,
        ROLES: opts.roles ?? 'web',
        DEMO: 'off',
      });
      servers.push(s);
      await s.start();
    }
    const user = await makeUser(t);
    const entrant = { ...(await logIn(servers[0]!.url, user.email, user.password)), email: user.email };
    return {
      t,
      servers,
      entrant,
      async close() {
        await Promise.all(servers.map((s) => s.stop()));
        await t.close();
      },
    };
  } catch (err) {
    await Promise.all(servers.map((s) => s.stop()));
    await t.close();
    throw err;
  }
}

/** A draft of the entrant's, created over HTTP; returns its id. */
export async function newDraftOverHttp(base: string, slug: string, s: Session, title = 'Bài dự thi'): Promise<number> {
  const res = await fetch(`${base}/api/contests/${slug}/entries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
    body: JSON.stringify(completeDraft({ kind: 'person' }, { title })),
  });
  if (res.status !== 201) throw new Error(`draft: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

export function sha256(b: Buffer): string {
  return crypto.createHash('sha256').update(b).digest('hex');
}

/** The bytes the server holds for an upload (DATA_DIR/uploads/<id>). */
export function storedUpload(t: TestApp, uploadUrl: string): Buffer {
  const id = new URL(uploadUrl).pathname.split('/').at(-1)!;
  return fs.readFileSync(path.join(t.db.dataDir, 'uploads', id));
}
