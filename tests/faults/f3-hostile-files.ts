/**
 * F3: hostile and fuzzed files sent as entries' videos through the real path (tus upload to a server process with
 * the worker role, which checks the file). Each must end with a clear verdict: refused at the start with an error
 * code and message, or refused by the check with each failed rule named in Vietnamese and English. The server must
 * not crash (same process throughout, still healthy) and no check job may fail.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { pseudoRandomBytes } from '../helpers/videos.ts';
import { newDraftOverHttp, type Bed } from './bed.ts';
import { log, tusLeg, waitFor } from './harness.ts';

interface Hostile {
  name: string;
  filename: string;
  body: Buffer;
}

function ffmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}`))));
  });
}

/** A box: 32-bit size, type, payload. */
function box(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
}

/** Overwrites every `type` box's 16.16 width and height (tkhd) or 16-bit ones (avc1) with huge values. */
function hugeDimensions(mp4: Buffer): Buffer {
  const out = Buffer.from(mp4);
  for (let i = out.indexOf('tkhd'); i >= 0; i = out.indexOf('tkhd', i + 4)) {
    const end = i - 4 + out.readUInt32BE(i - 4);
    out.writeUInt32BE(0xffff0000, end - 8);
    out.writeUInt32BE(0xffff0000, end - 4);
  }
  for (let i = out.indexOf('avc1'); i >= 0; i = out.indexOf('avc1', i + 4)) {
    out.writeUInt16BE(0xffff, i + 4 + 24);
    out.writeUInt16BE(0xffff, i + 4 + 26);
  }
  return out;
}

/** Random damage to a valid file: flipped bytes, a lying box size, or a cut at a random point. */
function fuzz(base: Buffer, seed: number): Buffer {
  const rnd = pseudoRandomBytes(64, seed);
  const out = Buffer.from(base);
  const at = (k: number) => rnd.readUInt32BE(k) % out.length;
  switch (seed % 3) {
    case 0:
      for (let k = 0; k < 12; k++) out[at(k * 4)] = rnd[48 + k]!;
      return out;
    case 1: {
      const moov = out.indexOf('moov');
      if (moov > 4) out.writeUInt32BE(rnd.readUInt32BE(0), moov - 4);
      return out;
    }
    default:
      return out.subarray(0, Math.max(1, at(0)));
  }
}

export async function hostileFiles(fuzzed: number): Promise<Hostile[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faults-f3-'));
  try {
    const file = path.join(dir, 'base.mp4');
    await ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=25',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440',
      '-t',
      '3',
      '-pix_fmt',
      'yuv420p',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-c:a',
      'aac',
      '-movflags',
      '+faststart',
      file,
    ]);
    const base = fs.readFileSync(file);
    const largesize = Buffer.alloc(16);
    largesize.writeUInt32BE(1, 0);
    largesize.write('mdat', 4, 'latin1');
    largesize.writeBigUInt64BE(1n << 62n, 8);
    const files: Hostile[] = [
      { name: 'truncated mp4', filename: 'cat-do.mp4', body: base.subarray(0, Math.floor(base.length * 0.6)) },
      { name: 'random bytes named .mp4', filename: 'ngau-nhien.mp4', body: pseudoRandomBytes(256 * 1024, 42) },
      { name: 'huge dimensions in the header', filename: 'khong-lo.mp4', body: hugeDimensions(base) },
      { name: 'zero-length', filename: 'rong.mp4', body: Buffer.alloc(0) },
      { name: 'a video named .txt', filename: 'phim.txt', body: base },
      { name: 'an HTML page named .mp4', filename: 'trang.mp4', body: Buffer.from('<!doctype html><p>xin chào') },
      {
        name: 'a box claiming 2^62 bytes',
        filename: 'hop-lon.mp4',
        body: Buffer.concat([box('ftyp', Buffer.from('isom\0\0\0\0isomavc1')), largesize, Buffer.alloc(4096)]),
      },
      // Zip-bomb-like: 64 MiB of zeros in 64 KiB, for anything that would inflate it.
      { name: 'gzip of 64 MiB named .mp4', filename: 'bom-nen.mp4', body: zlib.gzipSync(Buffer.alloc(64 << 20)) },
    ];
    for (let k = 0; k < fuzzed; k++)
      files.push({
        name: `fuzzed ${k} (${['bytes', 'moov size', 'cut'][k % 3]})`,
        filename: `fuzz-${k}.mp4`,
        body: fuzz(base, k + 1),
      });
    return files;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Verdict {
  name: string;
  how: 'refused at start' | 'refused by the check' | 'accepted';
  rules: string[];
}

export async function runF3(bed: Bed, opts: { fuzzed: number }): Promise<{ files: number; verdicts: Verdict[] }> {
  const server = bed.servers[0]!;
  const pid = server.proc!.pid;
  const starts = server.starts;
  const verdicts: Verdict[] = [];
  for (const f of await hostileFiles(opts.fuzzed)) {
    const entryId = await newDraftOverHttp(server.url, bed.t.demoSlug, bed.entrant, f.name);
    const leg = await tusLeg(server.url, bed.entrant, f.body, { entryId, filename: f.filename });
    if (!leg.finished) {
      // Refused before any byte was stored: the answer must carry a code and a message.
      const m = /response text: (\{.*\})/s.exec(leg.error ?? '')?.[1];
      const error = m ? (JSON.parse(m) as { error?: { code?: string; message?: string } }).error : undefined;
      assert.ok(error?.code && error.message, `${f.name}: refused without a clear reason: ${leg.error}`);
      verdicts.push({ name: f.name, how: 'refused at start', rules: [error.code] });
      continue;
    }
    type View = {
      upload?: {
        status: string;
        verdict: { failures: { rule: string; message: { vi: string; en: string } }[] } | null;
      };
    };
    let view: View = {};
    await waitFor(`a verdict on ${f.name}`, async () => {
      const r = await fetch(`${server.url}/api/entries/${entryId}`, { headers: { cookie: bed.entrant.cookie } });
      view = (await r.json()) as View;
      return view.upload?.status === 'accepted' || view.upload?.status === 'refused';
    });
    const failures = view.upload?.verdict?.failures ?? [];
    assert.equal(view.upload?.status, 'refused', `${f.name}: ${view.upload?.status}`);
    assert.ok(failures.length > 0, `${f.name}: refused with no rule named`);
    for (const x of failures) assert.ok(x.message.vi && x.message.en, `${f.name}: rule ${x.rule} without a message`);
    verdicts.push({ name: f.name, how: 'refused by the check', rules: failures.map((x) => x.rule) });
  }
  assert.ok(server.alive && server.proc!.pid === pid && server.starts === starts, 'the server process died');
  assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
  const failedJobs = (await bed.t.deps.jobs.countByState()).filter((c) => c.state === 'failed' && c.count > 0);
  assert.deepEqual(failedJobs, [], 'a check job failed');
  for (const v of verdicts) log(`F3 ${v.name}: ${v.how} (${v.rules.join(', ')})`);
  return { files: verdicts.length, verdicts };
}
