import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer, type Checkpointer } from '../../server/db/sqlite-checkpointer.ts';
import { openSqlite } from '../../server/db/dialect.ts';
import { sql } from 'kysely';

/** Waits for `ready()` to hold, checking every 20 ms (the worker's checkpoints run every 100 ms). */
async function until(ready: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SQLite checkpoints on a worker thread', () => {
  let dir: string;
  let raw: SqliteDatabase.Database | null = null;
  let checkpointer: Checkpointer | null = null;
  afterEach(async () => {
    await checkpointer?.stop();
    raw?.close();
    raw = checkpointer = null;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function openFile(): { file: string; db: SqliteDatabase.Database } {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkpointer-'));
    const file = path.join(dir, 'db.sqlite');
    raw = new SqliteDatabase(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec('create table t (id integer primary key, body blob not null)');
    return { file, db: raw };
  }
  /** Commits `n` rows of 4 KiB, one transaction each: about one page of log per row. */
  const write = (db: SqliteDatabase.Database, n: number) => {
    const insert = db.prepare('insert into t (body) values (randomblob(4000))');
    for (let i = 0; i < n; i++) insert.run();
  };

  it('starts only once the log has grown, then copies it into the database off the writer', async () => {
    const { file, db } = openFile();
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    checkpointer = startCheckpointer(db, file, { startAtBytes: 200 * pageSize, watchMs: 20 });
    write(db, 50);
    // Well past a watch: a small log does not start it.
    await new Promise((r) => setTimeout(r, 200));
    expect(checkpointer.running).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);

    write(db, 300);
    await until(() => checkpointer!.running, 'the worker to start');
    // The writer now checkpoints only once the log is twice its usual size.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(2_000);
    const version = db.pragma('data_version', { simple: true });
    write(db, 300);
    const bytes = 640 * 4000;
    await until(() => fs.statSync(file).size > bytes, 'the rows to reach the database file');
    // The log file keeps its largest size: it never held the writer's threshold of frames, so the worker alone copied
    // the rows into the database file.
    expect(fs.statSync(`${file}-wal`).size).toBeLessThan(32 + 2_000 * (24 + pageSize));
    // A checkpoint is not a change: the connection's change token (sqlite-statements.ts) holds.
    expect(db.pragma('data_version', { simple: true })).toBe(version);
    expect(db.prepare('select count(*) from t').pluck().get()).toBe(650);

    // Its connection closes first, so that the writer's, the last, checkpoints the rest and removes the log.
    await checkpointer.stop();
    expect(checkpointer.running).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
    raw = null;
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('is started by openSqlite and stopped by its close, before the writer’s, which then removes the log', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkpointer-'));
    const file = path.join(dir, 'db.sqlite');
    const database = openSqlite(file, { startAtBytes: 64 * 1024, watchMs: 20 });
    const threshold = async () =>
      (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db)).rows[0]!
        .wal_autocheckpoint;
    await sql`create table u (id integer primary key, body blob not null)`.execute(database.db);
    for (let i = 0; i < 40; i++) await sql`insert into u (body) values (randomblob(4000))`.execute(database.db);
    await until(async () => (await threshold()) === 2_000, 'the worker to start');
    await database.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const check = new SqliteDatabase(file, { readonly: true });
    expect(check.prepare('select count(*) from u').pluck().get()).toBe(40);
    check.close();
  });

  it('hands the checkpoints back to the writer, and says why, when the worker fails', async () => {
    const { file, db } = openFile();
    write(db, 100);
    // The worker opens the database by its name: moved away, it cannot.
    fs.renameSync(file, `${file}.moved`);
    const errors: unknown[] = [];
    checkpointer = startCheckpointer(db, file, { startAtBytes: 0, watchMs: 20, onError: (e) => errors.push(e) });
    await until(() => errors.length > 0, 'the worker to fail');
    await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === 1000, 'the writer to checkpoint again');
    expect(checkpointer.running).toBe(false);
    // The driver's error crosses the thread without its message, with its code.
    expect(errors[0]).toMatchObject({ code: 'SQLITE_CANTOPEN' });
    // The writer still writes.
    write(db, 1);
    expect(db.prepare('select count(*) from t').pluck().get()).toBe(101);
  });
});
