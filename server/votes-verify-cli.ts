/**
 * `npm run votes:verify FILE`: checks a downloaded vote log (core/voting/vote-log.ts) — every hash of the chain, the
 * sequence, the times, the window and the voting rule — and recomputes the tally per entry. Exits 1 on any failure.
 * Needs neither the server nor its database.
 */
import fs from 'node:fs';
import { verifyVoteLog } from '@core/voting/vote-log.ts';
import { reasonText } from '@core/voting/reasons.ts';
import { sha256Hex } from './security/tokens.ts';

const file = process.argv[2];
if (!file) {
  console.error('Cách dùng / usage: npm run votes:verify FILE');
  process.exit(2);
}
const verdict = verifyVoteLog(fs.readFileSync(file, 'utf8'), sha256Hex);
if (!verdict.ok) {
  const f = verdict.failure!;
  console.error(
    `Nhật ký bình chọn KHÔNG hợp lệ tại dòng ${f.line} (${f.reason}): ${f.detail}\n` +
      `Vote log NOT valid at line ${f.line} (${f.reason}): ${f.detail}`,
  );
  process.exit(1);
}
console.log(
  `Chuỗi băm nguyên vẹn / chain intact: ${verdict.records} bản ghi / records, ${verdict.votes} lượt / votes, ` +
    `head ${verdict.head?.seq ?? 0} ${verdict.head?.hash ?? '-'}`,
);
console.log('entry\tcounted\tquarantined\tinvalidated');
const rows = [...verdict.tally.entries()].sort((a, b) => b[1].counted - a[1].counted || a[0].localeCompare(b[0]));
for (const [entry, t] of rows) console.log(`${entry}\t${t.counted}\t${t.quarantined}\t${t.invalidated}`);
for (const status of ['quarantined', 'invalidated'] as const)
  for (const [code, n] of verdict.reasons[status])
    console.log(`${status}\t${code}\t${n}\t${reasonText(code, 'vi')} / ${reasonText(code, 'en')}`);
for (const d of verdict.digests) console.log(`digest\t${d.day}\t${d.seq}\t${d.hash}`);
