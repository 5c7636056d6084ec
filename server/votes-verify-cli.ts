/**
 * `npm run votes:verify FILE`: checks a downloaded vote log (core/voting/vote-log.ts) — every hash of the chain, the
 * sequence, the times, the window and the voting rule — and recomputes the tally per entry. Exits 1 on any failure.
 * Needs neither the server nor its database.
 */
import fs from 'node:fs';
import { digestMismatches, verifyVoteLog, type DayDigest } from '@core/voting/vote-log.ts';
import { reasonText } from '@core/voting/reasons.ts';
import { sha256Hex } from './security/tokens.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--digests');
const digestsFile = at >= 0 ? args[at + 1] : undefined;
const file = args.find((a, i) => (at < 0 || (i !== at && i !== at + 1)) && !a.startsWith('--'));
if (!file || (at >= 0 && !digestsFile)) {
  console.error('Cách dùng / usage: npm run votes:verify FILE [--digests DIGESTS]');
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
if (digestsFile) {
  // The digests published on the results page, one `day<TAB>seq<TAB>hash` a line (as downloaded from it).
  const published: DayDigest[] = fs
    .readFileSync(digestsFile, 'utf8')
    .split('\n')
    .map((l) =>
      l
        .trim()
        .replace(/^digest\t/, '')
        .split('\t'),
    )
    .filter((p) => p.length === 3)
    .map(([day, seq, hash]) => ({ day: day!, seq: Number(seq), hash: hash! }));
  const wrong = digestMismatches(verdict.digests, published);
  if (wrong.length) {
    for (const d of wrong)
      console.error(`Ngày ${d.day}: bản tóm tắt đã công bố không khớp / published digest does not match (${d.seq})`);
    process.exit(1);
  }
  console.log(`Khớp ${published.length} bản tóm tắt hằng ngày / ${published.length} daily digests match`);
}
