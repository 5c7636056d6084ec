import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/dialect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import type { Deps } from './services/context.ts';

/** Opens the adapters the configuration names and migrates the database. The one place that knows which are live. */
export async function createDeps(config: Config, logger: Logger, overrides: { mailer?: Mailer; clock?: () => Date } = {}): Promise<{ deps: Deps; database: Database }> {
  const database = openDatabase(config.database);
  await migrateToLatest(database);
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    config,
    logger,
    mailer: overrides.mailer ?? createMailer({ smtp: config.smtp, dataDir: config.dataDir, logger }),
    clock: overrides.clock ?? (() => new Date()),
  };
  return { deps, database };
}
