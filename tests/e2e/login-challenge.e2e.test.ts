/**
 * Log-in after a stranger has guessed at the account from many addresses: the owner's browser solves the
 * proof-of-work challenge by itself, says what the wait is for, and logs in.
 */
import { describe, expect, it } from 'vitest';
import { makeUser } from '../helpers/test-app.ts';
import { logIn } from '../../server/services/accounts/log-in.ts';
import { expectAccessible } from './axe.ts';
import { e2eApp, logInAs } from './browser.ts';

const app = e2eApp();

describe('log-in under distributed guessing', () => {
  it('the owner logs in on a phone; the page solves the challenge the server asks for', async () => {
    const me = await makeUser(app.t, { fullName: 'Trần Văn Chủ' });
    for (let n = 1; n <= app.t.deps.config.loginMaxFailures; n++)
      await expect(
        logIn(app.t.deps, { identifier: me.email, password: 'doan-bua-123456', ip: `100.64.9.${n}` }),
      ).rejects.toMatchObject({ code: 'auth.invalidCredentials' });
    const page = await app.newPage({ width: 360, height: 740 });
    const asked = page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.status() === 428);
    const solved = page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.status() === 200);
    await logInAs(page, app.base, me.email, me.password);
    await asked;
    await solved;
    await page.goto(`${app.base}/login`);
    await page.getByTestId('login-form').waitFor();
    await expectAccessible(page, 'login 360');
  });
});
