/**
 * The backup drill: an installation with entries, reviews, stored renditions and uploaded originals is backed up,
 * restored into a fresh data directory (and, on PostgreSQL, a fresh database), and compared row by row and byte by
 * byte. A damaged backup or a target that is not empty is refused before anything is written.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../server/config.ts';
import { openDatabase, type Database } from '../../server/db/dialect.ts';
import { createBackup, type BackupManifest } from '../../server/ops/backup.ts';
import { restoreBackup, RestoreError, verifyBackup } from '../../server/ops/restore.ts';
import { verifyAuditLog } from '../../server/services/audit/verify-audit-log.ts';
import { saveEntryDraft } from '../../server/services/entries/save-entry-draft.ts';
import { submitEntry } from '../../server/services/entries/submit-entry.ts';
import { recordReview } from '../../server/services/reviews/record-review.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';
import { createStorage } from '../../server/storage/create-storage.ts';
import type { MediaStorage } from '../../server/storage/storage.ts';
import { reviewInputSchema } from '@core/review.ts';
import { approvedEntry, attachAcceptedFile, completeDraft } from '../helpers/entries.ts';
import { dialectUnderTest } from '../helpers/test-db.ts';
import { makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
const tmp: string[] = [];
let backup: { folder: string; manifest: BackupManifest };
const originals = new Map<string, Buffer>();

function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'contest-backup-'));
  tmp.push(d);
  return d;
}

/** A fresh installation: an empty data directory and, on PostgreSQL, a new database with the app's schema name. */
async function freshTarget(): Promise<{ config: Config; drop(): Promise<void> }> {
  const dataDir = tmpDir();
  if (dialectUnderTest === 'sqlite') return { config: loadConfig({ DATA_DIR: dataDir }), drop: async () => {} };
  const base = new URL(process.env.TEST_DATABASE_URL!);
  const name = `restore_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  u.searchParams.set('options', `-c search_path=${t.db.schema}`);
  return {
    config: loadConfig({ DATA_DIR: dataDir, DATABASE_URL: u.toString() }),
    async drop() {
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const COMPARED = ['entries', 'reviews', 'uploads', 'users', 'entry_events', 'audit_log'] as const;

async function rows(db: Database['db'], table: (typeof COMPARED)[number]): Promise<unknown[]> {
  const q = db.selectFrom(table).selectAll();
  return (table === 'audit_log' ? q.orderBy('seq' as never) : q.orderBy('id' as never)).execute();
}

async function objects(storage: MediaStorage): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for await (const o of storage.list('')) {
    const got = (await storage.get(o.key))!;
    const chunks: Buffer[] = [];
    for await (const c of got.body) chunks.push(c as Buffer);
    out.set(o.key, Buffer.concat(chunks));
  }
  return out;
}

function uploadDirFiles(dir: string): Map<string, Buffer> {
  return new Map(
    fs
      .readdirSync(dir)
      .filter((n) => !n.startsWith('.'))
      .map((n) => [n, fs.readFileSync(path.join(dir, n))]),
  );
}

beforeAll(async () => {
  t = await startTestApp();
  const entrant = await makeUser(t);
  const actor = { userId: entrant.id, isSiteAdmin: false, ip: null };
  const admin = { userId: t.admin.userId, isSiteAdmin: true, ip: null };

  // An approved entry with its renditions in storage.
  const approvedId = await approvedEntry(t, entrant);
  // A submitted entry reviewed through the service (decision, history and audit record).
  const reviewed = await saveEntryDraft(
    t.deps,
    actor,
    t.demoSlug,
    completeDraft({ kind: 'person' }, { title: 'Phóng sự được xét duyệt' }),
  );
  await attachAcceptedFile(t, reviewed.id);
  await submitEntry(t.deps, actor, reviewed.id);
  await recordReview(
    t.deps,
    admin,
    reviewed.id,
    reviewInputSchema.parse({
      decision: 'return',
      reason: 'Cần bổ sung chức vụ tác giả',
      checklist: {},
      fixDeadline: new Date(Date.now() + 48 * 3600_000).toISOString(),
    }),
  );
  // A draft whose upload is still arriving.
  const draft = await saveEntryDraft(t.deps, actor, t.demoSlug, completeDraft({ kind: 'person' }, { title: 'Nháp' }));

  // The originals on disk (local storage keeps them in the upload directory), of odd sizes.
  const uploads = await t.deps.db.selectFrom('uploads').select(['id', 'entry_id']).execute();
  fs.mkdirSync(t.deps.config.uploadDir, { recursive: true });
  for (const [i, u] of uploads.entries()) {
    const bytes = crypto.randomBytes(200_000 + i * 7919);
    fs.writeFileSync(uploadPath(t.deps, u.id), bytes);
    originals.set(u.id, bytes);
  }
  fs.writeFileSync(`${uploadPath(t.deps, uploads[0]!.id)}.json`, JSON.stringify({ id: uploads[0]!.id }));
  expect(uploads.map((u) => u.entry_id).sort()).toEqual([approvedId, reviewed.id].sort());
  expect(draft.id).toBeGreaterThan(0);

  backup = await createBackup(t.deps.config, { outDir: tmpDir() });
});

afterAll(async () => {
  await t?.close();
  for (const d of tmp) fs.rmSync(d, { recursive: true, force: true });
});

describe('npm run backup', () => {
  it('writes the database, every stored object and every upload file with their hashes', async () => {
    const { folder, manifest } = backup;
    expect(path.basename(folder)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/);
    expect(manifest.database.kind).toBe(dialectUnderTest);
    expect(manifest.migrations).toContain('0001_initial');
    const media = manifest.files.filter((f) => f.area === 'media').map((f) => f.path);
    expect(media.sort()).toEqual([...(await objects(t.deps.storage)).keys()].sort());
    expect(media.some((k) => k.endsWith('/renditions/' + k.split('/')[5] + '/master.m3u8'))).toBe(true);
    const uploads = manifest.files.filter((f) => f.area === 'uploads');
    expect(uploads.map((f) => f.path).sort()).toEqual([...uploadDirFiles(t.deps.config.uploadDir).keys()].sort());
    for (const [id, bytes] of originals) {
      const f = uploads.find((u) => u.path === id)!;
      expect(f.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
      expect(f.size).toBe(bytes.length);
    }
    await expect(verifyBackup(folder)).resolves.toMatchObject({ format: 1 });
  });
});

describe('npm run restore', () => {
  it('restores into a fresh data dir: same entries, reviews, files byte for byte, audit chain intact', async () => {
    const target = await freshTarget();
    try {
      const result = await restoreBackup(target.config, backup.folder);
      expect(result).toEqual({ database: dialectUnderTest, files: backup.manifest.files.length });

      const restored = openDatabase(target.config.database);
      try {
        for (const table of COMPARED)
          expect(await rows(restored.db, table), table).toEqual(await rows(t.deps.db, table));
        expect((await rows(restored.db, 'reviews')).length).toBeGreaterThan(0);
        expect(await verifyAuditLog(restored)).toMatchObject({ ok: true });
      } finally {
        await restored.close();
      }

      const source = await objects(t.deps.storage);
      const copy = await objects(createStorage(target.config.storage));
      expect(copy.size).toBe(source.size);
      for (const [key, bytes] of source) expect(copy.get(key)?.equals(bytes), key).toBe(true);

      const restoredUploads = uploadDirFiles(target.config.uploadDir);
      expect([...restoredUploads.keys()].sort()).toEqual([...uploadDirFiles(t.deps.config.uploadDir).keys()].sort());
      for (const [id, bytes] of originals) expect(restoredUploads.get(id)?.equals(bytes), id).toBe(true);
    } finally {
      await target.drop();
    }
  });

  it('refuses a damaged backup, naming the file, and writes nothing', async () => {
    const damaged = path.join(tmpDir(), 'damaged');
    fs.cpSync(backup.folder, damaged, { recursive: true });
    const victim = backup.manifest.files.find((f) => f.area === 'uploads' && originals.has(f.path))!;
    const file = path.join(damaged, 'uploads', victim.path);
    const bytes = fs.readFileSync(file);
    bytes[1000] = bytes[1000]! ^ 0xff;
    fs.writeFileSync(file, bytes);

    const target = await freshTarget();
    try {
      const err = await restoreBackup(target.config, damaged).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RestoreError);
      expect((err as Error).message).toContain(`uploads/${victim.path}`);
      expect((err as Error).message).toContain('Bản sao lưu bị hỏng');
      expect((err as Error).message).toContain('The backup is damaged');
      expect(fs.existsSync(path.join(target.config.dataDir, 'contest.sqlite'))).toBe(false);
      expect(fs.existsSync(target.config.uploadDir)).toBe(false);
    } finally {
      await target.drop();
    }
  });

  it('refuses to restore over an installation that has data', async () => {
    const err = await restoreBackup(t.deps.config, backup.folder).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestoreError);
    expect((err as Error).message).toContain('A restore goes into an empty installation only');
    expect((err as Error).message).toContain(t.deps.config.uploadDir);
  });
});
