/**
 * Backups of a whole installation: the database (SQLite's online backup, or pg_dump of the app's schema and its
 * pg-boss schema), every object in media storage and every file in the upload directory (where originals live on
 * local storage), with a manifest of SHA-256 hashes. Restoring is in restore.ts.
 *
 * The database is copied first and the files after, so that every file the copied database names is in the backup
 * (a file added meanwhile is an orphan, which housekeeping finds). A backup is written to `<stamp>.partial` and
 * renamed when complete: a folder without that suffix is a whole backup.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../config.ts';
import { createStorage } from '../storage/create-storage.ts';
import type { MediaStorage } from '../storage/storage.ts';

export const MANIFEST = 'manifest.json';
export const SQLITE_FILE = 'database.sqlite';
export const PG_DUMP_FILE = 'database.pgdump';

export interface ManifestFile {
  /** `media`: an object of media storage, `path` its key. `uploads`: a file of the upload directory. */
  area: 'media' | 'uploads';
  path: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: 1;
  createdAt: string;
  database:
    | { kind: 'sqlite'; file: string; size: number; sha256: string }
    | { kind: 'postgres'; file: string; size: number; sha256: string; schemas: string[] };
  /** The migrations the database had run: a restore into older code is refused by the migrator at start-up. */
  migrations: string[];
  files: ManifestFile[];
}

export async function sha256File(file: string): Promise<{ size: number; sha256: string }> {
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** Runs a command to its end; rejects with its standard error when it fails. */
export function runCommand(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) =>
      reject(new Error(`${cmd}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed' : e.message}`)),
    );
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} exited with ${code}: ${err.trim().slice(0, 2000)}`)),
    );
  });
}

/**
 * For pg_dump and pg_restore: a libpq connection string without `options` (the app may set its search_path there;
 * libpq would not read the `+` of a form-encoded space) nor password (it goes in the environment, not in the process
 * list), and the schema that option names, if any.
 */
export function pgTarget(url: string): { url: string; env: NodeJS.ProcessEnv; schema: string | null } {
  const u = new URL(url);
  const options = u.searchParams.get('options') ?? '';
  u.searchParams.delete('options');
  const schema = /search_path=([A-Za-z_]\w*)/.exec(options)?.[1] ?? null;
  const env = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env, schema };
}

/** The app's schema on PostgreSQL and its pg-boss schema (named as jobs/pg-boss-queue.ts names it). */
export function pgSchemas(schema: string): string[] {
  return [schema, schema === 'public' ? 'pgboss' : `${schema}_pgboss`];
}

async function migrationsOfSqlite(file: string): Promise<string[]> {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    return (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(
      (r) => r.name,
    );
  } finally {
    db.close();
  }
}

async function dumpPostgres(config: { url: string }, folder: string) {
  const target = pgTarget(config.url);
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  let schema: string;
  let migrations: string[];
  try {
    schema = (await client.query<{ s: string }>('select current_schema() as s')).rows[0]!.s;
    migrations = (await client.query<{ name: string }>('select name from kysely_migration order by name')).rows.map(
      (r) => r.name,
    );
  } finally {
    await client.end();
  }
  const schemas = pgSchemas(schema);
  const file = path.join(folder, PG_DUMP_FILE);
  await runCommand(
    'pg_dump',
    [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      ...schemas.map((s) => `--schema=${s}`),
      `--file=${file}`,
      `--dbname=${target.url}`,
    ],
    target.env,
  );
  return { schemas, migrations, file };
}

async function copyObjects(storage: MediaStorage, folder: string): Promise<ManifestFile[]> {
  const out: ManifestFile[] = [];
  for await (const o of storage.list('')) {
    const got = await storage.get(o.key);
    if (!got) continue; // deleted since it was listed
    const dest = path.join(folder, 'media', ...o.key.split('/'));
    await fsp.mkdir(path.dirname(dest), { recursive: true });
    await pipeline(got.body, fs.createWriteStream(dest));
    out.push({ area: 'media', path: o.key, ...(await sha256File(dest)) });
  }
  return out;
}

/** The files of the upload directory worth keeping: tus's files and records, not holds or temporary files. */
export async function uploadFiles(dir: string): Promise<string[]> {
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  const out: string[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const st = await fsp.stat(path.join(dir, name)).catch(() => null);
    if (st?.isFile()) out.push(name);
  }
  return out.sort();
}

async function copyUploads(dir: string, folder: string): Promise<ManifestFile[]> {
  const out: ManifestFile[] = [];
  await fsp.mkdir(path.join(folder, 'uploads'), { recursive: true });
  for (const name of await uploadFiles(dir)) {
    const dest = path.join(folder, 'uploads', name);
    try {
      await fsp.copyFile(path.join(dir, name), dest);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // finished and removed meanwhile
      throw err;
    }
    out.push({ area: 'uploads', path: name, ...(await sha256File(dest)) });
  }
  return out;
}

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

/** Writes a complete backup into a new folder under `outDir`, named after the time; returns its path and manifest. */
export async function createBackup(
  config: Config,
  opts: { outDir: string; now?: Date; storage?: MediaStorage },
): Promise<{ folder: string; manifest: BackupManifest }> {
  const now = opts.now ?? new Date();
  const folder = path.join(path.resolve(opts.outDir), stamp(now));
  if (fs.existsSync(folder)) throw new Error(`${folder} already exists`);
  const partial = `${folder}.partial`;
  await fsp.rm(partial, { recursive: true, force: true });
  await fsp.mkdir(partial, { recursive: true });

  let database: BackupManifest['database'];
  let migrations: string[];
  if (config.database.kind === 'sqlite') {
    const file = path.join(partial, SQLITE_FILE);
    const source = new SqliteDatabase(config.database.file, { fileMustExist: true });
    try {
      // SQLite's online backup: a consistent copy while the server keeps writing.
      await source.backup(file);
    } finally {
      source.close();
    }
    migrations = await migrationsOfSqlite(file);
    database = { kind: 'sqlite', file: SQLITE_FILE, ...(await sha256File(file)) };
  } else {
    const dump = await dumpPostgres(config.database, partial);
    migrations = dump.migrations;
    database = { kind: 'postgres', file: PG_DUMP_FILE, schemas: dump.schemas, ...(await sha256File(dump.file)) };
  }

  const storage = opts.storage ?? createStorage(config.storage);
  const files = [...(await copyObjects(storage, partial)), ...(await copyUploads(config.uploadDir, partial))];
  const manifest: BackupManifest = { format: 1, createdAt: now.toISOString(), database, migrations, files };
  await fsp.writeFile(path.join(partial, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  await fsp.rename(partial, folder);
  return { folder, manifest };
}
