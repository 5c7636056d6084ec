/**
 * One server process per SQLite file (docs/decisions/0039, 0047): two processes writing one file fail each other's
 * transactions with "database is locked", which loses votes. The server takes an exclusive SQLite lock on a small
 * file beside the database (`<file>.process-lock`) and holds it while it runs; a second server on the same file is
 * refused at once with a message naming the fix. The operating system drops the lock when the process ends, however
 * it ends (SIGKILL included), so there is never a stale lock to clean up. Command-line tools (migrate, backup,
 * check-video) do not take it: they may run beside the server.
 */
import SqliteDatabase from 'better-sqlite3';

export class DatabaseInUse extends Error {
  constructor(readonly file: string) {
    super(
      `Tệp cơ sở dữ liệu SQLite ${file} đang được một tiến trình máy chủ khác dùng. Hai tiến trình trên cùng một ` +
        'tệp SQLite làm hỏng giao dịch của nhau ("database is locked") và mất lượt bình chọn. Hãy dừng tiến trình ' +
        'kia, hoặc dùng PostgreSQL (DATABASE_URL=postgres://…) để chạy nhiều tiến trình web (docs/deploy/README.md).\n' +
        `The SQLite database file ${file} is in use by another server process. Two processes on one SQLite file ` +
        'fail each other\'s transactions ("database is locked") and lose votes. Stop the other process, or use ' +
        'PostgreSQL (DATABASE_URL=postgres://…) to run several web processes (docs/deploy/README.md).',
    );
    this.name = 'DatabaseInUse';
  }
}

export interface ProcessLock {
  release(): void;
}

export function lockSqliteForThisProcess(file: string): ProcessLock {
  if (file === ':memory:') return { release() {} };
  const lock = new SqliteDatabase(`${file}.process-lock`, { timeout: 0 });
  try {
    // Held until released: an exclusive transaction that never commits.
    lock.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new DatabaseInUse(file);
    throw err;
  }
  return {
    release() {
      if (lock.open) lock.close();
    },
  };
}
