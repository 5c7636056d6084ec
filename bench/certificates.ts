/**
 * Issue 13's benchmark: all certificates for 100 winners as one print-ready PDF, against rendering one certificate
 * 100 times in a plain loop (each its own small PDF, thrown away), in the same run. Reports the time ratio (target
 * ≤ 1.2×) and the peak memory of the batch at 100 and at 400 certificates (target: it does not grow with the count).
 *
 *   npx tsx bench/certificates.ts [count=100] [rounds=3]
 */
import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { certificateModel, type CertificateModel } from '@core/documents/certificate.ts';
import { certificatesPdf, writeCertificates } from '../server/documents/certificate-pdf.ts';

const count = Number(process.argv[2] === '--child' ? 0 : (process.argv[2] ?? 100));
const rounds = Number(process.argv[3] ?? 3);

function model(i: number): CertificateModel {
  const code = `ABCDEFGHJKMNPQRS${String(i).padStart(4, '0')}`;
  return certificateModel({
    issuingBody: {
      superior: 'UBND huyện Vĩnh Linh',
      nameLines: ['Ban Tổ chức cuộc thi'],
      abbr: 'BTC',
      place: 'Vĩnh Linh',
    },
    contestName: 'Xây dựng video clip, phóng sự tuyên truyền cải cách hành chính năm 2024',
    number: `${String(i + 1).padStart(2, '0')}/GCN-BTC`,
    date: { year: 2024, month: 10, day: 15 },
    recipient: {
      kind: i % 3 === 0 ? 'unit' : 'person',
      name: i % 3 === 0 ? `UBND xã Vĩnh Thái số ${i}` : `Nguyễn Thị Ngọc Hưởng ${i}`,
      members: i % 3 === 0 ? ['Trần Văn Nam', 'Lê Thị Ỷ'] : [],
      unitName: i % 3 === 0 ? '' : 'UBND thị trấn Hồ Xá',
    },
    entryTitle: `Một cửa điện tử ở Vĩnh Linh, phần ${i}`,
    prizeName: ['Giải Nhất', 'Giải Nhì', 'Giải Ba', 'Giải Khuyến khích'][i % 4]!,
    signature: { collective: 'Ban Tổ chức', position: 'Trưởng ban', fullName: 'Nguyễn Văn Hùng' },
    verification: { url: `https://thi.vinhlinh.gov.vn/xac-minh/${code}`, code },
  });
}

/** A sink that counts bytes, as a file or an HTTP response would take them, without holding them. */
function countingSink(): Writable & { bytes: number } {
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      sink.bytes += chunk.length;
      cb();
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

async function batch(n: number): Promise<{ ms: number; bytes: number }> {
  const models = Array.from({ length: n }, (_, i) => model(i));
  const t = performance.now();
  const sink = countingSink();
  await writeCertificates(models, sink);
  return { ms: performance.now() - t, bytes: sink.bytes };
}

/** Peak resident memory of a fresh process that prints `n` certificates, in MiB. */
function childPeak(n: number, mode: 'batch' | 'loop'): number {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, String(n)],
    {
      encoding: 'utf8',
    },
  );
  return Number(out.trim()) / 1024;
}

if (process.argv[2] === '--child') {
  const n = Number(process.argv[4]);
  if (process.argv[3] === 'batch') await batch(n);
  else await loop(n);
  console.log(process.resourceUsage().maxRSS);
  process.exit(0);
}

async function loop(n: number): Promise<number> {
  const models = Array.from({ length: n }, (_, i) => model(i));
  const t = performance.now();
  for (const m of models) await certificatesPdf([m]);
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await batch(5); // warm-up: fonts parsed, code compiled
await loop(5);
const batchMs: number[] = [];
const loopMs: number[] = [];
let last = { bytes: 0 };
for (let r = 0; r < rounds; r++) {
  // Alternate the order so that neither always runs on a warmer or a busier machine.
  if (r % 2 === 0) {
    const b = await batch(count);
    batchMs.push(b.ms);
    last = b;
    loopMs.push(await loop(count));
  } else {
    loopMs.push(await loop(count));
    const b = await batch(count);
    batchMs.push(b.ms);
    last = b;
  }
}
const peaks = { loop: childPeak(count, 'loop'), small: childPeak(count, 'batch'), big: childPeak(count * 4, 'batch') };
console.log(`certificates: ${count} in one PDF vs one certificate rendered ${count} times (median of ${rounds})`);
console.log(
  `  batch ${median(batchMs).toFixed(0)} ms (${(last.bytes / 1024).toFixed(0)} KiB), ` +
    `loop ${median(loopMs).toFixed(0)} ms`,
);
console.log(`  ratio batch/loop = ${(median(batchMs) / median(loopMs)).toFixed(2)}× (target ≤ 1.2×)`);
console.log(
  `  peak RSS of a fresh process: loop of ${count} ${peaks.loop.toFixed(0)} MiB, batch of ${count} ` +
    `${peaks.small.toFixed(0)} MiB, batch of ${count * 4} ${peaks.big.toFixed(0)} MiB ` +
    `(${(peaks.big / peaks.small).toFixed(2)}× for 4× the certificates; ` +
    `batch/loop ${(peaks.small / peaks.loop).toFixed(2)}×)`,
);
