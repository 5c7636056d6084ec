/**
 * Benchmark P5 (run by hand: `npx tsx bench/renditions.ts`): rendition throughput of our job (the service the
 * `make-renditions` job calls: probe facts from the verdict, poster run, ladder run with progress parsed and written
 * to the database, directory renamed into place) against the very same ffmpeg commands run by hand in the same run
 * (same arguments, same priority wrapper (`backgroundCommand`: SCHED_IDLE or `nice`), no Node in between). Target:
 * ≥ 95 % of the raw throughput.
 *
 * The source is a real 1080p H.264 + AAC file with motion (ffmpeg's `testsrc2`, 25 fps), made in a temporary directory
 * that is deleted afterwards. Job and raw runs alternate so that drift on a noisy machine hits both; each figure is
 * the median of the runs.
 *
 * Options: --seconds N (source duration, default 20), --runs N (default 3).
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backgroundCommand } from '../server/media/ffmpeg-progress.ts';
import { probeVideoFile } from '../server/media/mp4-probe.ts';
import { ladderArgs, planRenditions, posterArgs, type RenditionSource } from '../server/media/renditions.ts';
import { makeRenditions } from '../server/services/media/make-renditions.ts';
import { completeDraft } from '../tests/helpers/entries.ts';
import { loggedInClient, makeUser, startTestApp } from '../tests/helpers/test-app.ts';
import { runFfmpeg } from '../tests/helpers/videos.ts';
import { uploadPath } from '../server/services/uploads/upload-files.ts';
import { enqueueRenditions } from '../server/services/media/pipeline.ts';
import { arg } from './args.ts';

const SECONDS = arg('seconds', 20);
const RUNS = arg('runs', 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function ffmpegByHand(args: string[]): Promise<void> {
  const [cmd, argv] = backgroundCommand('ffmpeg', args, 'idle');
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`ffmpeg failed (${code}): ${err.slice(-500)}`)),
    );
  });
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-renditions-'));
const t = await startTestApp({ env: { MAX_DRAFTS_PER_ENTRANT: '100' } });
try {
  const source = path.join(work, 'source.mp4');
  process.stdout.write(`making a ${SECONDS} s 1080p25 source… `);
  await runFfmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=s=1920x1080:r=25',
    '-f',
    'lavfi',
    '-i',
    'sine=f=440:r=48000',
    '-t',
    String(SECONDS),
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-b:v',
    '8M',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    source,
  ]);
  console.log('done');
  const { probe } = await probeVideoFile(source);
  const src: RenditionSource = {
    displayWidth: probe.video!.displayWidth,
    displayHeight: probe.video!.displayHeight,
    codedWidth: probe.video!.codedWidth,
    codedHeight: probe.video!.codedHeight,
    durationSec: probe.durationSec,
    hasAudio: probe.audio !== null,
    container: 'mp4',
  };
  const plan = planRenditions(src);

  fs.mkdirSync(t.deps.config.uploadDir, { recursive: true });
  const owner = await makeUser(t);
  const client = await loggedInClient(t, owner.email, owner.password);

  /** One run of the job on a fresh accepted upload of the source. */
  async function jobRun(): Promise<number> {
    const res = await client.post(`/api/contests/${t.demoSlug}/entries`, completeDraft({ kind: 'person' }));
    const entryId = res.json().id as number;
    const uploadId = crypto.randomBytes(24).toString('base64url');
    fs.copyFileSync(source, uploadPath(t.deps, uploadId));
    const at = new Date().toISOString();
    await t.deps.db
      .insertInto('uploads')
      .values({
        id: uploadId,
        entry_id: entryId,
        user_id: owner.id,
        size_bytes: fs.statSync(source).size,
        filename: 'b.mp4',
        status: 'accepted',
        sha256: null,
        verdict_json: JSON.stringify({ ok: true, failures: [], passed: [], probe }),
        created_at: at,
        completed_at: at,
        checked_at: at,
      })
      .execute();
    await t.deps.db.updateTable('entries').set({ accepted_upload_id: uploadId }).where('id', '=', entryId).execute();
    await enqueueRenditions(t.deps, uploadId);
    const t0 = performance.now();
    await makeRenditions(t.deps, uploadId);
    return (performance.now() - t0) / 1000;
  }

  /** The same two ffmpeg commands, by hand. */
  async function rawRun(i: number): Promise<number> {
    const out = path.join(work, `raw-${i}`);
    fs.mkdirSync(out);
    for (const v of plan.variants) fs.mkdirSync(path.join(out, v.name));
    const t0 = performance.now();
    await ffmpegByHand(posterArgs(source, out, src, plan));
    await ffmpegByHand(ladderArgs(source, out, src, plan));
    const sec = (performance.now() - t0) / 1000;
    fs.rmSync(out, { recursive: true, force: true });
    return sec;
  }

  const job: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first.
    if (i % 2 === 0) {
      raw.push(await rawRun(i));
      job.push(await jobRun());
    } else {
      job.push(await jobRun());
      raw.push(await rawRun(i));
    }
    console.log(`run ${i + 1}: raw ffmpeg ${raw[i]!.toFixed(2)} s, job ${job[i]!.toFixed(2)} s`);
  }
  const media = SECONDS;
  const rawX = media / median(raw);
  const jobX = media / median(job);
  console.log(
    `source: ${SECONDS} s of 1920×1080 25 fps; ladder ${plan.variants.map((v) => v.name).join(' + ')}, poster, ` +
      `strip; ${os.availableParallelism?.() ?? os.cpus().length} CPUs`,
  );
  console.log(`raw ffmpeg (median of ${RUNS}): ${median(raw).toFixed(2)} s = ${rawX.toFixed(2)}× real time`);
  console.log(`our job    (median of ${RUNS}): ${median(job).toFixed(2)} s = ${jobX.toFixed(2)}× real time`);
  const ratio = jobX / rawX;
  console.log(
    `P5 throughput ratio job / raw: ${(ratio * 100).toFixed(1)} % (target ≥ 95 %) ${ratio >= 0.95 ? 'PASS' : 'FAIL'}`,
  );
} finally {
  await t.close();
  fs.rmSync(work, { recursive: true, force: true });
}
