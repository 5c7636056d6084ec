/**
 * `npm run archive:verify FILE [--manifest-sha256 HEX]`: checks a contest archive downloaded from the staff area
 * against its manifest and says plainly whether it is intact, and which files were altered, are missing or were
 * added. With `--manifest-sha256` (the value in the audit record `archive.exported`), the manifest itself is checked
 * too. Exits 0 when intact, 1 when not, 2 on a usage error. Needs neither the server nor its database.
 */
import { verifyArchiveFile } from './archive-check.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--manifest-sha256');
const expected = at >= 0 ? args[at + 1]?.toLowerCase() : undefined;
const file = args.find((a, i) => (at < 0 || (i !== at && i !== at + 1)) && !a.startsWith('--'));
if (!file || (at >= 0 && !/^[0-9a-f]{64}$/.test(expected ?? ''))) {
  console.error('Cách dùng / usage: npm run archive:verify FILE.zip [--manifest-sha256 HEX]');
  process.exit(2);
}

const v = await verifyArchiveFile(file);
if (v.unreadable) {
  console.error(`KHÔNG KIỂM TRA ĐƯỢC bản lưu trữ / archive CANNOT BE CHECKED: ${v.unreadable}`);
  process.exit(1);
}
const lines: string[] = [];
for (const p of v.check.altered)
  lines.push(
    v.damaged.includes(p)
      ? `  Tệp hỏng, không đọc được / damaged, unreadable: ${p}`
      : `  Tệp bị sửa (mã băm khác) / altered (hash differs): ${p}`,
  );
for (const p of v.check.missing) lines.push(`  Thiếu tệp / missing: ${p}`);
for (const p of v.check.unlisted) lines.push(`  Tệp lạ, không có trong danh sách / not in the manifest: ${p}`);
for (const p of v.media) lines.push(`  Danh sách video không khớp / media list mismatch: ${p}`);
const manifestWrong = expected !== undefined && expected !== v.manifestSha256;
if (manifestWrong)
  lines.push(
    `  manifest.json khác bản đã ghi nhật ký / manifest differs from the audited one: ` +
      `${v.manifestSha256} ≠ ${expected}`,
  );
if (!v.ok || manifestWrong) {
  console.error('Bản lưu trữ BỊ THAY ĐỔI / archive ALTERED:');
  for (const l of lines) console.error(l);
  process.exit(1);
}
console.log(
  `Bản lưu trữ NGUYÊN VẸN / archive INTACT: ${v.listed} tệp khớp mã SHA-256 / files match their SHA-256.\n` +
    `SHA-256 của manifest.json / of manifest.json: ${v.manifestSha256}` +
    (expected
      ? ' (khớp nhật ký kiểm toán / matches the audit log)'
      : ' (so với bản ghi archive.exported / compare with the audit record archive.exported)'),
);
