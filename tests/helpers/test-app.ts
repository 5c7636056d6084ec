import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino, { type Logger } from 'pino';
import { loadConfig } from '../../server/config.ts';
import { createDeps } from '../../server/deps.ts';
import { buildApp, type AppOptions } from '../../server/http/app.ts';
import type { Mailer, Mail } from '../../server/mail/mailer.ts';
import type { Deps } from '../../server/context.ts';
import type { Database } from '../../server/db/dialect.ts';
import { ensureFirstAdmin } from '../../server/services/accounts/ensure-first-admin.ts';
import { loadDemoContest } from '../../server/services/contests/load-demo-contest.ts';
import { registerAccount } from '../../server/services/accounts/register-account.ts';
import { grantContestRole } from '../../server/services/units/grant-contest-role.ts';
import type { ContestRole } from '@core/roles.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  db: TestDatabase;
  /** The app's database connection (`close` closes it). */
  database: Database;
  admin: { email: string; password: string; userId: number };
  demoSlug: string;
  sentMail: Mail[];
  /** Fixes the clock the services see at `d`; null lets it run again. */
  setNow(d: Date | null): void;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'mat-khau-thu-nghiem-1';

/** A full app on a fresh database with the demo contest loaded and the first admin created. */
export async function startTestApp(
  opts: {
    env?: Record<string, string>;
    mailer?: Mailer;
    app?: AppOptions;
    demo?: boolean;
    /** The logger of the services and jobs (silent by default); the app's is `app.logger`. */
    logger?: Logger;
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: db.url,
    DATA_DIR: db.dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_LOGIN_PER_MINUTE: '10000',
    RATE_LIMIT_RESET_PER_HOUR: '10000',
    ...opts.env,
  });
  const sentMail: Mail[] = [];
  let now: Date | null = null;
  const mailer: Mailer = opts.mailer ?? { send: async (m) => void sentMail.push(m) };
  const { deps, database } = await createDeps(config, opts.logger ?? pino({ level: 'silent' }), {
    mailer,
    clock: () => now ?? new Date(),
  });
  const admin = await ensureFirstAdmin(deps);
  if (!admin.created) throw new Error('expected a fresh database');
  let demoSlug = '';
  if (opts.demo ?? true)
    demoSlug = (await loadDemoContest(deps, { userId: admin.userId, isSiteAdmin: true, ip: null }))!.slug;
  const app = await buildApp(deps, opts.app);
  await app.ready();
  return {
    app,
    deps,
    db,
    database,
    demoSlug,
    sentMail,
    admin: { email: admin.email, password: admin.password, userId: admin.userId },
    setNow: (d) => {
      now = d;
    },
    async close() {
      await app.close();
      await deps.jobs.stop({ graceMs: 5000 });
      await database.close();
      await db.drop();
    },
  };
}

let userCounter = 0;

/** Registers a user directly through the service and, if asked, gives them a role in a contest. */
export async function makeUser(
  t: TestApp,
  opts: { role?: ContestRole; slug?: string; unitId?: number; fullName?: string } = {},
) {
  const n = ++userCounter;
  const email = `user${n}-${Math.random().toString(36).slice(2, 7)}@example.vn`;
  const user = await registerAccount(t.deps, {
    fullName: opts.fullName ?? `Người dùng ${n}`,
    email,
    password: TEST_PASSWORD,
    locale: 'vi',
  });
  if (opts.role) {
    await grantContestRole(t.deps, { userId: t.admin.userId, isSiteAdmin: true, ip: null }, opts.slug ?? t.demoSlug, {
      identifier: email,
      role: opts.role,
      unitId: opts.unitId,
    });
  }
  return { ...user, email: email, password: TEST_PASSWORD };
}

/** An HTTP client over `inject` that keeps cookies and sends the CSRF token, as the web app does. */
export class Client {
  private cookies = new Map<string, string>();
  csrf: string | null = null;
  lang: 'vi' | 'en' = 'vi';
  /** The caller's network address as the server sees it. */
  remoteAddress = '127.0.0.1';
  constructor(private readonly app: FastifyInstance) {}

  /** The value of a cookie the client holds. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Holds a cookie as if the server had set it (another tab or person on the same browser). */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private absorb(res: LightMyRequestResponse): void {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async request(
    method: string,
    url: string,
    body?: unknown,
    extra: { headers?: Record<string, string>; raw?: Buffer; contentType?: string } = {},
  ): Promise<LightMyRequestResponse> {
    if (method !== 'GET' && this.csrf === null) await this.refresh();
    const headers: Record<string, string> = { 'accept-language': this.lang, ...extra.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrf && !('x-csrf-token' in headers)) headers['x-csrf-token'] = this.csrf;
    if (extra.raw) headers['content-type'] = extra.contentType ?? 'application/octet-stream';
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers,
      remoteAddress: this.remoteAddress,
      payload: extra.raw ?? (body as object | undefined),
    });
    this.absorb(res);
    return res;
  }

  async refresh(): Promise<void> {
    const res = await this.request('GET', '/api/auth/session');
    this.csrf = res.json().csrfToken;
  }

  async login(identifier: string, password: string): Promise<LightMyRequestResponse> {
    const res = await this.request('POST', '/api/auth/login', { identifier, password });
    if (res.statusCode === 200) this.csrf = res.json().csrfToken;
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body ?? {});
  }
  put(url: string, body?: unknown) {
    return this.request('PUT', url, body ?? {});
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body ?? {});
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}

/**
 * The last six-digit code sent to an e-mail (through the default mailer of startTestApp) or a phone (the SMS outbox).
 * Codes are sent after the answer, so this waits a little for them.
 */
export async function codeSentTo(t: TestApp, target: string): Promise<string> {
  const outbox = path.join(t.deps.config.dataDir, 'sms-outbox');
  for (let i = 0; i < 100; i++) {
    const texts = target.includes('@')
      ? t.sentMail.filter((m) => m.to === target).map((m) => m.text)
      : await fs
          .readdir(outbox)
          .catch(() => [] as string[])
          .then((files) => Promise.all(files.sort().map((f) => fs.readFile(path.join(outbox, f), 'utf8'))))
          .then((all) => all.filter((x) => x.startsWith(`To: ${target}\n`)));
    const code = texts
      .map((x) => /: (\d{6})\b/.exec(x)?.[1])
      .filter(Boolean)
      .at(-1);
    if (code) return code;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no code was sent');
}

/** Registers through the API as the web app does: the form, then the code sent to the address. */
export async function registerOverApi(
  t: TestApp,
  c: Client,
  body: { fullName: string; email?: string; phone?: string; password: string; locale?: 'vi' | 'en'; consent?: true },
  target: string,
): Promise<LightMyRequestResponse> {
  const begun = await c.post('/api/auth/register', body);
  if (begun.statusCode !== 202) throw new Error(`register: ${begun.statusCode} ${begun.body}`);
  return c.post('/api/auth/register/confirm', { identifier: target, code: await codeSentTo(t, target) });
}

export async function loggedInClient(t: TestApp, identifier: string, password: string): Promise<Client> {
  const c = new Client(t.app);
  const res = await c.login(identifier, password);
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return c;
}
