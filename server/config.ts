import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '@core/time.ts';

const ROLES = ['web', 'worker'] as const;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'sqlite:PATH or postgres://USER@HOST:PORT/DB')
    .optional(),
  STORAGE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'smtp://user:pass@host:port or smtps://…')
    .optional(),
  MAIL_FROM: z.string().default('Cuộc thi video <no-reply@localhost>'),
  SMS_PROVIDER: z.enum(['outbox', 'esms']).default('outbox'),
  ESMS_API_KEY: z.string().optional(),
  ESMS_SECRET_KEY: z.string().optional(),
  ESMS_BRANDNAME: z.string().max(11, 'a brandname has at most 11 characters').optional(),
  ESMS_SMS_TYPE: z.enum(['2', '8']).default('2'),
  ESMS_URL: z.url().default('https://rest.esms.vn/MainService.svc/json'),
  ESMS_SANDBOX: z.enum(['true', 'false']).default('false'),
  TZ_DEFAULT: z
    .string()
    .refine(isValidTimeZone, 'an IANA time zone such as Asia/Ho_Chi_Minh')
    .default(DEFAULT_TIME_ZONE),
  ROLES: z
    .string()
    .default('web,worker')
    .transform((s) =>
      s
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ROLES)).min(1, 'web, worker or web,worker')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO: z.enum(['auto', 'off']).default('auto'),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(false|true|\d{1,2}|[0-9a-fA-F:./]+(,[0-9a-fA-F:./]+)*)$/,
      'false, a number of proxy hops, or a comma-separated list of proxy addresses/CIDRs',
    )
    .default('false'),
  /** The first administrator's e-mail, used once, when the database has no administrator yet. */
  ADMIN_EMAIL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email('an e-mail address such as it@so-vhttdl.gov.vn'))
    .optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Hours within which a request to erase personal data must be carried out or answered (docs/decisions/0042). */
  ERASURE_DEADLINE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72),
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(20),
  MAX_DRAFTS_PER_ENTRANT: z.coerce.number().int().min(1).max(10000).default(10),
  UPLOAD_EXPIRY_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 90)
    .default(7 * 24),
  RATE_LIMIT_RESET_PER_HOUR: z.coerce.number().int().min(1).max(100000).default(10),
  RATE_LIMIT_REPORTS_PER_HOUR: z.coerce.number().int().min(1).max(100000).default(10),
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{24,256}$/, '24 to 256 visible ASCII characters, e.g. the output of `openssl rand -hex 32`')
    .optional(),
  ALTCHA_HMAC_KEY: z.string().min(32, 'at least 32 random characters').optional(),
  ALTCHA_COMPLEXITY: z.coerce.number().int().min(10).max(10_000_000).default(50_000),
  VOTE_THREAD: z.enum(['0', '1']).default('1'),
  INTEGRITY_THREAD: z.enum(['0', '1']).default('1'),
  VOTER_HASH_KEY: z.string().min(32, 'at least 32 random characters').optional(),
  VOTE_LOG_KEY: z.string().min(32, 'at least 32 random characters').optional(),
  CERTIFICATE_KEY: z.string().min(32, 'at least 32 random characters').optional(),
});

const S3_REQUIRED = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
const ESMS_REQUIRED = ['ESMS_API_KEY', 'ESMS_SECRET_KEY'] as const;

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  storage:
    | { kind: 'local'; dir: string }
    | {
        kind: 's3';
        endpoint: string;
        region: string;
        bucket: string;
        accessKeyId: string;
        secretAccessKey: string;
        forcePathStyle: boolean;
      };
  smtp: { url: string; from: string } | null;
  /** Where text messages go: the file outbox, or eSMS.vn's brandname API (server/notify/esms.ts). */
  sms:
    | { kind: 'outbox' }
    | {
        kind: 'esms';
        url: string;
        apiKey: string;
        secretKey: string;
        /** Type 2 (customer care) needs a registered brandname; type 8 (fixed number) does not. */
        brandname: string | null;
        smsType: '2' | '8';
        sandbox: boolean;
      };
  mailFrom: string;
  timeZone: string;
  roles: { web: boolean; worker: boolean };
  logLevel: Env['LOG_LEVEL'];
  demo: boolean;
  /** false, the number of reverse proxies in front, or their addresses: never "trust every hop". */
  trustProxy: false | number | string;
  sessionDays: number;
  /** Wrong passwords (per identifier and address) before the delays start. */
  loginMaxFailures: number;
  /** The longest delay between tries, in minutes. */
  loginLockMinutes: number;
  adminEmail: string | null;
  /** Hours to carry out or answer a request to erase personal data. */
  erasureDeadlineHours: number;
  loginRatePerMinute: number;
  /** Reports about published entries one address may send per hour. */
  reportsPerHour: number;
  resetRatePerHour: number;
  uploadDir: string;
  uploadExpiryHours: number;
  maxDraftsPerEntrant: number;
  secureCookies: boolean;
  /** The bearer token that opens /metrics; null keeps /metrics closed (404). */
  metricsToken: string | null;
  /**
   * Keys from the environment; one not set is generated once into DATA_DIR/secrets (server/security/secret-keys.ts).
   * `altchaComplexity`: the highest number a proof-of-work challenge may ask a browser to find.
   */
  keys: { altcha: string | null; voterHash: string | null; voteLog: string | null; certificate: string | null };
  altchaComplexity: number;
  /** SQLite: votes are written by a thread with its own connection (ADR 0061); `VOTE_THREAD=0` keeps them here. */
  voteThread: boolean;
  /**
   * The worker role's integrity checks over new votes run on a thread with its own connection (ADR 0066);
   * `INTEGRITY_THREAD=0` runs them on the main thread.
   */
  integrityThread: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment; a wrong value stops start-up with the variable's name and what it expects. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && v !== '') raw[k] = v;
  // A TZ_DEFAULT is ours; the TZ of the process is left to the system.
  const parsed = envSchema.safeParse(raw);
  // Checked apart from the schema so that these are reported together with any other wrong value.
  const missingS3 =
    raw.STORAGE === 's3'
      ? S3_REQUIRED.filter((k) => !raw[k]).map((k) => `${k}: required when STORAGE=s3 (not set)`)
      : [];
  const missingEsms =
    raw.SMS_PROVIDER === 'esms'
      ? [
          ...ESMS_REQUIRED.filter((k) => !raw[k]).map((k) => `${k}: required when SMS_PROVIDER=esms (not set)`),
          ...((raw.ESMS_SMS_TYPE ?? '2') === '2' && !raw.ESMS_BRANDNAME
            ? ['ESMS_BRANDNAME: required for ESMS_SMS_TYPE=2, the brandname registered with eSMS (not set)']
            : []),
        ]
      : [];
  if (!parsed.success || missingS3.length || missingEsms.length) {
    throw new ConfigError([
      ...(parsed.error?.issues ?? []).map((i) => {
        const name = String(i.path[0] ?? '?');
        const secret = /SECRET|TOKEN|_KEY$/.test(name) || name === 'SMTP_URL' || name === 'DATABASE_URL';
        const got = raw[name] === undefined ? 'not set' : `got "${secret ? '…' : raw[name]}"`;
        return `${name}: ${i.message} (${got})`;
      }),
      ...missingS3,
      ...missingEsms,
    ]);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const dbUrl = e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'contest.sqlite')}`;
  const database: Config['database'] = dbUrl.startsWith('sqlite:')
    ? {
        kind: 'sqlite',
        file: dbUrl.slice('sqlite:'.length) === ':memory:' ? ':memory:' : path.resolve(dbUrl.slice('sqlite:'.length)),
      }
    : { kind: 'postgres', url: dbUrl };
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir,
    database,
    storage:
      e.STORAGE === 's3'
        ? {
            kind: 's3',
            endpoint: e.S3_ENDPOINT!,
            region: e.S3_REGION,
            bucket: e.S3_BUCKET!,
            accessKeyId: e.S3_ACCESS_KEY_ID!,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
            forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
          }
        : { kind: 'local', dir: path.join(dataDir, 'media') },
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.MAIL_FROM } : null,
    sms:
      e.SMS_PROVIDER === 'esms'
        ? {
            kind: 'esms',
            url: e.ESMS_URL.replace(/\/$/, ''),
            apiKey: e.ESMS_API_KEY!,
            secretKey: e.ESMS_SECRET_KEY!,
            brandname: e.ESMS_BRANDNAME ?? null,
            smsType: e.ESMS_SMS_TYPE,
            sandbox: e.ESMS_SANDBOX === 'true',
          }
        : { kind: 'outbox' },
    mailFrom: e.MAIL_FROM,
    timeZone: e.TZ_DEFAULT,
    roles: { web: e.ROLES.includes('web'), worker: e.ROLES.includes('worker') },
    logLevel: e.LOG_LEVEL,
    demo: e.DEMO === 'auto',
    trustProxy:
      e.TRUST_PROXY === 'false'
        ? false
        : e.TRUST_PROXY === 'true'
          ? 1
          : /^\d+$/.test(e.TRUST_PROXY)
            ? Number(e.TRUST_PROXY)
            : e.TRUST_PROXY,
    sessionDays: e.SESSION_DAYS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    adminEmail: e.ADMIN_EMAIL ?? null,
    erasureDeadlineHours: e.ERASURE_DEADLINE_HOURS,
    loginRatePerMinute: e.RATE_LIMIT_LOGIN_PER_MINUTE,
    resetRatePerHour: e.RATE_LIMIT_RESET_PER_HOUR,
    reportsPerHour: e.RATE_LIMIT_REPORTS_PER_HOUR,
    uploadDir: path.join(dataDir, 'uploads'),
    uploadExpiryHours: e.UPLOAD_EXPIRY_HOURS,
    maxDraftsPerEntrant: e.MAX_DRAFTS_PER_ENTRANT,
    secureCookies: publicUrl.startsWith('https://'),
    metricsToken: e.METRICS_TOKEN ?? null,
    keys: {
      altcha: e.ALTCHA_HMAC_KEY ?? null,
      voterHash: e.VOTER_HASH_KEY ?? null,
      voteLog: e.VOTE_LOG_KEY ?? null,
      certificate: e.CERTIFICATE_KEY ?? null,
    },
    altchaComplexity: e.ALTCHA_COMPLEXITY,
    voteThread: e.VOTE_THREAD === '1',
    integrityThread: e.INTEGRITY_THREAD === '1',
  };
}
