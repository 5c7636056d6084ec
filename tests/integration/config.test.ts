import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('configuration', () => {
  it('defaults to SQLite under ./data, port 3000, both roles, Asia/Ho_Chi_Minh', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ kind: 'sqlite', file: path.resolve('data/contest.sqlite') });
    expect(c.port).toBe(3000);
    expect(c.roles).toEqual({ web: true, worker: true });
    expect(c.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(c.storage).toEqual({ kind: 'local', dir: path.resolve('data/media') });
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.smtp).toBeNull();
  });

  it('switches to PostgreSQL, S3 and SMTP when configured', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://app@127.0.0.1:5432/contest',
      STORAGE: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'media',
      S3_ACCESS_KEY_ID: 'k',
      S3_SECRET_ACCESS_KEY: 's',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      ROLES: 'worker',
      PUBLIC_URL: 'https://thi.vinhlinh.gov.vn/',
    });
    expect(c.database.kind).toBe('postgres');
    expect(c.storage.kind).toBe('s3');
    expect(c.smtp?.url).toBe('smtp://127.0.0.1:2525');
    expect(c.roles).toEqual({ web: false, worker: true });
    expect(c.publicUrl).toBe('https://thi.vinhlinh.gov.vn');
    expect(c.secureCookies).toBe(true);
  });

  it('names each wrong variable and what it expects', () => {
    let err: ConfigError | null = null;
    try {
      loadConfig({
        PORT: 'ba nghìn',
        DATABASE_URL: 'mysql://x',
        ROLES: 'web,cron',
        TZ_DEFAULT: 'Hanoi',
        STORAGE: 's3',
      });
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const text = err!.message;
    expect(text).toMatch(/PORT: .*number/);
    expect(text).toMatch(/DATABASE_URL: sqlite:PATH or postgres:\/\//);
    expect(text).toContain('ROLES');
    expect(text).toMatch(/TZ_DEFAULT: an IANA time zone/);
    expect(text).toMatch(/S3_BUCKET: required when STORAGE=s3/);
    expect(text).not.toContain('mysql://x');
  });

  it('chooses the eSMS gateway when configured, and names what is missing for it', () => {
    expect(loadConfig({}).sms).toEqual({ kind: 'outbox' });
    const c = loadConfig({
      SMS_PROVIDER: 'esms',
      ESMS_API_KEY: 'k',
      ESMS_SECRET_KEY: 's',
      ESMS_BRANDNAME: 'VINHLINH',
      ESMS_URL: 'http://127.0.0.1:9/json/',
    });
    expect(c.sms).toEqual({
      kind: 'esms',
      url: 'http://127.0.0.1:9/json',
      apiKey: 'k',
      secretKey: 's',
      brandname: 'VINHLINH',
      smsType: '2',
      sandbox: false,
    });
    let err: ConfigError | null = null;
    try {
      loadConfig({ SMS_PROVIDER: 'esms', ESMS_SECRET_KEY: 'secret-value', ESMS_BRANDNAME: 'QUA-DAI-BRANDNAME' });
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.message).toMatch(/ESMS_API_KEY: required when SMS_PROVIDER=esms/);
    expect(err!.message).toMatch(/ESMS_BRANDNAME: a brandname has at most 11 characters/);
    expect(err!.message).not.toContain('secret-value');
    // A fixed-number sender (type 8) needs no brandname; a customer-care one (type 2, the default) does.
    expect(() => loadConfig({ SMS_PROVIDER: 'esms', ESMS_API_KEY: 'k', ESMS_SECRET_KEY: 's' })).toThrow(
      /ESMS_BRANDNAME: required for ESMS_SMS_TYPE=2/,
    );
    expect(
      loadConfig({ SMS_PROVIDER: 'esms', ESMS_API_KEY: 'k', ESMS_SECRET_KEY: 's', ESMS_SMS_TYPE: '8' }).sms,
    ).toMatchObject({ kind: 'esms', brandname: null, smsType: '8' });
  });
});
