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
  }, 60_000);

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

  it('ffprobe reports the truncated (moov at the front) and the appended files as fine; we refuse both', async () => {
    for (const [name, code] of [
      ['truncated60', 'truncated'],
      ['appended', 'trailing_data'],
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

  it('never throws, hangs or crashes on flipped and truncated bytes in the header and moov (400 seeded cases)', async () => {
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
        b.writeUInt32BE(moov + Math.floor(random() * 64), stco + 8 + 4 * Math.floor(random() * chunks)); // into the moov
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

  const box = (type: string, payload: Buffer | string = Buffer.alloc(0)) => {
    const p = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'latin1');
    const h = Buffer.alloc(8);
    h.writeUInt32BE(8 + p.length, 0);
    h.write(type, 4, 'latin1');
    return Buffer.concat([h, p]);
  };
  const ftyp = box('ftyp', 'isom\0\0\x02\0isomiso2avc1mp41');

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

  it('reports a fragmented MP4 honestly as not supported', async () => {
    const file = path.join(dir, 'fragmented.mp4');
    await runFfmpeg(['-i', v.valid720, '-c', 'copy', '-movflags', 'frag_keyframe+empty_moov', '-f', 'mp4', file]);
    const r = await checkVideoFile(file, PLAN);
    expect(r.ok).toBe(false);
    expect(r.integrity.problems.map((p) => p.code)).toEqual(['fragmented_unsupported']);
    expect(r.failures.map((f) => f.rule)).toEqual(['integrity']);
    expect(r.failures[0]!.message.vi).toContain('MP4 phân mảnh');
  });
});
