import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../server/security/passwords.ts';

/**
 * Passwords are hashed with argon2id at OWASP's 19 MiB, t=2 profile; only under the test runner is it cheaper, so
 * that the suite's thousands of log-ins stay fast. This checks the server outside the runner still uses the full cost,
 * and that hashes of either cost verify.
 */
const REPO = path.resolve(import.meta.dirname, '../..');

describe('password hashing cost', () => {
  it('is the full profile outside the test runner, and hashes of either cost verify', async () => {
    const env = { ...process.env };
    delete env.VITEST;
    const script =
      "import { hashPassword } from './server/security/passwords.ts'; console.log(await hashPassword('mật khẩu'));";
    const full = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO,
      env,
      encoding: 'utf8',
    }).trim();
    expect(full).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(full, 'mật khẩu')).toBe(true);
    const cheap = await hashPassword('mật khẩu');
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await verifyPassword(cheap, 'mật khẩu')).toBe(true);
    expect(await verifyPassword(cheap, 'mat khau')).toBe(false);
  });
});
