import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import {
  Client,
  codeSentTo,
  loggedInClient,
  makeUser,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from '../helpers/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
});
afterAll(async () => {
  await t?.close();
});

/** The token of the latest reset link mailed to `email`. */
async function resetToken(email: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mail = t.sentMail.filter((m) => m.to === email && m.text.includes('reset-password?token=')).at(-1);
    if (mail) return decodeURIComponent(/reset-password\?token=([A-Za-z0-9_%-]+)/.exec(mail.text)![1]!);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no reset link');
}

async function twoResetLinks(email: string): Promise<[string, string]> {
  const anon = new Client(t.app);
  await anon.post('/api/auth/password-reset/request', { email });
  const first = await resetToken(email);
  await anon.post('/api/auth/password-reset/request', { email });
  let second = await resetToken(email);
  for (let i = 0; second === first && i < 100; i++) {
    await new Promise((r) => setTimeout(r, 20));
    second = await resetToken(email);
  }
  return [first, second];
}

describe('the first administrator', () => {
  it('takes its e-mail from ADMIN_EMAIL', async () => {
    const app = await startTestApp({ env: { ADMIN_EMAIL: ' It@So-VHTTDL.gov.vn ' }, demo: false });
    try {
      expect(app.admin.email).toBe('it@so-vhttdl.gov.vn');
      const c = await loggedInClient(app, 'it@so-vhttdl.gov.vn', app.admin.password);
      expect((await c.get('/api/auth/session')).json().user).toMatchObject({ isSiteAdmin: true });
    } finally {
      await app.close();
    }
  });

  it('refuses an ADMIN_EMAIL that is not an address, naming the variable', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'admin' })).toThrow(ConfigError);
    expect(() => loadConfig({ ADMIN_EMAIL: 'admin' })).toThrow(/ADMIN_EMAIL/);
  });

  it('renames admin@localhost with a code sent to the new address; audited without the address', async () => {
    expect(t.admin.email).toBe('admin@localhost');
    const c = await loggedInClient(t, t.admin.email, t.admin.password);
    const asked = await c.post('/api/account/contact', {
      kind: 'email',
      value: 'QuanTri@So-VHTTDL.gov.vn',
      currentPassword: t.admin.password,
    });
    expect(asked.statusCode).toBe(202);
    const code = await codeSentTo(t, 'quantri@so-vhttdl.gov.vn');
    const done = await c.post('/api/account/contact/confirm', { kind: 'email', code });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ email: 'quantri@so-vhttdl.gov.vn', isSiteAdmin: true });
    expect((await c.post('/api/account/contact/confirm', { kind: 'email', code })).json().error.code).toBe(
      'account.codeInvalid',
    );
    await loggedInClient(t, 'quantri@so-vhttdl.gov.vn', t.admin.password);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details_json'])
      .where('action', '=', 'account.emailChanged')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('quantri');
  });
});

describe('changing e-mail and phone', () => {
  it('changes the phone with a code sent by SMS to the new number', async () => {
    const u = await makeUser(t);
    const c = await loggedInClient(t, u.email, u.password);
    expect(
      (await c.post('/api/account/contact', { kind: 'phone', value: '+84 913 555 666', currentPassword: u.password }))
        .statusCode,
    ).toBe(202);
    const code = await codeSentTo(t, '0913555666');
    const wrong = await c.post('/api/account/contact/confirm', {
      kind: 'phone',
      code: code === '000000' ? '000001' : '000000',
    });
    expect(wrong.json().error.code).toBe('account.codeInvalid');
    const done = await c.post('/api/account/contact/confirm', { kind: 'phone', code });
    expect(done.json()).toMatchObject({ phone: '0913555666', email: u.email });
    await loggedInClient(t, '0913.555.666', u.password);
  });

  it("answers a taken address as a free one and sends it nothing; another user's code is no use", async () => {
    const owner = await makeUser(t);
    const u = await makeUser(t);
    const c = await loggedInClient(t, u.email, u.password);
    const before = t.sentMail.length;
    const taken = await c.post('/api/account/contact', {
      kind: 'email',
      value: owner.email,
      currentPassword: u.password,
    });
    const free = await c.post('/api/account/contact', {
      kind: 'email',
      value: `tu-do-${Date.now()}@example.vn`,
      currentPassword: u.password,
    });
    expect([taken.statusCode, taken.body]).toEqual([free.statusCode, free.body]);
    await new Promise((r) => setTimeout(r, 100));
    expect(t.sentMail.slice(before).filter((m) => m.to === owner.email)).toEqual([]);
    // The code belongs to u: the owner, logged in, cannot use it for their own account.
    const freeCode = t.sentMail
      .slice(before)
      .at(-1)!
      .text.match(/: (\d{6})\b/)![1]!;
    const ownerClient = await loggedInClient(t, owner.email, owner.password);
    expect((await ownerClient.post('/api/account/contact/confirm', { kind: 'email', code: freeCode })).statusCode).toBe(
      400,
    );
  });

  it('refuses a bad phone, a wrong current password and an anonymous caller', async () => {
    const u = await makeUser(t);
    const c = await loggedInClient(t, u.email, u.password);
    const bad = await c.post('/api/account/contact', { kind: 'phone', value: '12345', currentPassword: u.password });
    expect(bad.json().error.code).toBe('account.phoneInvalid');
    const wrong = await c.post('/api/account/contact', {
      kind: 'email',
      value: 'khac@example.vn',
      currentPassword: 'sai-mat-khau-123',
    });
    expect(wrong.json().error).toMatchObject({ code: 'auth.wrongPassword', message: 'Mật khẩu hiện tại không đúng.' });
    const anon = new Client(t.app);
    expect(
      (await anon.post('/api/account/contact', { kind: 'email', value: 'a@example.vn', currentPassword: 'x' })).json()
        .error.code,
    ).toBe('auth.required');
  });
});

describe('password reset links and changes', () => {
  it('cancels the other outstanding reset links once one is used', async () => {
    const u = await makeUser(t);
    const [first, second] = await twoResetLinks(u.email);
    const anon = new Client(t.app);
    expect(
      (await anon.post('/api/auth/password-reset/confirm', { token: second, password: 'mat-khau-moi-2026' }))
        .statusCode,
    ).toBe(200);
    const stale = await anon.post('/api/auth/password-reset/confirm', { token: first, password: 'mat-khau-ke-gian-1' });
    expect(stale.json().error.code).toBe('auth.resetInvalid');
    await loggedInClient(t, u.email, 'mat-khau-moi-2026');
  });

  it('cancels outstanding reset links when the password is changed', async () => {
    const u = await makeUser(t);
    const [first, second] = await twoResetLinks(u.email);
    const c = await loggedInClient(t, u.email, u.password);
    expect(
      (await c.post('/api/account/password', { currentPassword: u.password, newPassword: 'mat-khau-doi-2026' }))
        .statusCode,
    ).toBe(200);
    const anon = new Client(t.app);
    for (const token of [first, second])
      expect(
        (await anon.post('/api/auth/password-reset/confirm', { token, password: 'mat-khau-ke-gian-1' })).json().error
          .code,
      ).toBe('auth.resetInvalid');
  });

  it('slows down wrong guesses of the current password, as on log-in, even for the right one', async () => {
    const u = await makeUser(t);
    const c = await loggedInClient(t, u.email, u.password);
    const t0 = Date.now();
    t.setNow(new Date(t0));
    try {
      const change = (currentPassword: string) =>
        c.post('/api/account/password', { currentPassword, newPassword: 'mat-khau-doi-2027' });
      for (let i = 0; i < t.deps.config.loginMaxFailures; i++)
        expect((await change('sai-mat-khau-123')).json().error.code).toBe('auth.wrongPassword');
      const slowed = await change(TEST_PASSWORD);
      expect(slowed.statusCode).toBe(429);
      expect(slowed.json().error.code).toBe('auth.slowDown');
      t.setNow(new Date(t0 + 3000));
      expect((await change(TEST_PASSWORD)).statusCode).toBe(200);
    } finally {
      t.setNow(null);
    }
  });
});
