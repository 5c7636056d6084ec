/**
 * R6/R7 on real files made by ffmpeg: the server's verdict (`checkVideoFile`) and the `check-video` command agree,
 * every fixture gets the right failed rules and messages in both languages, we catch what ffprobe lets through,
 * and damaged or hostile headers never crash or hang the probe.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEntryRules } from '@core/contest.ts';
import type { VideoRule } from '@core/video-policy.ts';
import { loadConfig } from '../../server/config.ts';
import { createDeps } from '../../server/deps.ts';
import { checkVideoFile } from '../../server/media/check-video-file.ts';
import { PROBE_LIMITS, probeVideoFile, rotationFromMatrix, type IntegrityCode } from '../../server/media/mp4-probe.ts';
import { ensureFirstAdmin } from '../../server/services/accounts/ensure-first-admin.ts';
import { loadDemoContest } from '../../server/services/contests/load-demo-contest.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.ts';
import {
  makeTestVideos,
  pseudoRandomBytes,
  runFfmpeg,
  TEST_VIDEO_DESCRIPTIONS,
  TEST_VIDEO_NAMES,
  topLevelBoxes,
  type TestVideoName,
  type TestVideos,
} from '../helpers/videos.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PLAN = defaultEntryRules();

let dir: string;
let v: TestVideos;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'video-checks-'));
  v = await makeTestVideos(path.join(dir, 'fixtures'));
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Expectation {
  ok: boolean;
  rules: VideoRule[];
  integrity?: IntegrityCode[];
  vi?: RegExp;
  en?: RegExp;
}

const EXPECTED: Record<TestVideoName, Expectation> = {
  valid720: { ok: true, rules: [] },
  valid720Faststart: { ok: true, rules: [] },
  valid1080: { ok: true, rules: [] },
  valid1080Faststart: { ok: true, rules: [] },
  short459: {
    ok: false,
    rules: ['duration'],
    vi: /^Video dài 4 phút 59 giây; thể lệ yêu cầu từ 5 đến 10 phút\./,
    en: /^The video lasts 4 min 59 s; the rules require 5 to 10 minutes\./,
  },
  long1001: {
    ok: false,
    rules: ['duration'],
    vi: /^Video dài 10 phút 01 giây; thể lệ yêu cầu từ 5 đến 10 phút\./,
    en: /^The video lasts 10 min 01 s; the rules require 5 to 10 minutes\./,
  },
  fourByThree: {
    ok: false,
    rules: ['aspect_ratio'],
    vi: /tỉ lệ khung hình 4:3 \(1440×1080\); thể lệ yêu cầu tỉ lệ 16:9/,
    en: /aspect ratio is 4:3 \(1440×1080\); the rules require 16:9/,
  },
  portrait: {
    ok: false,
    rules: ['aspect_ratio'],
    vi: /^Video quay dọc: hiển thị 720×1280;.*chiều ngang 16:9/,
    en: /^The video is portrait: it displays at 720×1280;.*landscape 16:9/,
  },
  rotated90: {
    ok: false,
    rules: ['aspect_ratio'],
    vi: /^Video quay dọc: hiển thị 720×1280 \(khung hình lưu 1280×720 kèm cờ xoay 270°\)/,
    en: /^The video is portrait: .*stored as 1280×720 with a 270° rotation flag/,
  },
  mov: {
    ok: false,
    rules: ['container'],
    vi: /^Tệp thực chất là MOV \(QuickTime\), không phải MP4/,
    en: /^The file is actually MOV \(QuickTime\), not MP4/,
  },
  webmRenamed: {
    ok: false,
    rules: ['container'],
    vi: /^Tệp thực chất là WebM, không phải MP4/,
    en: /^The file is actually WebM, not MP4/,
  },
  truncated60: {
    ok: false,
    rules: ['integrity'],
    integrity: ['truncated'],
    vi: /^Tệp bị thiếu phần cuối \(bị cắt cụt\)/,
    en: /^The file is truncated/,
  },
  truncated60MoovEnd: {
    ok: false,
    rules: ['integrity'],
    integrity: ['truncated'],
    vi: /^Tệp bị thiếu phần cuối \(bị cắt cụt\).*phần chỉ mục \(moov\) cũng không có/,
    en: /^The file is truncated.*the index \(moov\) is missing too/,
  },
  appended: {
    ok: false,
    rules: ['integrity'],
    integrity: ['trailing_data'],
    vi: /^Sau phần cuối của video còn 4 KB dữ liệu lạ/,
    en: /^There are 4 KB of unexpected data after the end of the video/,
  },
  html: {
    ok: false,
    rules: ['container'],
    vi: /^Không nhận ra định dạng tệp: đây không phải là video MP4/,
    en: /^The file format is not recognized/,
  },
  empty: { ok: false, rules: ['container'], vi: /^Tệp rỗng \(0 byte\)/, en: /^The file is empty \(0 bytes\)/ },
  fragmented: { ok: true, rules: [] },
  fragmentedMany: { ok: true, rules: [] },
  fragmentedMediaRecorder: { ok: true, rules: [] },
  fragmentedMoovSamples: { ok: true, rules: [] },
  // Refused for what they are, not for being fragmented.
  fragmentedShort: {
    ok: false,
    rules: ['duration'],
    vi: /^Video dài 4 phút 59 giây; thể lệ yêu cầu từ 5 đến 10 phút\./,
    en: /^The video lasts 4 min 59 s; the rules require 5 to 10 minutes\./,
  },
  fragmentedFourByThree: {
    ok: false,
    rules: ['aspect_ratio'],
    vi: /tỉ lệ khung hình 4:3 \(1440×1080\); thể lệ yêu cầu tỉ lệ 16:9/,
    en: /aspect ratio is 4:3 \(1440×1080\); the rules require 16:9/,
  },
  fragmentedTruncated: {
    ok: false,
    rules: ['integrity'],
    integrity: ['truncated'],
    vi: /^Tệp bị thiếu phần cuối \(bị cắt cụt\).*hộp «mdat» vượt quá cuối tệp/,
    en: /^The file is truncated.*box 'mdat' runs past the end of the file/,
  },
  fragmentedAppended: {
    ok: false,
    rules: ['integrity'],
    integrity: ['trailing_data'],
    vi: /^Sau phần cuối của video còn 4 KB dữ liệu lạ/,
    en: /^There are 4 KB of unexpected data after the end of the video/,
  },
};

function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'server/check-video-cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, npm_lifecycle_event: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('checkVideoFile on every fixture (server verdict, plan rules)', () => {
  for (const name of TEST_VIDEO_NAMES) {
    const want = EXPECTED[name];
    it(`${name}: ${TEST_VIDEO_DESCRIPTIONS[name]} → ${want.ok ? 'accepted' : want.rules.join(', ')}`, async () => {
      const r = await checkVideoFile(v[name], PLAN);
      expect(r.failures.map((f) => f.rule)).toEqual(want.rules);
      expect(r.ok).toBe(want.ok);
      if (want.integrity) expect(r.integrity.problems.map((p) => p.code)).toEqual(want.integrity);
      if (want.vi) expect(r.failures[0]!.message.vi).toMatch(want.vi);
      if (want.en) expect(r.failures[0]!.message.en).toMatch(want.en);
      for (const f of r.failures) {
        expect(f.message.vi).toBe(f.message.vi.normalize('NFC'));
        expect(f.message.vi).toMatch(/[Hh]ãy /); // every refusal says what to do
        expect(f.message.en).toMatch(/ again/);
        expect(f.message.en).toMatch(/^[\x20-\x7e×–…“”’«»°]*$/);
      }
    });
  }

  it('reads the same facts whether the moov is at the front or at the end', async () => {
    for (const [end, front, w, h] of [
      [v.valid720, v.valid720Faststart, 1280, 720],
      [v.valid1080, v.valid1080Faststart, 1920, 1080],
    ] as const) {
      const a = await probeVideoFile(end);
      const b = await probeVideoFile(front);
      expect(a.probe).toEqual(b.probe);
      expect(a.integrity).toEqual({ ok: true, problems: [] });
      expect(b.integrity).toEqual({ ok: true, problems: [] });
      expect(a.probe).toMatchObject({
        container: 'mp4',
        majorBrand: 'isom',
        video: { codec: 'avc1', codedWidth: w, codedHeight: h, rotation: 0, displayWidth: w, displayHeight: h },
        audio: { codec: 'mp4a' },
      });
      expect(a.probe.durationSec).toBeCloseTo(330, 0);
    }
  });

  it('reads the rotation the way ffmpeg displays it', async () => {
    const { probe } = await probeVideoFile(v.rotated90);
    // ffmpeg's "90" is counterclockwise (its display-matrix convention); ours is the clockwise turn a player applies.
    const ff = JSON.parse(
      spawnSync(
        'ffprobe',
        [
          '-v',
          'error',
          '-select_streams',
          'v:0',
          '-show_entries',
          'stream_side_data=rotation',
          '-of',
          'json',
          v.rotated90,
        ],
        { encoding: 'utf8' },
      ).stdout,
    );
    const ffRotation = Number(ff.streams[0].side_data_list[0].rotation);
    expect(probe.video!.rotation).toBe((((360 - ffRotation) % 360) + 360) % 360);
    expect(probe.video).toMatchObject({ codedWidth: 1280, codedHeight: 720, displayWidth: 720, displayHeight: 1280 });
    // A phone's portrait matrix (a=0, b=1, c=−1, d=0) is 90° clockwise.
    expect([
      rotationFromMatrix(1, 0),
      rotationFromMatrix(0, 1),
      rotationFromMatrix(-1, 0),
      rotationFromMatrix(0, -1),
    ]).toEqual([0, 90, 180, 270]);
  });

  it("applies the contest's size limit to the file size", async () => {
    const r = await checkVideoFile(v.valid720, { ...PLAN, maxSizeBytes: 100_000 });
    expect(r.failures.map((f) => f.rule)).toEqual(['size']);
    expect(r.failures[0]!.message.vi).toMatch(/^Tệp nặng 119,6 KB; thể lệ cho phép tối đa 97,7 KB\./);
  });

  it('skips the decode when asked, and when the structure already failed', async () => {
    expect((await checkVideoFile(v.valid1080, PLAN, { decode: false })).ok).toBe(true);
    // A missing ffmpeg would throw; a structural failure never reaches it.
    const r = await checkVideoFile(v.truncated60, PLAN, { ffmpegPath: path.join(dir, 'no-such-ffmpeg') });
    expect(r.failures.map((f) => f.rule)).toEqual(['integrity']);
  });

  it('refuses a file whose pictures cannot be decoded although its index is sound', async () => {
    // Overwrite the media data (past the first 4 KiB of mdat) with noise: every box and sample table stays valid.
    const src = fs.readFileSync(v.valid720Faststart);
    const mdat = src.indexOf('mdat', 0, 'latin1') + 4;
    const noisy = Buffer.from(src);
    pseudoRandomBytes(noisy.length - mdat, 7).copy(noisy, mdat);
    const file = path.join(dir, 'noise.mp4');
    fs.writeFileSync(file, noisy);
    const r = await checkVideoFile(file, PLAN);
    expect(r.integrity.ok).toBe(true);
    expect(r.failures.map((f) => f.rule)).toEqual(['decode']);
    expect(r.failures[0]!.message.vi).toMatch(/^Không giải mã được giây (đầu tiên|cuối cùng) của video/);
    expect(r.failures[0]!.message.vi).not.toContain(dir); // the server's paths never reach the entrant
    expect(r.failures[0]!.message.en).not.toContain(dir);
  });
});

describe('the check-video command', () => {
  it('prints one JSON line per file with the same verdicts, exit 1 when any fails', async () => {
    const names = [...TEST_VIDEO_NAMES];
    const { code, stdout } = await runCli(['--json', ...names.map((n) => v[n])]);
    expect(code).toBe(1);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(names.length);
    names.forEach((name, i) => {
      const line = lines[i];
      expect(Object.keys(line)).toEqual(['file', 'ok', 'failures', 'probe']);
      expect(line.file).toBe(v[name]);
      expect(line.ok).toBe(EXPECTED[name].ok);
      expect(line.failures.map((f: { rule: string }) => f.rule)).toEqual(EXPECTED[name].rules);
      if (EXPECTED[name].vi) expect(line.failures[0].message).toMatch(EXPECTED[name].vi!);
    });
    expect(lines[0].probe).toMatchObject({ container: 'mp4', video: { displayWidth: 1280, displayHeight: 720 } });
    // Every test video decoded by ffmpeg in one process: it took over a minute once on a loaded machine.
  }, 180_000);

  it('speaks English with --lang en', async () => {
    const { code, stdout } = await runCli(['--json', '--lang', 'en', v.long1001, v.mov]);
    expect(code).toBe(1);
    const [long, mov] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(long.failures[0].message).toMatch(EXPECTED.long1001.en!);
    expect(mov.failures[0].message).toMatch(EXPECTED.mov.en!);
  });

  it('prints a readable verdict in Vietnamese, exit 0 when every file passes', async () => {
    const [pass, fail] = await Promise.all([
      runCli([v.valid720, v.valid1080Faststart]),
      runCli([v.valid720, v.portrait, path.join(dir, 'khong-co.mp4')]),
    ]);
    expect(pass.code).toBe(0);
    expect(pass.stdout).toContain(`[ĐẠT] ${v.valid720}`);
    expect(pass.stdout).toContain('MP4, 5 phút 30 giây, 1920×1080, H.264 + AAC');
    expect(pass.stdout).toContain('Kết quả: 2/2 tệp đạt.');
    expect(fail.code).toBe(1);
    expect(fail.stdout).toContain(`[KHÔNG ĐẠT] ${v.portrait}`);
    expect(fail.stdout).toContain('- Tỉ lệ khung hình: Video quay dọc: hiển thị 720×1280');
    expect(fail.stdout).toContain('Không tìm thấy tệp.');
    expect(fail.stdout).toContain('Kết quả: 1/3 tệp đạt.');
  });

  it('exits 2 on usage errors', async () => {
    const [none, lang, unknown] = await Promise.all([
      runCli([]),
      runCli(['--lang', 'fr', v.valid720]),
      runCli(['--frobnicate', v.valid720]),
    ]);
    expect(none.code).toBe(2);
    expect(lang.code).toBe(2);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('npm run check-video');
  });

  describe('with --contest, reading the rules from the configured database', () => {
    let db: TestDatabase;
    let slug: string;
    let env: NodeJS.ProcessEnv;
    let close: () => Promise<void>;

    beforeAll(async () => {
      db = await createTestDatabase();
      const config = loadConfig({ DATABASE_URL: db.url, DATA_DIR: db.dataDir, LOG_LEVEL: 'silent' });
      const { deps, database } = await createDeps(config, pino({ level: 'silent' }));
      const admin = await ensureFirstAdmin(deps);
      if (!admin.created) throw new Error('expected a fresh database');
      slug = (await loadDemoContest(deps, { userId: admin.userId, isSiteAdmin: true, ip: null }))!.slug;
      // A second contest with its own rules: one to five minutes and twenty seconds.
      const row = await deps.db.selectFrom('contests').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
      const rules = { ...JSON.parse(row.entry_rules_json), minDurationSec: 60, maxDurationSec: 320 };
      await deps.db
        .updateTable('contests')
        .set({ entry_rules_json: JSON.stringify(rules) })
        .where('slug', '=', slug)
        .execute();
      env = { DATABASE_URL: db.url, DATA_DIR: db.dataDir, LOG_LEVEL: 'silent' };
      close = async () => {
        await database.close();
        await db.drop();
      };
    }, 60_000);
    afterAll(async () => close?.());

    it("applies that contest's limits", async () => {
      const { code, stdout, stderr } = await runCli(['--contest', slug, '--json', v.valid720, v.short459], env);
      expect(code).toBe(1);
      expect(stderr).toContain(`(${slug})`);
      const [a, b] = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(a.failures.map((f: { rule: string }) => f.rule)).toEqual(['duration']);
      expect(a.failures[0].message).toMatch(
        /^Video dài 5 phút 30 giây; thể lệ yêu cầu từ 1 phút 00 giây đến 5 phút 20 giây\./,
      );
      // 4:59 is refused by the plan but within this contest's limits.
      expect(b).toMatchObject({ ok: true, failures: [] });
    });

    it('exits 2 for a contest that does not exist', async () => {
      const r = await runCli(['--contest', 'khong-co-cuoc-thi-nay', v.valid720], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Không tìm thấy cuộc thi.');
    });
  });
});

describe("what ffprobe misses (same files, this machine's ffprobe)", () => {
  function ffprobe(file: string) {
    const r = spawnSync('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file], {
      encoding: 'utf8',
    });
    return { code: r.status, stderr: r.stderr.trim(), json: r.status === 0 ? JSON.parse(r.stdout) : null };
  }

  it('ffprobe reports the truncated (moov at the front) and the appended files as fine; we refuse them', async () => {
    for (const [name, code] of [
      ['truncated60', 'truncated'],
      ['appended', 'trailing_data'],
      ['fragmentedAppended', 'trailing_data'],
    ] as const) {
      const ff = ffprobe(v[name]);
      expect(ff.code).toBe(0);
      expect(ff.stderr).toBe('');
      expect(Number(ff.json.format.duration)).toBeCloseTo(330, 0);
      expect(ff.json.streams.map((s: { codec_type: string }) => s.codec_type)).toEqual(['video', 'audio']);
      const ours = await probeVideoFile(v[name]);
      expect(ours.integrity.ok).toBe(false);
      expect(ours.integrity.problems.map((p) => p.code)).toEqual([code]);
    }
  });

  it('ffprobe silently reports a fragmented file cut inside a fragment as a shorter video; we refuse it', async () => {
    const ff = ffprobe(v.fragmentedTruncated);
    expect(ff.code).toBe(0);
    expect(ff.stderr).toBe('');
    expect(Number(ff.json.format.duration)).toBeLessThan(300);
    const ours = await probeVideoFile(v.fragmentedTruncated);
    expect(ours.integrity.problems.map((p) => p.code)).toEqual(['truncated']);
  });

  it('ffprobe does notice a truncated file whose moov was at the end; so do we', async () => {
    const ff = ffprobe(v.truncated60MoovEnd);
    expect(ff.code).not.toBe(0);
    expect(ff.stderr).toContain('moov atom not found');
    expect((await probeVideoFile(v.truncated60MoovEnd)).integrity.ok).toBe(false);
  });
});

/** Offsets of a box's payload inside a file, by its type (the first occurrence at or after `from`). */
function findBox(buf: Buffer, type: string, from = 0): number {
  const at = buf.indexOf(type, from, 'latin1');
  if (at < 4) throw new Error(`no ${type}`);
  return at + 4;
}

/** Seeded generator for the fuzz loop (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An ISO-BMFF box: size, type, payload. */
function box(type: string, payload: Buffer | string = Buffer.alloc(0)): Buffer {
  const p = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'latin1');
  const h = Buffer.alloc(8);
  h.writeUInt32BE(8 + p.length, 0);
  h.write(type, 4, 'latin1');
  return Buffer.concat([h, p]);
}
const ftyp = box('ftyp', 'isom\0\0\x02\0isomiso2avc1mp41');

describe('damaged and hostile headers (fuzz)', () => {
  async function probeBytes(bytes: Buffer, name = 'fuzz.mp4') {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    const t0 = performance.now();
    const r = await probeVideoFile(file);
    return { ...r, ms: performance.now() - t0 };
  }

  function sane(r: Awaited<ReturnType<typeof probeBytes>>): void {
    expect(['mp4', 'mov', 'webm', 'matroska', 'avi', 'unknown']).toContain(r.probe.container);
    // A guard against hanging, not a benchmark (bench/validation.ts measures speed): generous for a busy machine.
    expect(r.ms).toBeLessThan(10_000);
    if (r.integrity.ok) expect(r.integrity.problems).toEqual([]);
    for (const p of r.integrity.problems) {
      expect(p.message.en).not.toContain('internal reader error');
      expect(p.message.vi).toBe(p.message.vi.normalize('NFC'));
    }
  }

  it('never throws, hangs or crashes on flipped and truncated bytes in header and moov (400 cases)', async () => {
    const src = fs.readFileSync(v.valid720Faststart);
    const mdatPayload = findBox(src, 'mdat');
    const random = rng(20240620);
    let refused = 0;
    for (let i = 0; i < 400; i++) {
      const b = Buffer.from(src);
      const flips = 1 + Math.floor(random() * 8);
      for (let k = 0; k < flips; k++) b[Math.floor(random() * mdatPayload)] = Math.floor(random() * 256);
      const cut = random() < 0.25 ? Math.floor(random() * b.length) : b.length;
      const r = await probeBytes(b.subarray(0, cut));
      sane(r);
      // The last box of this file is the mdat: any cut leaves it running past the end.
      if (cut < b.length) expect(r.integrity.ok).toBe(false);
      if (!r.integrity.ok) refused++;
    }
    expect(refused).toBeGreaterThan(100);
  }, 60_000);

  it('refuses sample tables that point outside the file or outside the mdat (200 seeded cases)', async () => {
    const src = fs.readFileSync(v.valid720Faststart);
    const stco = findBox(src, 'stco'); // video track's chunk offsets
    const chunks = src.readUInt32BE(stco + 4);
    const stsz = findBox(src, 'stsz');
    const samples = src.readUInt32BE(stsz + 8);
    const moov = findBox(src, 'moov');
    const random = rng(7);
    for (let i = 0; i < 200; i++) {
      const b = Buffer.from(src);
      const kind = i % 4;
      let want: IntegrityCode;
      if (kind === 0) {
        b.writeUInt32BE(
          Math.min(0xffffffff, src.length + 1 + Math.floor(random() * 1e9)),
          stco + 8 + 4 * Math.floor(random() * chunks),
        );
        want = 'sample_outside_file';
      } else if (kind === 1) {
        // An offset into the moov.
        b.writeUInt32BE(moov + Math.floor(random() * 64), stco + 8 + 4 * Math.floor(random() * chunks));
        want = 'sample_outside_mdat';
      } else if (kind === 2) {
        b.writeUInt32BE(src.length + Math.floor(random() * 1e9), stsz + 12 + 4 * Math.floor(random() * samples));
        want = 'sample_outside_file';
      } else {
        b.writeUInt32BE(chunks + 1 + Math.floor(random() * 1e6), stco + 4); // more chunks than the table holds
        want = 'bad_box';
      }
      const r = await probeBytes(b);
      sane(r);
      expect(r.integrity.ok).toBe(false);
      expect(r.integrity.problems.map((p) => p.code)).toContain(want);
      expect((await checkVideoFile(path.join(dir, 'fuzz.mp4'), PLAN, { decode: false })).ok).toBe(false);
    }
  }, 60_000);

  it('bounds hostile box structures', async () => {
    // Thousands of empty boxes: stops at the limit, quickly.
    const many = await probeBytes(
      Buffer.concat([ftyp, ...Array.from({ length: PROBE_LIMITS.maxTopLevelBoxes + 5 }, () => box('free'))]),
    );
    sane(many);
    expect(many.integrity.problems.map((p) => p.code)).toContain('bad_box');

    // A box smaller than its header.
    const tiny = Buffer.concat([ftyp, Buffer.from([0, 0, 0, 4]), Buffer.from('moov', 'latin1'), Buffer.alloc(32)]);
    const t = await probeBytes(tiny);
    sane(t);
    expect(t.integrity.problems.map((p) => p.code)).toContain('bad_box');

    // A 64-bit size far past the end, and a moov claiming 1 GiB in a tiny file: truncated, nothing allocated.
    const huge = Buffer.concat([
      ftyp,
      Buffer.from([0, 0, 0, 1]),
      Buffer.from('mdat', 'latin1'),
      Buffer.from([0, 0, 0x10, 0, 0, 0, 0, 0]),
      Buffer.alloc(100),
    ]);
    expect((await probeBytes(huge)).integrity.problems.map((p) => p.code)).toEqual(['truncated']);
    const bigMoov = Buffer.concat([
      ftyp,
      Buffer.from([0x40, 0, 0, 0]),
      Buffer.from('moov', 'latin1'),
      Buffer.alloc(100),
    ]);
    expect((await probeBytes(bigMoov)).integrity.problems.map((p) => p.code)).toEqual(['truncated']);

    // Size 0 means "to the end of the file": a valid last box, and no index.
    const toEnd = Buffer.concat([ftyp, Buffer.from([0, 0, 0, 0]), Buffer.from('mdat', 'latin1'), Buffer.alloc(1000)]);
    expect((await probeBytes(toEnd)).integrity.problems.map((p) => p.code)).toEqual(['no_moov']);

    // A child box larger than its parent, and a trak nested in nonsense.
    const trak = box(
      'trak',
      Buffer.concat([Buffer.from([0, 0, 0x10, 0]), Buffer.from('mdia', 'latin1'), Buffer.alloc(16)]),
    );
    const badChild = await probeBytes(Buffer.concat([ftyp, box('moov', trak), box('mdat', Buffer.alloc(10))]));
    sane(badChild);
    expect(badChild.integrity.problems.map((p) => p.code)).toEqual(['bad_box']);
  });

  it('refuses an index larger than the limit without reading it (sparse file)', async () => {
    const file = path.join(dir, 'big-moov.mp4');
    const size = PROBE_LIMITS.maxIndexBytes + 1024;
    const head = Buffer.concat([ftyp, Buffer.alloc(8)]);
    head.writeUInt32BE(size - ftyp.length, ftyp.length);
    head.write('moov', ftyp.length + 4, 'latin1');
    fs.writeFileSync(file, head);
    fs.truncateSync(file, size);
    const r = await probeVideoFile(file);
    expect(r.integrity.problems.map((p) => p.code)).toEqual(['bad_box']);
    expect(r.integrity.problems[0]!.message.en).toContain('the index (moov) is too large');
  });

  it('recognizes Matroska, WebM and AVI by their magic, whatever the name', async () => {
    const ebml = (docType: string) => {
      const dt = Buffer.concat([Buffer.from([0x42, 0x82, 0x80 | docType.length]), Buffer.from(docType, 'latin1')]);
      return Buffer.concat([
        Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | (dt.length + 4)]),
        Buffer.from([0x42, 0x86, 0x81, 0x01]),
        dt,
        Buffer.alloc(64),
      ]);
    };
    expect((await probeBytes(ebml('matroska'))).probe.container).toBe('matroska');
    expect((await probeBytes(ebml('webm'))).probe.container).toBe('webm');
    const avi = Buffer.concat([
      Buffer.from('RIFF', 'latin1'),
      Buffer.from([0, 1, 0, 0]),
      Buffer.from('AVI LIST', 'latin1'),
      Buffer.alloc(64),
    ]);
    expect((await probeBytes(avi)).probe.container).toBe('avi');
    const wav = Buffer.concat([
      Buffer.from('RIFF', 'latin1'),
      Buffer.from([0, 1, 0, 0]),
      Buffer.from('WAVEfmt ', 'latin1'),
      Buffer.alloc(64),
    ]);
    expect((await probeBytes(wav)).probe.container).toBe('unknown');
    expect((await probeBytes(pseudoRandomBytes(5000, 3))).probe.container).toBe('unknown');
  });
});

/** Payload offsets of each fragment's tfhd and trun boxes, from the file's own structure. */
function fragmentsOf(buf: Buffer): { start: number; end: number; trafs: { tfhd: number; truns: number[] }[] }[] {
  const children = (start: number, end: number) => {
    const out: { type: string; payload: number; end: number }[] = [];
    for (let at = start; at + 8 <= end; at += buf.readUInt32BE(at)) {
      out.push({ type: buf.toString('latin1', at + 4, at + 8), payload: at + 8, end: at + buf.readUInt32BE(at) });
    }
    return out;
  };
  return children(0, buf.length)
    .filter((b) => b.type === 'moof')
    .map((moof) => ({
      start: moof.payload - 8,
      end: moof.end,
      trafs: children(moof.payload, moof.end)
        .filter((c) => c.type === 'traf')
        .map((traf) => {
          const inner = children(traf.payload, traf.end);
          return {
            tfhd: inner.find((c) => c.type === 'tfhd')!.payload,
            truns: inner.filter((c) => c.type === 'trun').map((c) => c.payload),
          };
        }),
    }));
}

const flagsAt = (buf: Buffer, payload: number) => buf.readUInt32BE(payload) & 0xffffff;

describe('fragmented MP4 (moof/traf/trun)', () => {
  function ffprobeDuration(file: string): number {
    const r = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    return Number(r.stdout.trim());
  }

  it('reads a fragmented file as it reads the classic file it came from, and the duration ffprobe reads', async () => {
    for (const [name, classic] of [
      ['fragmented', 'valid720'],
      ['fragmentedMany', 'valid1080'],
      ['fragmentedMediaRecorder', 'valid720'],
      ['fragmentedMoovSamples', 'valid720'],
    ] as const) {
      const frag = await probeVideoFile(v[name]);
      const ref = await probeVideoFile(v[classic]);
      expect(frag.integrity, name).toEqual({ ok: true, problems: [] });
      expect(frag.probe.video, name).toEqual(ref.probe.video);
      expect(frag.probe.audio, name).toEqual(ref.probe.audio);
      expect(frag.probe.container, name).toBe('mp4');
      expect(frag.probe.sizeBytes, name).toBe(fs.statSync(v[name]).size);
      expect(frag.probe.durationSec, name).toBeCloseTo(ffprobeDuration(v[name]), 2);
      expect(Math.round(frag.probe.durationSec!), name).toBe(330);
    }
  });

  it('the fixtures have the layouts they claim', () => {
    const layout = (name: TestVideoName) => {
      const buf = fs.readFileSync(v[name]);
      const frags = fragmentsOf(buf);
      return {
        buf,
        frags,
        top: topLevelBoxes(v[name]).map((b) => b.type),
        tfhdFlags: frags.flatMap((f) => f.trafs.map((t) => flagsAt(buf, t.tfhd))),
        trunFlags: frags.flatMap((f) => f.trafs.flatMap((t) => t.truns.map((r) => flagsAt(buf, r)))),
      };
    };
    const plain = layout('fragmented');
    expect(plain.top.slice(0, 3)).toEqual(['ftyp', 'moov', 'moof']); // an empty moov, then fragments
    expect(plain.top.at(-1)).toBe('mfra');
    expect(plain.tfhdFlags.every((f) => f & 0x020000 && !(f & 0x1))).toBe(true); // default-base-is-moof
    // Sizes per sample in some runs, from the tfhd default in others (the audio's constant-size packets).
    expect(plain.trunFlags.some((f) => f & 0x200)).toBe(true);
    expect(plain.trunFlags.some((f) => !(f & 0x200))).toBe(true);
    const many = layout('fragmentedMany');
    expect(many.frags.length).toBeGreaterThan(600);
    expect(many.frags.every((f) => f.trafs.length === 1)).toBe(true); // a moof per track
    const recorder = layout('fragmentedMediaRecorder');
    expect(recorder.top).not.toContain('mfra');
    expect(recorder.trunFlags.some((f) => f & 0x100)).toBe(true); // a duration per sample
    const moovSamples = layout('fragmentedMoovSamples');
    expect(moovSamples.top.slice(0, 4)).toEqual(['ftyp', 'moov', 'mdat', 'moof']);
    expect(moovSamples.tfhdFlags.every((f) => f & 0x1)).toBe(true); // explicit base data offsets
  });

  it('places runs from every kind of base offset, keeps the rotation, and accepts sidx and mfra boxes', async () => {
    const made = {
      explicit: ['-i', v.valid720, '-movflags', 'frag_keyframe+empty_moov'],
      // No base in tfhd: the second traf of a moof starts where the first one's data ends.
      implicit: ['-i', v.valid720, '-movflags', 'frag_keyframe+empty_moov+omit_tfhd_offset'],
      sidx: ['-i', v.valid720, '-movflags', 'frag_keyframe+empty_moov+default_base_moof+global_sidx'],
      rotated: ['-i', v.rotated90, '-movflags', 'frag_keyframe+empty_moov+default_base_moof'],
    };
    const files = Object.fromEntries(Object.keys(made).map((k) => [k, path.join(dir, `frag-${k}.mp4`)])) as Record<
      keyof typeof made,
      string
    >;
    await Promise.all(
      (Object.keys(made) as (keyof typeof made)[]).map((k) =>
        runFfmpeg([...made[k], '-c', 'copy', '-f', 'mp4', files[k]]),
      ),
    );
    const explicit = fs.readFileSync(files.explicit);
    expect(fragmentsOf(explicit).every((f) => f.trafs.every((t) => flagsAt(explicit, t.tfhd) & 0x1))).toBe(true);
    const implicit = fs.readFileSync(files.implicit);
    const twoTrafs = fragmentsOf(implicit).filter((f) => f.trafs.length === 2);
    expect(twoTrafs.length).toBeGreaterThan(10);
    for (const f of twoTrafs) {
      expect(flagsAt(implicit, f.trafs[1]!.tfhd) & 0x020001).toBe(0);
      expect(implicit.readInt32BE(f.trafs[1]!.truns[0]! + 8)).toBe(0); // right after the first traf's data
    }
    expect(topLevelBoxes(files.sidx).map((b) => b.type)).toContain('sidx');

    for (const k of ['explicit', 'implicit', 'sidx'] as const) {
      const r = await checkVideoFile(files[k], PLAN);
      expect(r.failures, k).toEqual([]);
      expect(r.probe.durationSec, k).toBeCloseTo(ffprobeDuration(files[k]), 2);
    }
    const rotated = await checkVideoFile(files.rotated, PLAN);
    const classic = await checkVideoFile(v.rotated90, PLAN);
    expect(rotated.probe.video).toEqual(classic.probe.video);
    expect(rotated.probe.video).toMatchObject({ rotation: 270, displayWidth: 720, displayHeight: 1280 });
    expect(rotated.failures).toEqual(classic.failures);
    expect(rotated.failures.map((f) => f.rule)).toEqual(['aspect_ratio']);
  }, 60_000);

  it("refuses a run that points outside the file or outside the mdat, and a fragment that doesn't add up", async () => {
    const src = fs.readFileSync(v.fragmented);
    const frags = fragmentsOf(src);
    const random = rng(11);
    type Fragment = (typeof frags)[number];
    const sizeless = (t: Fragment['trafs'][number]) => t.truns.some((r) => !(flagsAt(src, r) & 0x200));
    const cases: {
      name: string;
      patch: (b: Buffer, f: Fragment) => void;
      want: IntegrityCode;
      among?: (f: Fragment) => boolean;
    }[] = [
      {
        name: 'data offset past the end',
        patch: (b, f) => b.writeInt32BE(src.length + Math.floor(random() * 1e8), f.trafs[0]!.truns[0]! + 8),
        want: 'sample_outside_file',
      },
      {
        name: 'data offset before the start',
        patch: (b, f) => b.writeInt32BE(-f.start - 1 - Math.floor(random() * 1000), f.trafs[0]!.truns[0]! + 8),
        want: 'sample_outside_file',
      },
      {
        name: 'data offset into the moof',
        patch: (b, f) => b.writeInt32BE(Math.floor(random() * 16), f.trafs[0]!.truns[0]! + 8),
        want: 'sample_outside_mdat',
      },
      {
        name: 'default sample size of a run without sizes, too large',
        patch: (b, f) => {
          const traf = f.trafs.find(sizeless)!;
          b.writeUInt32BE(0x100000 + Math.floor(random() * 1e6), traf.tfhd + 8 + 4); // after the default duration
        },
        want: 'sample_outside_file',
        among: (f) => f.trafs.some(sizeless),
      },
      {
        name: 'more samples than the run holds',
        patch: (b, f) => b.writeUInt32BE(1000 + Math.floor(random() * 1e6), f.trafs[0]!.truns[0]! + 4),
        want: 'bad_box',
      },
      {
        name: 'a track the index does not declare',
        patch: (b, f) => b.writeUInt32BE(7 + Math.floor(random() * 100), f.trafs[0]!.tfhd + 4),
        want: 'bad_box',
      },
    ];
    for (const c of cases) {
      const among = frags.filter(c.among ?? (() => true));
      expect(among.length, c.name).toBeGreaterThan(0);
      for (let i = 0; i < 8; i++) {
        const b = Buffer.from(src);
        c.patch(b, among[Math.floor(random() * among.length)]!);
        const file = path.join(dir, 'frag-patched.mp4');
        fs.writeFileSync(file, b);
        const r = await checkVideoFile(file, PLAN, { decode: false });
        expect(r.ok, c.name).toBe(false);
        expect(
          r.integrity.problems.map((p) => p.code),
          c.name,
        ).toContain(c.want);
        expect(
          r.failures.map((f) => f.rule),
          c.name,
        ).toContain('integrity');
      }
    }
  }, 60_000);

  it('refuses a fragmented file cut anywhere inside a fragment', async () => {
    const src = fs.readFileSync(v.fragmented);
    const boxes = topLevelBoxes(v.fragmented);
    const random = rng(5);
    const file = path.join(dir, 'frag-cut.mp4');
    for (let i = 0; i < 60; i++) {
      const b = boxes[2 + Math.floor(random() * (boxes.length - 3))]!; // a moof or an mdat
      const cut = b.start + 8 + Math.floor(random() * (b.end - b.start - 8)); // past its header, before its end
      fs.writeFileSync(file, src.subarray(0, cut));
      const r = await checkVideoFile(file, PLAN, { decode: false });
      expect(r.ok).toBe(false);
      expect(r.integrity.problems.map((p) => p.code)).toEqual(['truncated']);
      expect(r.failures.map((f) => f.rule)).toEqual(['integrity']);
    }
  });

  it('never throws, hangs or crashes on flipped bytes in the fragments (300 seeded cases)', async () => {
    const src = fs.readFileSync(v.fragmentedMediaRecorder);
    const frags = fragmentsOf(src);
    const random = rng(99);
    const file = path.join(dir, 'frag-fuzz.mp4');
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const b = Buffer.from(src);
      for (let k = 1 + Math.floor(random() * 6); k > 0; k--) {
        const f = frags[Math.floor(random() * frags.length)]!;
        b[f.start + Math.floor(random() * (f.end - f.start))] = Math.floor(random() * 256);
      }
      fs.writeFileSync(file, b);
      const t0 = performance.now();
      const r = await probeVideoFile(file);
      expect(performance.now() - t0).toBeLessThan(10_000);
      if (r.integrity.ok) expect(r.integrity.problems).toEqual([]);
      else refused++;
      for (const p of r.integrity.problems) {
        expect(p.message.en).not.toContain('internal reader error');
        expect(p.message.vi).toBe(p.message.vi.normalize('NFC'));
      }
    }
    expect(refused).toBeGreaterThan(50);
  }, 60_000);

  describe('defaults and declared duration, on files built byte by byte', () => {
    const u32 = (...ns: number[]) => {
      const b = Buffer.alloc(4 * ns.length);
      ns.forEach((n, i) => b.writeUInt32BE(n >>> 0, i * 4));
      return b;
    };
    const fullBox = (type: string, flags: number, ...parts: Buffer[]) =>
      box(type, Buffer.concat([u32(flags), ...parts]));

    interface Built {
      /** trex defaults for track 1; null: no trex at all. */
      trex: { duration: number; size: number } | null;
      /** mehd, in the movie timescale (1000). */
      mehd?: number;
      /** tfhd default sample size, overriding trex. */
      tfhdSize?: number;
      /** Sizes written in each trun, overriding both. */
      trunSizes?: boolean;
      fragments?: number;
    }

    /** One 1280×720 video track (timescale 90 000); each fragment holds 30 samples of 100 bytes. */
    function build({ trex, mehd, tfhdSize, trunSizes, fragments = 5 }: Built): Buffer {
      const mvhd = Buffer.alloc(100);
      mvhd.writeUInt32BE(1000, 12); // timescale; duration 0
      const tkhd = Buffer.alloc(84);
      tkhd.writeUInt32BE(0x7, 0); // enabled, in movie, in preview
      tkhd.writeUInt32BE(1, 12); // track ID
      for (const [at, v] of [
        [40, 0x10000],
        [56, 0x10000],
        [72, 0x40000000],
      ])
        tkhd.writeUInt32BE(v!, at!);
      tkhd.writeUInt32BE(1280 << 16, 76);
      tkhd.writeUInt32BE(720 << 16, 80);
      const mdhd = u32(0, 0, 0, 90_000, 0, 0);
      const hdlr = Buffer.concat([u32(0, 0), Buffer.from('vide', 'latin1'), Buffer.alloc(13)]);
      const avc1 = Buffer.alloc(86);
      avc1.writeUInt32BE(86, 0);
      avc1.write('avc1', 4, 'latin1');
      avc1.writeUInt16BE(1, 14);
      avc1.writeUInt16BE(1280, 32);
      avc1.writeUInt16BE(720, 34);
      const stbl = box(
        'stbl',
        Buffer.concat([
          fullBox('stsd', 0, u32(1), avc1),
          fullBox('stts', 0, u32(0)),
          fullBox('stsc', 0, u32(0)),
          fullBox('stsz', 0, u32(0, 0)),
          fullBox('stco', 0, u32(0)),
        ]),
      );
      const trak = box(
        'trak',
        Buffer.concat([
          box('tkhd', tkhd),
          box('mdia', Buffer.concat([box('mdhd', mdhd), box('hdlr', hdlr), box('minf', stbl)])),
        ]),
      );
      const mvex = box(
        'mvex',
        Buffer.concat([
          ...(mehd === undefined ? [] : [fullBox('mehd', 0, u32(mehd))]),
          ...(trex ? [fullBox('trex', 0, u32(1, 1, trex.duration, trex.size, 0))] : []),
        ]),
      );
      const moov = box('moov', Buffer.concat([box('mvhd', mvhd), trak, mvex]));
      const out: Buffer[] = [ftyp, moov];
      for (let n = 0; n < fragments; n++) {
        const tfhd = fullBox(
          'tfhd',
          0x020000 | (tfhdSize === undefined ? 0 : 0x10),
          u32(1, ...(tfhdSize === undefined ? [] : [tfhdSize])),
        );
        // data offset: past this moof and the mdat's header; filled in below.
        const trun = fullBox(
          'trun',
          0x1 | (trunSizes ? 0x200 : 0),
          u32(30, 0, ...(trunSizes ? Array<number>(30).fill(100) : [])),
        );
        const moof = box(
          'moof',
          Buffer.concat([fullBox('mfhd', 0, u32(n + 1)), box('traf', Buffer.concat([tfhd, trun]))]),
        );
        moof.writeInt32BE(moof.length + 8, moof.indexOf('trun', 0, 'latin1') + 4 + 8);
        out.push(moof, box('mdat', pseudoRandomBytes(3000, n + 1)));
      }
      return Buffer.concat(out);
    }

    async function probeBuilt(opts: Built) {
      const file = path.join(dir, 'built.mp4');
      fs.writeFileSync(file, build(opts));
      return probeVideoFile(file);
    }

    it('takes sizes and durations from trex if tfhd and trun give none; the duration sums the fragments', async () => {
      const r = await probeBuilt({ trex: { duration: 3000, size: 100 } });
      expect(r.integrity).toEqual({ ok: true, problems: [] });
      expect(r.probe).toMatchObject({ container: 'mp4', durationSec: 5 }); // 5 × 30 × 3000 / 90 000
      expect(r.probe.video).toMatchObject({ codec: 'avc1', displayWidth: 1280, displayHeight: 720, rotation: 0 });
      expect((await probeBuilt({ trex: { duration: 6000, size: 100 }, fragments: 3 })).probe.durationSec).toBe(6);
    });

    it('lets tfhd override trex and trun override both', async () => {
      // tfhd says 200 bytes a sample: each run now reaches past its 3000-byte mdat.
      const over = await probeBuilt({ trex: { duration: 3000, size: 100 }, tfhdSize: 200 });
      expect(over.integrity.problems.map((p) => p.code)).toEqual(['sample_outside_file', 'sample_outside_mdat']);
      // Sizes in the trun win over both defaults.
      const exact = await probeBuilt({ trex: { duration: 3000, size: 999 }, tfhdSize: 999, trunSizes: true });
      expect(exact.integrity).toEqual({ ok: true, problems: [] });
      // No size anywhere: the fragment cannot be placed.
      const none = await probeBuilt({ trex: null });
      expect(none.integrity.problems.map((p) => p.code)).toEqual(['bad_box']);
      expect(none.integrity.problems[0]!.message.en).toContain(
        'sample sizes of a fragment of track 1 are given nowhere',
      );
    });

    it('uses the declared duration (mehd) when the fragments hold it; a file holding less is truncated', async () => {
      const trex = { duration: 3000, size: 100 };
      expect((await probeBuilt({ trex, mehd: 5400 })).probe.durationSec).toBe(5.4); // within a second: declared
      const stale = await probeBuilt({ trex, mehd: 2000 }); // declares less than it holds: what it holds
      expect(stale.integrity.ok).toBe(true);
      expect(stale.probe.durationSec).toBe(5);
      const cut = await probeBuilt({ trex, mehd: 330_000 });
      expect(cut.integrity.problems.map((p) => p.code)).toEqual(['truncated']);
      expect(cut.integrity.problems[0]!.message.vi).toContain(
        'Tệp bị thiếu phần cuối (bị cắt cụt): tệp khai báo video dài 5 phút 30 giây ' +
          'nhưng các phân đoạn của nó chỉ chứa 5 giây.',
      );
      expect(cut.integrity.problems[0]!.message.en).toContain(
        'The file is truncated: it declares a video of 5 min 30 s but its fragments hold only 5 s.',
      );
      expect(cut.probe.durationSec).toBe(330);
      const r = await checkVideoFile(path.join(dir, 'built.mp4'), PLAN);
      expect(r.failures.map((f) => f.rule)).toEqual(['integrity']);
    });
  });
});
