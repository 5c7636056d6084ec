import path from 'node:path';
import { ConfigError, loadConfig } from './config.ts';
import { createBackup } from './ops/backup.ts';

// npm run backup [-- FOLDER]: into FOLDER, else BACKUP_DIR, else DATA_DIR/backups; one timestamped folder a run.
try {
  const config = loadConfig();
  const outDir = process.argv[2] ?? process.env.BACKUP_DIR ?? path.join(config.dataDir, 'backups');
  const { folder, manifest } = await createBackup(config, { outDir });
  const bytes = manifest.files.reduce((n, f) => n + f.size, manifest.database.size);
  console.log(
    `Đã sao lưu vào / backed up to ${folder}\n` +
      `  ${manifest.database.kind}, ${manifest.files.length} tệp / files, ${(bytes / 1e6).toFixed(1)} MB`,
  );
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `Sao lưu thất bại / backup failed: ${String(err)}`);
  process.exitCode = 1;
}
