import { loadConfig } from './config.ts';
import { openDatabase } from './db/dialect.ts';
import { verifyAuditLog } from './services/audit/verify-audit-log.ts';

const config = loadConfig();
const database = openDatabase(config.database);
try {
  const verdict = await verifyAuditLog(database);
  if (verdict.ok) {
    console.log(`Nhật ký kiểm toán nguyên vẹn: ${verdict.count} bản ghi / audit log intact: ${verdict.count} records`);
  } else {
    console.error(
      `Nhật ký kiểm toán bị sửa đổi tại bản ghi #${verdict.brokenAtSeq} (${verdict.reason}) / ` +
        `audit log broken at record #${verdict.brokenAtSeq} (${verdict.reason})`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
