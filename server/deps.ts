import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { currentSchema, openDatabase, type Database } from './db/dialect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createEmbeddedQueue } from './jobs/embedded-queue.ts';
import { createPgBossQueue, pgBossSchemaFor } from './jobs/pg-boss-queue.ts';
import { APP_JOBS, type AppJobs, type JobQueue } from './jobs/queue.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { createEsmsProvider } from './notify/esms.ts';
import { createSmsOutbox, type SmsProvider } from './notify/sms.ts';
import type { Deps } from './context.ts';
import { loadSecretKeys } from './security/secret-keys.ts';
import { createStorage } from './storage/create-storage.ts';
import type { MediaStorage } from './storage/storage.ts';

/**
 * The job queue: pg-boss when the database is PostgreSQL (so workers on several machines share the work), the
 * embedded table queue on SQLite.
 */
async function createJobQueue(config: Config, database: Database, logger: Logger): Promise<JobQueue<AppJobs>> {
  if (config.database.kind === 'postgres') {
    return createPgBossQueue({
      connectionString: config.database.url,
      schema: pgBossSchemaFor(await currentSchema(database)),
      definitions: APP_JOBS,
      logger,
    });
  }
  return createEmbeddedQueue({ db: database.db, dialect: database.dialect, definitions: APP_JOBS, logger });
}

/**
 * Opens the adapters the configuration names and migrates the database. The one place that knows which are live.
 * Close with `deps.jobs.stop()`, then `database.close()`.
 */
export async function createDeps(
  config: Config,
  logger: Logger,
  overrides: { mailer?: Mailer; clock?: () => Date; storage?: MediaStorage; sms?: SmsProvider } = {},
): Promise<{ deps: Deps; database: Database }> {
  const database = openDatabase(config.database, {
    onError: (err) => logger.error({ err }, 'SQLite checkpoint thread failed; the server checkpoints on its own'),
  });
  await migrateToLatest(database);
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    config,
    logger,
    mailer: overrides.mailer ?? createMailer({ smtp: config.smtp, dataDir: config.dataDir, logger }),
    sms:
      overrides.sms ??
      (config.sms.kind === 'esms'
        ? createEsmsProvider({ ...config.sms, logger })
        : createSmsOutbox({ dataDir: config.dataDir, logger })),
    clock: overrides.clock ?? (() => new Date()),
    jobs: await createJobQueue(config, database, logger),
    storage: overrides.storage ?? createStorage(config.storage),
    keys: loadSecretKeys(config, logger),
  };
  return { deps, database };
}
