import fs from 'node:fs';
import { ConfigError, loadConfig } from './config.ts';
import { DatabaseInUse, lockSqliteForThisProcess, type ProcessLock } from './db/sqlite-process-lock.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  // Before migrating or anything else: a second server on the same SQLite file stops here.
  let lock: ProcessLock | null = null;
  if (config.database.kind === 'sqlite') {
    try {
      lock = lockSqliteForThisProcess(config.database.file);
    } catch (err) {
      if (err instanceof DatabaseInUse) {
        console.error(err.message);
        process.exit(3);
      }
      throw err;
    }
  }
  // The rest is loaded only now, so that a refused second start answers at once.
  const [{ createDeps }, { buildApp }, { createLogger }, { ensureFirstAdmin }, { loadDemoContest }, { startWorker }] =
    await Promise.all([
      import('./deps.ts'),
      import('./http/app.ts'),
      import('./logger.ts'),
      import('./services/accounts/ensure-first-admin.ts'),
      import('./services/contests/load-demo-contest.ts'),
      import('./jobs/worker.ts'),
    ]);
  const { ensureWebBuilt } = await import('./web-build.ts');
  const logger = createLogger(config.logLevel);
  const { deps, database } = await createDeps(config, logger);

  const admin = await ensureFirstAdmin(deps);
  if (admin.created && config.demo) {
    const demo = await loadDemoContest(deps, { userId: admin.userId, isSiteAdmin: true, ip: null });
    if (demo) logger.info({ slug: demo.slug }, 'demo contest loaded');
  }

  if (deps.sms.balance) {
    // Checked once at start so that wrong keys or an empty account show in the log before the first message fails.
    deps.sms
      .balance()
      .then((balance) => logger.info({ gateway: deps.sms.kind, balance }, 'SMS gateway ready'))
      .catch((err: { code?: string }) =>
        logger.error({ gateway: deps.sms.kind, code: err.code ?? 'unknown' }, 'SMS gateway not usable'),
      );
  }

  const worker = config.roles.worker ? await startWorker(deps) : null;
  if (worker) logger.info({ queue: deps.jobs.engine }, 'worker role started: running jobs');
  if (config.roles.web) {
    const webDir = await ensureWebBuilt({
      onBuild: () => console.log('Đang dựng giao diện web… / Building the web app…'),
    });
    const app = await buildApp(deps, { webDir, logger });
    await app.listen({ port: config.port, host: config.host });
  }

  if (admin.created) {
    const line = '─'.repeat(64);
    console.log(
      `\n${line}\n` +
        'Tài khoản quản trị đầu tiên / First administrator account\n' +
        `  Đăng nhập / Log in:  ${config.publicUrl}/login\n` +
        `  Thư điện tử / E-mail: ${admin.email}\n` +
        `  Mật khẩu / Password:  ${admin.password}\n` +
        'Hãy đổi mật khẩu sau khi đăng nhập. Mật khẩu này chỉ hiện một lần.\n' +
        'Change it after logging in; it is shown only this once.\n' +
        `${line}\n`,
    );
  }
  if (config.roles.web) console.log(`Cuộc thi đang chạy tại / Running at ${config.publicUrl}`);

  const stop = async () => {
    logger.info('shutting down');
    await worker?.stop();
    await deps.jobs.stop();
    await database.close();
    lock?.release();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
