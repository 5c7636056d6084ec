/**
 * Restores a backup made by backup.ts into a fresh installation (the configuration's database, media storage and
 * upload directory, all empty). Every hash of the manifest is checked before anything is written, and every restored
 * file is read back and checked again after.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';
import { createStorage } from '../storage/create-storage.ts';
import { contentTypeOf, type MediaStorage } from '../storage/storage.ts';
import {
  MANIFEST,
  pgTarget,
  runCommand,
  sha256File,
  uploadFiles,
  type BackupManifest,
  type ManifestFile,
} from './backup.ts';

/** Why a restore did not start or did not finish, in Vietnamese and English, with what to do. */
export class RestoreError extends Error {
  constructor(vi: string, en: string) {
    super(`${vi}\n${en}`);
    this.name = 'RestoreError';
  }
}

function fileIn(folder: string, f: Pick<ManifestFile, 'area' | 'path'>): string {
  return path.join(folder, f.area, ...f.path.split('/'));
}

function listed(paths: string[]): string {
  return paths.slice(0, 10).join(', ') + (paths.length > 10 ? ` (+${paths.length - 10})` : '');
}

/** Reads the manifest and checks the size and SHA-256 of the database copy and of every file against it. */
export async function verifyBackup(folder: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await fsp.readFile(path.join(folder, MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    throw new RestoreError(
      `Không đọc được ${MANIFEST} trong ${folder}: hãy chỉ ra một thư mục do "npm run backup" tạo.`,
      `Cannot read ${MANIFEST} in ${folder}: name a folder made by "npm run backup".`,
    );
  }
  if (manifest.format !== 1)
    throw new RestoreError(
      `Bản sao lưu có định dạng ${manifest.format}, phiên bản này chỉ đọc định dạng 1.`,
      `The backup has format ${manifest.format}; this version reads format 1 only.`,
    );
  const bad: string[] = [];
  const db = await sha256File(path.join(folder, manifest.database.file)).catch(() => null);
  if (db?.sha256 !== manifest.database.sha256) bad.push(manifest.database.file);
  for (const f of manifest.files) {
    const got = await sha256File(fileIn(folder, f)).catch(() => null);
    if (got?.sha256 !== f.sha256 || got.size !== f.size) bad.push(`${f.area}/${f.path}`);
  }
  if (bad.length)
    throw new RestoreError(
      `Bản sao lưu bị hỏng: ${bad.length} tệp thiếu hoặc sai mã SHA-256 (${listed(bad)}). ` +
        'Không có gì được ghi; hãy dùng một bản sao lưu khác.',
      `The backup is damaged: ${bad.length} file(s) missing or with a wrong SHA-256 (${listed(bad)}). ` +
        'Nothing was written; use another backup.',
    );
  return manifest;
}

async function pgTablesIn(url: string, schemas: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'select count(*) as n from information_schema.tables where table_schema = any($1)',
      [schemas],
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

async function pgExistingSchemas(url: string, schemas: string[]): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      'select nspname from pg_namespace where nspname = any($1)',
      [schemas],
    );
    return new Set(rows.map((r) => r.nspname));
  } finally {
    await client.end();
  }
}

async function refuseUnlessFresh(config: Config, manifest: BackupManifest, storage: MediaStorage): Promise<void> {
  const found: string[] = [];
  if (config.database.kind === 'sqlite') {
    const st = await fsp.stat(config.database.file).catch(() => null);
    if (st && st.size > 0) found.push(config.database.file);
  } else if (manifest.database.kind === 'postgres') {
    if ((await pgTablesIn(config.database.url, manifest.database.schemas)) > 0)
      found.push(`PostgreSQL schema ${manifest.database.schemas.join(', ')}`);
  }
  for await (const o of storage.list('')) {
    found.push(`media (${o.key})`);
    break;
  }
  const uploads = await uploadFiles(config.uploadDir);
  if (uploads.length) found.push(config.uploadDir);
  if (found.length)
    throw new RestoreError(
      `Chỉ khôi phục vào một bản cài đặt trống, nhưng đã có dữ liệu ở: ${found.join('; ')}. ` +
        'Hãy đặt DATA_DIR (và DATABASE_URL, kho S3) tới nơi còn trống.',
      `A restore goes into an empty installation only, but there is data in: ${found.join('; ')}. ` +
        'Point DATA_DIR (and DATABASE_URL, the S3 bucket) to empty ones.',
    );
}

async function restorePostgres(url: string, dump: string, schemas: string[]): Promise<void> {
  const target = pgTarget(url);
  // A schema that already exists (empty: checked before) is not created again; pg_restore would stop on it.
  const existing = await pgExistingSchemas(url, schemas);
  const toc = await runCommand('pg_restore', ['--list', dump], target.env);
  const kept = toc
    .split('\n')
    .filter((line) => {
      const m = /^\d+; \d+ \d+ SCHEMA - (\S+) /.exec(line);
      return !(m && existing.has(m[1]!));
    })
    .join('\n');
  const list = `${dump}.list-${crypto.randomBytes(4).toString('hex')}`;
  await fsp.writeFile(list, kept);
  try {
    await runCommand(
      'pg_restore',
      [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        `--use-list=${list}`,
        `--dbname=${target.url}`,
        dump,
      ],
      target.env,
    );
  } finally {
    await fsp.rm(list, { force: true });
  }
}

async function sha256Stream(body: AsyncIterable<unknown>): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of body) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Restores the backup in `folder` into the installation `config` describes, which must be empty and use the same
 * kind of database. Returns how many files were restored.
 */
export async function restoreBackup(
  config: Config,
  folder: string,
  opts: { storage?: MediaStorage } = {},
): Promise<{ database: Config['database']['kind']; files: number }> {
  const manifest = await verifyBackup(folder);
  if (manifest.database.kind !== config.database.kind)
    throw new RestoreError(
      `Bản sao lưu là cơ sở dữ liệu ${manifest.database.kind}, còn DATABASE_URL chỉ tới ${config.database.kind}.`,
      `The backup holds a ${manifest.database.kind} database, but DATABASE_URL names ${config.database.kind}.`,
    );
  const storage = opts.storage ?? createStorage(config.storage);
  await refuseUnlessFresh(config, manifest, storage);

  const dump = path.join(folder, manifest.database.file);
  if (config.database.kind === 'sqlite') {
    const target = config.database.file;
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.copyFile(dump, `${target}.restoring`);
    await fsp.rename(`${target}.restoring`, target);
  } else if (manifest.database.kind === 'postgres') {
    await restorePostgres(config.database.url, dump, manifest.database.schemas);
  }

  await fsp.mkdir(config.uploadDir, { recursive: true });
  for (const f of manifest.files) {
    if (f.area === 'media')
      await storage.put(f.path, fileIn(folder, f), { contentType: contentTypeOf(f.path), sha256: f.sha256 });
    else await fsp.copyFile(fileIn(folder, f), path.join(config.uploadDir, f.path));
  }

  const bad: string[] = [];
  for (const f of manifest.files) {
    let sha: string | null = null;
    if (f.area === 'media') {
      const got = await storage.get(f.path);
      if (got) sha = await sha256Stream(got.body);
    } else {
      const file = path.join(config.uploadDir, f.path);
      if (fs.existsSync(file)) sha = (await sha256File(file)).sha256;
    }
    if (sha !== f.sha256) bad.push(`${f.area}/${f.path}`);
  }
  if (bad.length)
    throw new RestoreError(
      `Đã khôi phục nhưng ${bad.length} tệp đọc lại không khớp mã SHA-256 (${listed(bad)}): ` +
        'hãy kiểm tra ổ đĩa hoặc kho lưu trữ đích rồi khôi phục lại vào chỗ trống.',
      `Restored, but ${bad.length} file(s) read back with a wrong SHA-256 (${listed(bad)}): ` +
        'check the target disk or storage and restore again into an empty place.',
    );
  return { database: config.database.kind, files: manifest.files.length };
}
