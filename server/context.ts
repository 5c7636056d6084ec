/**
 * What a use case runs with: the adapters (`Deps`) and the caller (`Actor`). Below services/, notify/ and jobs/, so
 * that each of them may import it; it imports only types.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { DialectName } from './db/dialect.ts';
import type { DB } from './db/schema.ts';
import type { AppJobs, JobQueue } from './jobs/queue.ts';
import type { Mailer } from './mail/mailer.ts';
import type { SmsProvider } from './notify/sms.ts';
import type { SecretKeys } from './security/secret-keys.ts';
import type { MediaStorage } from './storage/storage.ts';

/** What every use case may touch. Built once in main.ts (or by a test) and passed in. */
export interface Deps {
  db: Kysely<DB>;
  dialect: DialectName;
  config: Config;
  mailer: Mailer;
  /** Text messages to entrants (server/notify/sms.ts): a file outbox unless a gateway is configured. */
  sms: SmsProvider;
  logger: Logger;
  clock: () => Date;
  /** The job queue (embedded or pg-boss): services send jobs, the worker role runs them (server/jobs/worker.ts). */
  jobs: JobQueue<AppJobs>;
  /** Where media lives: local disk or an S3-compatible bucket (server/storage/). */
  storage: MediaStorage;
  /** Signing and hashing keys: from the environment, or generated once into DATA_DIR/secrets. */
  keys: SecretKeys;
}

/** Who is calling: a logged-in user or the public, and from where (for the audit log). */
export interface Actor {
  userId: number | null;
  isSiteAdmin: boolean;
  ip: string | null;
}

export const ANONYMOUS: Actor = { userId: null, isSiteAdmin: false, ip: null };
