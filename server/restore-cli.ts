import { ConfigError, loadConfig } from './config.ts';
import { restoreBackup, RestoreError } from './ops/restore.ts';

// npm run restore FOLDER: into the (empty) installation that DATA_DIR, DATABASE_URL and STORAGE describe.
const folder = process.argv[2];
if (!folder) {
  console.error('Cách dùng / usage: npm run restore -- FOLDER');
  process.exit(2);
}
try {
  const { database, files } = await restoreBackup(loadConfig(), folder);
  console.log(
    `Đã khôi phục và kiểm tra lại / restored and verified: ${database}, ${files} tệp / files.\n` +
      'Khởi động máy chủ như thường lệ / start the server as usual (npm start).',
  );
} catch (err) {
  console.error(
    err instanceof ConfigError || err instanceof RestoreError
      ? err.message
      : `Khôi phục thất bại / restore failed: ${String(err)}`,
  );
  process.exitCode = 1;
}
