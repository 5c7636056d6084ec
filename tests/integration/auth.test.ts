import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  loggedInClient,
  makeUser,
  registerOverApi,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../helpers/test-app.ts';
import { solvedChallenge } from '../helpers/voting.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import { loadConfig } from '../../server/config.ts';
import { createMailer } from '../../server/mail/mailer.ts';
import pino from 'pino';

let t: TestApp;

/** The reset mail is sent after the answer (so the answer does not reveal who has an account): wait for it. */
async function mailTo(email: string, after = 0): Promise<{ raw: string }> {
  for (let i = 0; i < 100; i++) {
    const found = smtp.received
      .slice(after)
      .filter((m) => m.to.includes(email))
      .at(-1);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no mail reached ${email}`);
}

/** The token in a reset mail, decoding quoted-printable as a mail client would. */
function tokenIn(raw: string): string {
  const text = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return decodeURIComponent(/reset-password\?token=([A-Za-z0-9_%-]+)/.exec(text)![1]!);
}
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  const config = loadConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Ban Tổ chức <btc@example.vn>' });
  t = await startTestApp({
    env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' },
    mailer: createMailer({ smtp: config.smtp, dataDir: '.', logger: pino({ level: 'silent' }) }),
  });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

/** The six-digit code in a mail that went through the SMTP sink. */
async function codeMailedTo(email: string, after = 0): Promise<string> {
  const text = (await mailTo(email, after)).raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return /: (\d{6})\b/.exec(text)![1]!;
}

describe('registration', () => {
  it('registers with an e-mail once the mailed code comes back, and logs in with any casing', async () => {
    const c = new Client(t.app);
    const before = smtp.received.length;
    const res = await c.post('/api/auth/register', {
      fullName: 'Nguyễn Thị Hoa',
      email: '  Hoa.Nguyen@Example.VN ',
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ ok: true });
    expect((await c.login('hoa.nguyen@example.vn', TEST_PASSWORD)).statusCode).toBe(401);
    const code = await codeMailedTo('hoa.nguyen@example.vn', before);
    const wrong = await c.post('/api/auth/register/confirm', {
      identifier: 'hoa.nguyen@example.vn',
      code: code === '000000' ? '000001' : '000000',
    });
    expect(wrong.json().error.code).toBe('account.codeInvalid');
    const done = await c.post('/api/auth/register/confirm', { identifier: 'HOA.Nguyen@example.vn', code });
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({
      email: 'hoa.nguyen@example.vn',
      fullName: 'Nguyễn Thị Hoa',
      isSiteAdmin: false,
    });
    expect((await c.post('/api/auth/register/confirm', { identifier: 'hoa.nguyen@example.vn', code })).statusCode).toBe(
      400,
    );
    expect((await c.login('HOA.NGUYEN@example.vn', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('registers with a phone only, the code sent by SMS, and logs in with the phone written another way', async () => {
    const c = new Client(t.app);
    const res = await registerOverApi(
      t,
      c,
      { fullName: 'Lê Văn Nam', phone: '+84 912 000 111', password: TEST_PASSWORD },
      '0912000111',
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().phone).toBe('0912000111');
    expect((await c.login('0912.000.111', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('throws a code away after five wrong tries', async () => {
    const c = new Client(t.app);
    const before = smtp.received.length;
    await c.post('/api/auth/register', { fullName: 'Đoán Mã', email: 'doan-ma@example.vn', password: TEST_PASSWORD });
    const code = await codeMailedTo('doan-ma@example.vn', before);
    const other = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++)
      await c.post('/api/auth/register/confirm', { identifier: 'doan-ma@example.vn', code: other });
    const late = await c.post('/api/auth/register/confirm', { identifier: 'doan-ma@example.vn', code });
    expect(late.json().error.code).toBe('account.codeInvalid');
  });

  it('answers a taken e-mail as a new one and tells the owner; bad phone, short password, no identifier', async () => {
    const c = new Client(t.app);
    const owner = await makeUser(t);
    const before = smtp.received.length;
    const body = { fullName: 'Trùng Lặp', password: TEST_PASSWORD };
    const dup = await c.post('/api/auth/register', { ...body, email: owner.email.toUpperCase() });
    const fresh = await c.post('/api/auth/register', { ...body, email: 'moi-tinh@example.vn' });
    expect(dup.statusCode).toBe(202);
    expect([dup.statusCode, dup.body]).toEqual([fresh.statusCode, fresh.body]);
    const notice = (await mailTo(owner.email, before)).raw;
    expect(notice).toContain('forgot-password');
    expect(notice).not.toMatch(/: \d{6}\b/);
    const guess = await c.post('/api/auth/register/confirm', { identifier: owner.email, code: '123456' });
    expect(guess.json().error.code).toBe('account.codeInvalid');
    expect(guess.json().error.message).toContain('Mã xác nhận không đúng');
    expect((await c.login(owner.email, owner.password)).statusCode).toBe(200);
    const phone = await c.post('/api/auth/register', { fullName: 'Số Sai', phone: '12345', password: TEST_PASSWORD });
    expect(phone.json().error.code).toBe('account.phoneInvalid');
    const weak = await c.post('/api/auth/register', {
      fullName: 'Mật Khẩu Ngắn',
      email: 'weak@example.vn',
      password: 'ngan',
    });
    expect(weak.json().error).toMatchObject({
      code: 'account.passwordWeak',
      message: 'Mật khẩu cần ít nhất 10 ký tự.',
    });
    const none = await c.post('/api/auth/register', { fullName: 'Không Liên Hệ', password: TEST_PASSWORD });
    expect(none.json().error.code).toBe('account.identifierRequired');
  });

  it('answers in English when the caller asks for English', async () => {
    const c = new Client(t.app);
    c.lang = 'en';
    const res = await c.post('/api/auth/register', { fullName: 'X', email: 'x@example.vn', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(
      'The data sent is not valid in one field: fullName. Fix each as its message says and send it again.',
    );
    expect(res.json().error.details.issues[0]).toMatchObject({ path: 'fullName' });
    expect(res.json().error.details.issues[0].message).toBe('Needs at least 2 characters.');
  });

  it('localizes field messages in Vietnamese', async () => {
    const c = new Client(t.app);
    const res = await c.post('/api/auth/register', { fullName: 'X', email: 'x@example.vn', password: TEST_PASSWORD });
    expect(res.json().error.details.issues[0].message).toBe('Cần ít nhất 2 ký tự.');
  });
});

describe('sessions', () => {
  it('sets an httpOnly SameSite session cookie and reports the user and roles', async () => {
    const u = await makeUser(t, { role: 'juror' });
    const c = new Client(t.app);
    const res = await c.login(u.email, u.password);
    const cookie = res.cookies.find((x) => x.name === 'sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const s = (await c.get('/api/auth/session')).json();
    expect(s.user.email).toBe(u.email);
    expect(s.memberships).toEqual([
      expect.objectContaining({ slug: t.demoSlug, role: 'juror', unitId: null, unitName: null }),
    ]);
    const unit = await t.deps.db
      .selectFrom('units')
      .select('id')
      .where('name', '=', 'Xã Vĩnh Tú')
      .executeTakeFirstOrThrow();
    const r = await makeUser(t, { role: 'unit_rep', unitId: Number(unit.id) });
    const rc = await loggedInClient(t, r.email, r.password);
    expect((await rc.get('/api/auth/session')).json().memberships).toEqual([
      expect.objectContaining({ role: 'unit_rep', unitId: Number(unit.id), unitName: 'Xã Vĩnh Tú' }),
    ]);
  });

  it('stores only a hash of the session token', async () => {
    const u = await makeUser(t);
    const res = await new Client(t.app).login(u.email, u.password);
    const token = res.cookies.find((x) => x.name === 'sid')!.value;
    const rows = await t.deps.db.selectFrom('sessions').select('id').execute();
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('ends the session on logout', async () => {
    const u = await makeUser(t);
    const c = await loggedInClient(t, u.email, u.password);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/session')).json().user).toBeNull();
    await c.refresh();
    expect((await c.patch('/api/account', { locale: 'en' })).json().error.code).toBe('auth.required');
  });

  it('expires sessions after their lifetime', async () => {
    const u = await makeUser(t);
    const c = await loggedInClient(t, u.email, u.password);
    t.setNow(new Date(Date.now() + 31 * 86400000));
    try {
      expect((await c.get('/api/auth/session')).json().user).toBeNull();
    } finally {
      t.setNow(new Date());
    }
  });

  it('gives the same answer for an unknown account and a wrong password', async () => {
    const u = await makeUser(t);
    const c = new Client(t.app);
    const unknown = await c.login('khong-ton-tai@example.vn', 'sai-mat-khau-123');
    const wrong = await c.login(u.email, 'sai-mat-khau-123');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('slows down repeated failures of one identifier from one address, then lets the right password in', async () => {
    const u = await makeUser(t);
    const c = new Client(t.app);
    c.remoteAddress = '10.1.0.1';
    const t0 = Date.now();
    t.setNow(new Date(t0));
    try {
      for (let i = 0; i < 3; i++)
        expect((await c.login(u.email, 'sai-mat-khau-123')).json().error.code).toBe('auth.invalidCredentials');
      const fourth = await c.login(u.email, u.password);
      expect(fourth.statusCode).toBe(429);
      expect(fourth.json().error).toMatchObject({ code: 'auth.slowDown' });
      expect(fourth.json().error.message).toContain('2 giây');
      t.setNow(new Date(t0 + 3000));
      // The identifier has now failed often enough that the log-in also carries a solved challenge.
      expect((await c.login(u.email, u.password)).statusCode).toBe(428);
      const altcha = await solvedChallenge(c);
      expect((await c.post('/api/auth/login', { identifier: u.email, password: u.password, altcha })).statusCode).toBe(
        200,
      );
    } finally {
      t.setNow(null);
    }
  });
});

describe('a stranger guessing from elsewhere', () => {
  it('does not keep the owner out from their own address, whatever the stranger does', async () => {
    const app = await startTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '5', LOGIN_MAX_FAILURES: '3' }, demo: false });
    try {
      const stranger = new Client(app.app);
      stranger.remoteAddress = '203.0.113.9';
      const codes: number[] = [];
      for (let i = 0; i < 8; i++) codes.push((await stranger.login(app.admin.email, 'doan-bua-123456')).statusCode);
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes.slice(3).every((code) => code === 429)).toBe(true);
      // The stranger's failures make the owner's device solve a challenge first; it does not keep them out.
      const owner = new Client(app.app);
      owner.remoteAddress = '198.51.100.7';
      expect((await owner.login(app.admin.email, app.admin.password)).json().error.code).toBe('auth.challengeRequired');
      const altcha = await solvedChallenge(owner);
      const r = await owner.post('/api/auth/login', {
        identifier: app.admin.email,
        password: app.admin.password,
        altcha,
      });
      expect(r.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('makes guesses at one identifier from many addresses each cost a solved challenge', async () => {
    const u = await makeUser(t);
    const from = (n: number) => {
      const c = new Client(t.app);
      c.remoteAddress = `100.64.7.${n}`;
      return c;
    };
    // One wrong password from each of three addresses (the test's LOGIN_MAX_FAILURES): no address owes a delay, but
    // the identifier has failed three times.
    for (let n = 1; n <= 3; n++) expect((await from(n).login(u.email, 'sai-mat-khau-123')).statusCode).toBe(401);
    const guesser = from(6);
    const bare = await guesser.login(u.email, 'sai-mat-khau-123');
    expect(bare.statusCode).toBe(428);
    expect(bare.json().error.message).toContain('kiểm tra');
    // A solved challenge buys one check of the password, and is spent by it.
    const altcha = await solvedChallenge(guesser);
    const paid = await guesser.post('/api/auth/login', { identifier: u.email, password: 'sai-mat-khau-123', altcha });
    expect(paid.json().error.code).toBe('auth.invalidCredentials');
    const replay = await guesser.post('/api/auth/login', { identifier: u.email, password: u.password, altcha });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('auth.challengeInvalid');
    const forged = await guesser.post('/api/auth/login', { identifier: u.email, password: u.password, altcha: 'eA==' });
    expect(forged.json().error.code).toBe('auth.challengeInvalid');
    // The owner, from their own address, pays once; after a right password the identifier needs no challenge.
    const owner = from(7);
    const ok = await owner.post('/api/auth/login', {
      identifier: u.email,
      password: u.password,
      altcha: await solvedChallenge(owner),
    });
    expect(ok.statusCode).toBe(200);
    expect((await from(8).login(u.email, u.password)).statusCode).toBe(200);
  });

  it('asks the same of an unknown identifier, so the challenge does not tell which accounts exist', async () => {
    const u = await makeUser(t);
    const run = async (identifier: string, net: number) => {
      const out: string[] = [];
      for (let n = 1; n <= 4; n++) {
        const c = new Client(t.app);
        c.remoteAddress = `100.65.${net}.${n}`;
        const r = await c.login(identifier, 'sai-mat-khau-123');
        out.push(`${r.statusCode} ${r.json().error.code}`);
      }
      return out;
    };
    const real = await run(u.email, 1);
    expect(real).toEqual(await run('khong-co-ai@example.vn', 2));
    expect(real.at(-1)).toBe('428 auth.challengeRequired');
  });

  it('answers a real and an unknown identifier alike, try after try', async () => {
    const u = await makeUser(t);
    const answers = async (identifier: string, from: string) => {
      const c = new Client(t.app);
      c.remoteAddress = from;
      const out: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await c.login(identifier, 'sai-mat-khau-123');
        out.push(`${r.statusCode} ${r.json().error.code}`);
      }
      return out;
    };
    const real = await answers(u.email, '192.0.2.10');
    const unknown = await answers('chua-tung-co@example.vn', '192.0.2.11');
    expect(real).toEqual(unknown);
    expect(real.at(-1)).toBe('429 auth.slowDown');
  });
});

describe('throttling under parallel guesses', () => {
  it('counts every wrong password even when they arrive all at once', async () => {
    const u = await makeUser(t);
    const tries = await Promise.all(
      Array.from({ length: 6 }, () => new Client(t.app).login(u.email, 'sai-mat-khau-123')),
    );
    // Each is refused as a wrong password or told to wait; never asked for a challenge by the luck of the race.
    expect(tries.map((r) => r.statusCode).filter((s) => s !== 401 && s !== 429)).toEqual([]);
    // Every password that was checked and wrong is counted: none lost to a concurrent update. (How many were checked
    // before the first count made the others wait depends on the machine's load.)
    const checked = tries.filter((r) => r.statusCode === 401).length;
    const counts = await t.deps.db.selectFrom('login_throttle').select(['key', 'failures']).execute();
    const pair = counts.find((r) => r.key.startsWith('id:') && r.key.includes(u.email.toLowerCase()));
    expect(pair?.failures).toBe(checked);
    const next = await new Client(t.app).login(u.email, u.password);
    expect(next.json().error.code).toBe('auth.slowDown');
    expect(next.json().error.message).toMatch(/chờ \d+ giây/);
  });
});

describe('CSRF', () => {
  it('cannot be skipped by percent-encoding the path', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/%61pi/auth/password-reset/request',
      payload: { email: 'ai@example.vn' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.csrf');
  });

  it('refuses a state-changing request without the token', async () => {
    const u = await makeUser(t);
    const c = await loggedInClient(t, u.email, u.password);
    const res = await c.request('PATCH', '/api/account', { locale: 'en' }, { headers: { 'x-csrf-token': 'forged' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.csrf');
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier: u.email, password: u.password },
    });
    expect(none.json().error.code).toBe('auth.csrf');
  });

  it('refuses a request from another origin even with a token', async () => {
    const u = await makeUser(t);
    const c = await loggedInClient(t, u.email, u.password);
    const res = await c.request(
      'PATCH',
      '/api/account',
      { locale: 'en' },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(res.json().error.code).toBe('auth.csrf');
  });

  it('does not accept the anonymous token once logged in', async () => {
    const u = await makeUser(t);
    const c = new Client(t.app);
    await c.refresh();
    const anon = c.csrf!;
    await c.login(u.email, u.password);
    expect(c.csrf).not.toBe(anon);
    const res = await c.request('PATCH', '/api/account', { locale: 'en' }, { headers: { 'x-csrf-token': anon } });
    expect(res.json().error.code).toBe('auth.csrf');
  });
});

describe('rate limits', () => {
  it('limits login attempts per address', async () => {
    const limited = await startTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '3' }, demo: false });
    try {
      const c = new Client(limited.app);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await c.login(`someone${i}@example.vn`, 'sai-mat-khau-123')).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const last = await c.login('x@example.vn', 'sai-mat-khau-123');
      expect(last.json().error.message).toMatch(/chờ \d+ giây/);
    } finally {
      await limited.close();
    }
  });
});

describe('password reset by e-mail', () => {
  it('sends a link over SMTP that sets a new password once and ends other sessions', async () => {
    const u = await makeUser(t);
    const other = await loggedInClient(t, u.email, u.password);
    const c = new Client(t.app);
    expect((await c.post('/api/auth/password-reset/request', { email: u.email.toUpperCase() })).statusCode).toBe(200);
    const mail = await mailTo(u.email);
    expect(mail!.raw).toMatch(/Subject: =\?UTF-8\?/i);
    const token = tokenIn(mail!.raw);
    expect(
      (await c.post('/api/auth/password-reset/confirm', { token, password: 'mat-khau-moi-2024' })).statusCode,
    ).toBe(200);
    expect(
      (await c.post('/api/auth/password-reset/confirm', { token, password: 'mat-khau-khac-2024' })).json().error.code,
    ).toBe('auth.resetInvalid');
    expect((await other.get('/api/auth/session')).json().user).toBeNull();
    expect((await c.login(u.email, 'mat-khau-moi-2024')).statusCode).toBe(200);
  });

  it('answers the same for an address with no account and sends nothing', async () => {
    const before = smtp.received.length;
    const res = await new Client(t.app).post('/api/auth/password-reset/request', { email: 'chua-dang-ky@example.vn' });
    expect(res.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.length).toBe(before);
  });

  it('refuses an expired link', async () => {
    const u = await makeUser(t);
    const c = new Client(t.app);
    await c.post('/api/auth/password-reset/request', { email: u.email });
    const token = tokenIn((await mailTo(u.email)).raw);
    t.setNow(new Date(Date.now() + 2 * 3600000));
    try {
      expect(
        (await c.post('/api/auth/password-reset/confirm', { token, password: 'mat-khau-moi-2024' })).json().error.code,
      ).toBe('auth.resetInvalid');
    } finally {
      t.setNow(new Date());
    }
  });
});

describe('account', () => {
  it('changes name and language, and a password change keeps this session but ends others', async () => {
    const u = await makeUser(t);
    const c = await loggedInClient(t, u.email, u.password);
    const other = await loggedInClient(t, u.email, u.password);
    const upd = await c.patch('/api/account', { fullName: 'Phạm Thu Hà', locale: 'en' });
    expect(upd.json()).toMatchObject({ fullName: 'Phạm Thu Hà', locale: 'en' });
    expect(
      (
        await c.post('/api/account/password', { currentPassword: 'sai-mat-khau-123', newPassword: 'mat-khau-moi-2025' })
      ).json().error.code,
    ).toBe('auth.wrongPassword');
    expect(
      (await c.post('/api/account/password', { currentPassword: u.password, newPassword: 'mat-khau-moi-2025' }))
        .statusCode,
    ).toBe(200);
    expect((await c.get('/api/auth/session')).json().user).not.toBeNull();
    expect((await other.get('/api/auth/session')).json().user).toBeNull();
  });
});
