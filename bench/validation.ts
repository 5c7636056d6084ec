/**
 * Benchmark P2 (run by hand: `npx tsx bench/validation.ts`): our verdict on a 1 GiB and a 2 GiB MP4, each with the
 * moov at the front and at the end, and on the 1 GiB one as fragmented MP4 (two layouts), against
 * `ffprobe -v error -show_format -show_streams` on the same files in the same run. Target: ≤ 0.5 s and ≤ 100 MiB, no
 * slower than ffprobe.
 *
 * The files are real and valid: a 10-second Full HD H.264 + AAC segment encoded at a constant bitrate, repeated by
 * stream copy to 5:20 (1 GiB, 30 fps) and 9:40 (2 GiB, 60 fps, about 60,000 samples in the index), then remuxed with
 * `+faststart` for the moov-at-the-front variants. The fragmented ones are the 1 GiB file remuxed by stream copy: one
 * fragment per key frame (every second) as ffmpeg and OBS write it, and half-second fragments with a moof per track
 * and no mfra at the end, as a browser's MediaRecorder streams it (about 1,300 fragments, every one read). They live
 * in a temporary directory that is deleted afterwards.
 *
 * Each figure is the median of 3 runs. Our check runs in a child process (as the server's worker would run it) which
 * reports its own time for the verdict and its peak RSS (`process.resourceUsage().maxRSS`); the child's whole wall
 * time, Node and tsx start-up included, is printed too. ffprobe's peak RSS comes from GNU time (`/usr/bin/time -f %M`).
 * Runs are on a warm page cache (each file is read through once before its runs, as a file whose upload just ended is
 * in the cache) and then, after all the warm runs, on a cold one for the file in question (`dd iflag=nocache count=0`
 * drops that file's pages, nothing else).
 *
 * Options: --runs N (default 3), --keep (leave the files, print the directory), --dir DIR (where to put them).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultEntryRules } from '@core/contest.ts';
import { checkVideoFile } from '../server/media/check-video-file.ts';
import { decodeCheckArgs } from '../server/media/decode-check.ts';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const SELF = path.resolve(import.meta.dirname, 'validation.ts');
const ROOT = path.resolve(import.meta.dirname, '..');

// ---------------------------------------------------------------------------------------------------------------
// Child mode: one verdict, then report time and memory.

if (process.argv[2] === '--child') {
  const [, , , mode, file] = process.argv;
  if (mode === 'idle') {
    console.log(JSON.stringify({ ms: 0, maxRssKiB: process.resourceUsage().maxRSS }));
  } else {
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const r = await checkVideoFile(file!, defaultEntryRules(), { decode: mode === 'decode' });
    const ms = performance.now() - t0;
    const maxRssKiB = process.resourceUsage().maxRSS;
    const growthKiB = Math.max(0, maxRssKiB - Math.round(rssBefore / 1024));
    // A long-running server has its code compiled already: the same verdict again, in the same process.
    const t1 = performance.now();
    await checkVideoFile(file!, defaultEntryRules(), { decode: mode === 'decode' });
    const againMs = performance.now() - t1;
    console.log(
      JSON.stringify({
        ms,
        againMs,
        maxRssKiB,
        growthKiB,
        ok: r.ok,
        failures: r.failures.map((f) => `${f.rule}: ${f.message.en}`),
      }),
    );
  }
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------------------------

interface Run {
  wallMs: number;
  ms: number;
  rssKiB: number | null;
  out: string;
  code: number | null;
}

function run(cmd: string, args: string[], opts: { timeRss?: boolean } = {}): Promise<Run> {
  const useTime = opts.timeRss && fs.existsSync('/usr/bin/time');
  const [c, a] = useTime ? ['/usr/bin/time', ['-f', '@@RSS %M', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(c, a, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => {
      if (out.length < 1_000_000) out += d;
    });
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => {
      const wallMs = performance.now() - t0;
      const m = /@@RSS (\d+)/.exec(err);
      resolve({ wallMs, ms: wallMs, rssKiB: m ? Number(m[1]) : null, out: out + (code !== 0 ? err : ''), code });
    });
  });
}

function ffmpeg(args: string[]): void {
  const r = spawnSync('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}: ${r.stderr}`);
}

function freeBytes(dir: string): number {
  const r = spawnSync('df', ['-Pk', dir], { encoding: 'utf8' });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return Number(line.split(/\s+/)[3]) * 1024;
}

function dropFromCache(file: string): boolean {
  return spawnSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']).status === 0;
}

/** Reads a whole file once (1 MiB at a time), leaving it in the page cache. */
async function readThrough(file: string): Promise<void> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1024 * 1024);
    while ((await fh.read(buf, 0, buf.length, null)).bytesRead > 0);
  } finally {
    await fh.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface BenchFile {
  label: string;
  path: string;
  size: number;
  durationSec: number;
}

/** A valid Full HD file of about `target` bytes by stream-copying a constant-bitrate 10-second segment. */
function makeFiles(dir: string, fps: number, bitrate: number, target: number, tag: string): BenchFile[] {
  const seg = path.join(dir, `${tag}-segment.mp4`);
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `testsrc2=s=1920x1080:r=${fps},noise=alls=12:allf=t`,
    '-f',
    'lavfi',
    '-i',
    'sine=f=440:r=48000',
    '-t',
    '10',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-b:v',
    String(bitrate),
    '-minrate',
    String(bitrate),
    '-maxrate',
    String(bitrate),
    '-bufsize',
    String(bitrate),
    '-x264-params',
    'nal-hrd=cbr',
    '-g',
    String(fps),
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-ac',
    '2',
    seg,
  ]);
  // Whole segments, as close to the target size as the rules' 5–10 minutes allow.
  const loops = Math.min(60, Math.max(30, Math.round(target / fs.statSync(seg).size)));
  const end = path.join(dir, `${tag}-moov-end.mp4`);
  const front = path.join(dir, `${tag}-moov-front.mp4`);
  ffmpeg(['-stream_loop', String(loops - 1), '-i', seg, '-c', 'copy', '-t', String(loops * 10), '-f', 'mp4', end]);
  ffmpeg(['-i', end, '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', front]);
  fs.rmSync(seg);
  const gib = (target / GiB).toFixed(0);
  return [
    { label: `${gib} GiB, moov at front`, path: front, size: fs.statSync(front).size, durationSec: loops * 10 },
    { label: `${gib} GiB, moov at end`, path: end, size: fs.statSync(end).size, durationSec: loops * 10 },
  ];
}

/** The 1 GiB file as fragmented MP4, in the two layouts recorders write. */
function makeFragmented(dir: string, from: BenchFile, tag: string): BenchFile[] {
  const perKeyFrame = path.join(dir, `${tag}-fragmented.mp4`);
  const recorder = path.join(dir, `${tag}-fragmented-recorder.mp4`);
  const copy = ['-i', from.path, '-c', 'copy', '-movflags'];
  ffmpeg([...copy, 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', perKeyFrame]);
  ffmpeg([
    ...copy,
    'empty_moov+separate_moof+default_base_moof+skip_trailer',
    '-frag_duration',
    '500000',
    '-f',
    'mp4',
    recorder,
  ]);
  const gib = (from.size / GiB).toFixed(0);
  return [
    { ...from, label: `${gib} GiB, fragmented, 1 s`, path: perKeyFrame, size: fs.statSync(perKeyFrame).size },
    { ...from, label: `${gib} GiB, fragmented, 0.5 s/track`, path: recorder, size: fs.statSync(recorder).size },
  ];
}

/** How many fragments (moof boxes) a file has at its top level; 0 for a classic MP4. */
function fragmentCount(file: string): number {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const h = Buffer.alloc(16);
    let n = 0;
    for (let pos = 0; pos < size;) {
      fs.readSync(fd, h, 0, 16, pos);
      let s = h.readUInt32BE(0);
      if (s === 1) s = Number(h.readBigUInt64BE(8));
      if (h.toString('latin1', 4, 8) === 'moof') n++;
      if (s < 8) break;
      pos += s;
    }
    return n;
  } finally {
    fs.closeSync(fd);
  }
}

function moovOffset(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const h = Buffer.alloc(16);
    let pos = 0;
    for (let i = 0; i < 100 && pos < size; i++) {
      fs.readSync(fd, h, 0, 16, pos);
      let s = h.readUInt32BE(0);
      if (s === 1) s = Number(h.readBigUInt64BE(8));
      if (h.toString('latin1', 4, 8) === 'moov')
        return `${(pos / MiB).toFixed(1)} MiB (${(s / MiB).toFixed(2)} MiB long)`;
      if (s < 8) break;
      pos += s;
    }
    return '?';
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The same code bundled into one plain JavaScript file, to run in bare Node as a production build would: tsx's own
 * loader costs about 40 MiB of RSS in every process it runs. Skipped if esbuild (tsx's dependency) is not importable.
 */
async function bundleForPlainNode(dir: string): Promise<string | null> {
  try {
    const esbuild = await import('esbuild');
    const outfile = path.join(dir, 'validation-bundle.mjs');
    await esbuild.build({
      entryPoints: [SELF],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'silent',
      external: ['esbuild'],
    });
    return outfile;
  } catch (err) {
    console.log(`(no plain-Node figures: ${(err as Error).message.split('\n')[0]})`);
    return null;
  }
}

function parseChild(r: Run): {
  ms: number;
  againMs?: number;
  maxRssKiB: number;
  growthKiB?: number;
  ok?: boolean;
  failures?: string[];
} {
  try {
    return JSON.parse(r.out.trim().split('\n').pop()!);
  } catch {
    throw new Error(`benchmark child failed (${r.code}): ${r.out}`);
  }
}

const fmtMs = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const fmtMiB = (kib: number | null) => (kib === null ? 'n/a' : (kib / 1024).toFixed(1));
const ratio = (a: number | null, b: number | null) =>
  a === null || b === null || b === 0 ? 'n/a' : (a / b).toFixed(2);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const runsAt = argv.indexOf('--runs');
  const runs = runsAt >= 0 ? Math.max(1, Number(argv[runsAt + 1]) || 3) : 3;
  const keep = argv.includes('--keep');
  const parent = argv.includes('--dir') ? path.resolve(argv[argv.indexOf('--dir') + 1]!) : os.tmpdir();
  for (const tool of ['ffmpeg', 'ffprobe']) {
    if (spawnSync(tool, ['-version']).status !== 0) throw new Error(`${tool} is needed (apt-get install ffmpeg)`);
  }
  const need = 9 * GiB;
  const free = freeBytes(parent);
  console.log(`Free space in ${parent}: ${(free / GiB).toFixed(1)} GiB (needs about ${(need / GiB).toFixed(0)} GiB)`);
  if (!(free > need)) throw new Error('not enough free disk space; use --dir DIR on a larger disk');

  const dir = fs.mkdtempSync(path.join(parent, 'bench-validation-'));
  const cleanup = () => {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    const t0 = performance.now();
    const oneGiB = makeFiles(dir, 30, 26_000_000, GiB, '1gib');
    const files = [
      ...oneGiB,
      ...makeFiles(dir, 60, 28_500_000, 2 * GiB, '2gib'),
      ...makeFragmented(dir, oneGiB[1]!, '1gib'),
    ];
    console.log(
      `Made ${files.length} files in ${((performance.now() - t0) / 1000).toFixed(0)} s (${os.cpus().length} ` +
        `CPUs, Node ${process.versions.node}, ` +
        `${spawnSync('ffprobe', ['-version'], { encoding: 'utf8' }).stdout.split('\n')[0]})\n`,
    );

    const bundle = await bundleForPlainNode(dir);
    const tsxChild = (mode: string, file: string) =>
      run(process.execPath, ['--import', 'tsx', SELF, '--child', mode, file]);
    const idle = parseChild(await tsxChild('idle', '-'));
    const plainIdle = bundle ? parseChild(await run(process.execPath, [bundle, '--child', 'idle', '-'])) : null;
    const canDrop = dropFromCache(files[0]!.path);

    interface Row {
      f: BenchFile;
      verdict: string;
      ours: number;
      again: number;
      oursWall: number;
      oursRss: number;
      growth: number;
      plainWall: number | null;
      plainRss: number | null;
      decode: number;
      decodeRss: number;
      ffmpegRss: number | null;
      ffprobe: number;
      ffprobeRss: number | null;
      coldOurs: number | null;
      coldFfprobe: number | null;
    }
    const rows: Row[] = [];
    for (const f of files) {
      const ours: number[] = [],
        again: number[] = [],
        oursWall: number[] = [],
        oursRss: number[] = [],
        growth: number[] = [],
        plainWall: number[] = [],
        plainRss: number[] = [];
      const dec: number[] = [],
        decRss: number[] = [],
        ffMs: number[] = [],
        ffRss: number[] = [];
      const coldOurs: number[] = [],
        coldFf: number[] = [];
      let verdict = '';
      await readThrough(f.path); // in the page cache, as a file whose upload just ended is
      for (let i = 0; i < runs; i++) {
        const a = await tsxChild('nodecode', f.path);
        const ac = parseChild(a);
        ours.push(ac.ms);
        again.push(ac.againMs ?? ac.ms);
        oursWall.push(a.wallMs);
        oursRss.push(ac.maxRssKiB);
        growth.push(ac.growthKiB ?? 0);
        if (bundle) {
          const pl = await run(process.execPath, [bundle, '--child', 'nodecode', f.path]);
          plainWall.push(pl.wallMs);
          plainRss.push(parseChild(pl).maxRssKiB);
        }
        const b = parseChild(await tsxChild('decode', f.path));
        dec.push(b.ms);
        decRss.push(b.maxRssKiB);
        verdict = b.ok ? 'valid' : `REFUSED: ${b.failures?.join('; ')}`;
        const p = await run('ffprobe', ['-v', 'error', '-show_format', '-show_streams', f.path], { timeRss: true });
        if (p.code !== 0) throw new Error(`ffprobe failed on ${f.path}: ${p.out}`);
        ffMs.push(p.wallMs);
        if (p.rssKiB !== null) ffRss.push(p.rssKiB);
      }
      // Cold runs after all the warm ones: dropping the file's pages must not leave the next "warm" run half cold.
      for (let i = 0; canDrop && i < runs; i++) {
        dropFromCache(f.path);
        coldOurs.push(parseChild(await tsxChild('nodecode', f.path)).ms);
        dropFromCache(f.path);
        coldFf.push((await run('ffprobe', ['-v', 'error', '-show_format', '-show_streams', f.path])).wallMs);
      }
      // ffmpeg's own memory for the two decode runs (a separate process from ours).
      const args = decodeCheckArgs(f.path);
      const ffmpegRss =
        Math.max(
          ...(
            await Promise.all([
              run('ffmpeg', args.first, { timeRss: true }),
              run('ffmpeg', args.last, { timeRss: true }),
            ])
          ).map((r) => r.rssKiB ?? 0),
        ) || null;
      rows.push({
        f,
        verdict,
        ours: median(ours),
        again: median(again),
        oursWall: median(oursWall),
        oursRss: median(oursRss),
        growth: median(growth),
        plainWall: plainWall.length ? median(plainWall) : null,
        plainRss: plainRss.length ? median(plainRss) : null,
        decode: median(dec),
        decodeRss: median(decRss),
        ffmpegRss,
        ffprobe: median(ffMs),
        ffprobeRss: ffRss.length ? median(ffRss) : null,
        coldOurs: coldOurs.length ? median(coldOurs) : null,
        coldFfprobe: coldFf.length ? median(coldFf) : null,
      });
    }

    console.log(
      `Validation benchmark (P2), median of ${runs} runs, warm page cache. Times in ms, memory = peak RSS in MiB.`,
    );
    console.log(
      `Idle child, modules loaded, no check: ${fmtMiB(idle.maxRssKiB)} MiB under tsx, ` +
        `${plainIdle ? fmtMiB(plainIdle.maxRssKiB) : 'n/a'} MiB in plain Node.\n`,
    );
    const header = [
      'file',
      'size',
      'length',
      'moov at',
      'fragments (moof)',
      'verdict',
      'ours ms (in process)',
      'ours ms, 2nd call',
      'ffprobe ms (process)',
      'time ours/ffprobe',
      'ours RSS, tsx child',
      'ours RSS, plain Node',
      'RSS growth in check',
      'ffprobe RSS',
      'RSS plain Node/ffprobe',
      'child wall ms, tsx',
      'child wall ms, plain',
      'wall plain/ffprobe',
      'ours+decode ms',
      'ours+decode RSS',
      'ffmpeg decode RSS',
      'cold: ours ms',
      'cold: ffprobe ms',
    ];
    const table = rows.map((r) => [
      r.f.label,
      `${(r.f.size / GiB).toFixed(2)} GiB`,
      `${Math.floor(r.f.durationSec / 60)}:${String(r.f.durationSec % 60).padStart(2, '0')}`,
      moovOffset(r.f.path),
      String(fragmentCount(r.f.path)),
      r.verdict,
      fmtMs(r.ours),
      fmtMs(r.again),
      fmtMs(r.ffprobe),
      ratio(r.ours, r.ffprobe),
      fmtMiB(r.oursRss),
      fmtMiB(r.plainRss),
      fmtMiB(r.growth),
      fmtMiB(r.ffprobeRss),
      ratio(r.plainRss, r.ffprobeRss),
      fmtMs(r.oursWall),
      r.plainWall === null ? 'n/a' : fmtMs(r.plainWall),
      ratio(r.plainWall, r.ffprobe),
      fmtMs(r.decode),
      fmtMiB(r.decodeRss),
      fmtMiB(r.ffmpegRss),
      r.coldOurs === null ? 'n/a' : fmtMs(r.coldOurs),
      r.coldFfprobe === null ? 'n/a' : fmtMs(r.coldFfprobe),
    ]);
    // Printed transposed: one column per file, one line per figure.
    const width = Math.max(...header.map((h) => h.length));
    const colW = table.map((row) => Math.max(...row.map((c) => c.length)));
    header.forEach((h, i) =>
      console.log(`${h.padEnd(width)}  ${table.map((row, j) => row[i]!.padStart(colW[j]!)).join('  ')}`),
    );
    const worst = Math.max(...rows.map((r) => r.ours));
    const worstRss = Math.max(...rows.map((r) => r.oursRss));
    const worstPlain = rows.every((r) => r.plainRss !== null) ? Math.max(...rows.map((r) => r.plainRss!)) : null;
    const worstGrowth = Math.max(...rows.map((r) => r.growth));
    const slower = rows.filter((r) => r.ours > r.ffprobe).length;
    console.log(
      `\nP2: worst verdict ${fmtMs(worst)} ms (target ≤ 500); worst peak RSS ${fmtMiB(worstRss)} MiB under ` +
        `tsx, ${fmtMiB(worstPlain)} MiB in plain Node, of which ${fmtMiB(worstGrowth)} MiB during the check ` +
        `(target ≤ 100); slower than ffprobe on ${slower}/${rows.length} files.`,
    );
    console.log(
      '"ours ms" is the verdict inside the process (probe, integrity, rules; no decode), as the server runs ' +
        'it, first call in a fresh process; "2nd call" repeats it in that process. "child wall" is a whole ' +
        'process doing one verdict, start-up included, like the check-video command. RSS is the peak of the ' +
        'whole process; "growth in check" is how much the peak rose during the verdict itself.',
    );
  } finally {
    if (keep) console.log(`Files kept in ${dir}`);
    cleanup();
  }
}

await main();
