import { loadConfig } from '../config.ts';
import { openDatabase } from './dialect.ts';
import { migrateToLatest } from './migrate.ts';

const config = loadConfig();
const database = openDatabase(config.database);
try {
  const applied = await migrateToLatest(database);
  console.log(
    applied.length
      ? `Đã áp dụng / applied: ${applied.join(', ')}`
      : 'Cơ sở dữ liệu đã mới nhất / database is up to date',
  );
} finally {
  await database.close();
}
