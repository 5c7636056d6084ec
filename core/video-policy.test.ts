import { describe, expect, it } from 'vitest';
import { defaultEntryRules, type EntryRules } from './contest.ts';
import {
  describeAspectRatio,
  describeProbe,
  evaluateVideo,
  formatBytes,
  formatDuration,
  formatDurationRange,
  VIDEO_RULE_LABELS,
  VIDEO_RULES,
  type VideoFailure,
  type VideoProbe,
} from './video-policy.ts';

const PLAN = defaultEntryRules();

function probe(over: Partial<VideoProbe> & { w?: number; h?: number; rotation?: 0 | 90 | 180 | 270 } = {}): VideoProbe {
  const { w = 1920, h = 1080, rotation = 0, ...rest } = over;
  const swap = rotation === 90 || rotation === 270;
  return {
    container: 'mp4',
    majorBrand: 'isom',
    sizeBytes: 300 * 1024 * 1024,
    durationSec: 330,
    video: {
      codec: 'avc1',
      codedWidth: w,
      codedHeight: h,
      rotation,
      displayWidth: swap ? h : w,
      displayHeight: swap ? w : h,
    },
    audio: { codec: 'mp4a' },
    ...rest,
  };
}

const rules = (f: VideoFailure[]) => f.map((x) => x.rule);

function expectWellFormed(failures: VideoFailure[]): void {
  for (const f of failures) {
    for (const lang of ['vi', 'en'] as const) {
      const m = f.message[lang];
      expect(m.length).toBeGreaterThan(20);
      expect(m).toBe(m.normalize('NFC'));
      expect(m).not.toMatch(/\{\w+\}|undefined|NaN|\[object/);
    }
    // English messages carry no Vietnamese diacritics.
    expect(f.message.en).toMatch(/^[\x20-\x7e×–…“”’«»°]*$/);
  }
}

describe('formatDuration', () => {
  it('writes minutes and zero-padded seconds, as the rules and messages say them', () => {
    expect(formatDuration(662, 'vi')).toBe('11 phút 02 giây');
    expect(formatDuration(662, 'en')).toBe('11 min 02 s');
    expect(formatDuration(330, 'vi')).toBe('5 phút 30 giây');
    expect(formatDuration(600, 'vi')).toBe('10 phút 00 giây');
  });
  it('rounds to whole seconds, drops zero minutes and adds hours when needed', () => {
    expect(formatDuration(299.6, 'vi')).toBe('5 phút 00 giây');
    expect(formatDuration(45, 'vi')).toBe('45 giây');
    expect(formatDuration(45, 'en')).toBe('45 s');
    expect(formatDuration(3723, 'vi')).toBe('1 giờ 02 phút 03 giây');
    expect(formatDuration(3723, 'en')).toBe('1 h 02 min 03 s');
  });
  it('says "unknown" rather than NaN', () => {
    expect(formatDuration(Number.NaN, 'vi')).toBe('không rõ');
    expect(formatDuration(-1, 'en')).toBe('unknown');
  });
  it('writes ranges in whole minutes when the limits are whole minutes', () => {
    expect(formatDurationRange(300, 600, 'vi')).toBe('từ 5 đến 10 phút');
    expect(formatDurationRange(300, 600, 'en')).toBe('5 to 10 minutes');
    expect(formatDurationRange(90, 150, 'vi')).toBe('từ 1 phút 30 giây đến 2 phút 30 giây');
  });
});

describe('formatBytes and describeAspectRatio', () => {
  it('uses the Vietnamese decimal comma', () => {
    expect(formatBytes(1.5 * 1024 ** 3, 'vi')).toBe('1,5 GB');
    expect(formatBytes(1.5 * 1024 ** 3, 'en')).toBe('1.5 GB');
    expect(formatBytes(4 * 1024 ** 3, 'vi')).toBe('4 GB');
    expect(formatBytes(0, 'vi')).toBe('0 byte');
    expect(formatBytes(1, 'en')).toBe('1 byte');
    expect(formatBytes(4096, 'en')).toBe('4 KB');
  });
  it('names common ratios, tolerates 1366×768, and falls back to a decimal', () => {
    expect(describeAspectRatio(1440, 1080, 'vi')).toBe('4:3');
    expect(describeAspectRatio(1920, 1080, 'vi')).toBe('16:9');
    expect(describeAspectRatio(1366, 768, 'vi')).toBe('16:9');
    expect(describeAspectRatio(720, 1280, 'vi')).toBe('9:16');
    expect(describeAspectRatio(2048, 858, 'vi')).toBe('2,39:1');
    expect(describeAspectRatio(2048, 858, 'en')).toBe('2.39:1');
  });
});

describe("evaluateVideo with the plan's rules (R6, R7)", () => {
  it('accepts 5:30 at 1280×720 and at 1920×1080', () => {
    expect(evaluateVideo(probe({ w: 1280, h: 720 }), PLAN)).toEqual([]);
    expect(evaluateVideo(probe({ w: 1920, h: 1080 }), PLAN)).toEqual([]);
  });

  it('accepts the limits themselves, compared in whole seconds', () => {
    expect(evaluateVideo(probe({ durationSec: 300 }), PLAN)).toEqual([]);
    expect(evaluateVideo(probe({ durationSec: 600 }), PLAN)).toEqual([]);
    expect(evaluateVideo(probe({ durationSec: 600.4 }), PLAN)).toEqual([]); // shown as 10:00, so accepted
    expect(evaluateVideo(probe({ durationSec: 299.5 }), PLAN)).toEqual([]);
    expect(rules(evaluateVideo(probe({ durationSec: 600.5 }), PLAN))).toEqual(['duration']);
    expect(rules(evaluateVideo(probe({ durationSec: 299.4 }), PLAN))).toEqual(['duration']);
  });

  it('refuses 11:02 naming the duration, the rule and the fix', () => {
    const f = evaluateVideo(probe({ durationSec: 662 }), PLAN);
    expect(rules(f)).toEqual(['duration']);
    expect(f[0]!.message.vi).toMatch(
      /^Video dài 11 phút 02 giây; thể lệ yêu cầu từ 5 đến 10 phút\. Hãy .*rút ngắn.*10 phút/,
    );
    expect(f[0]!.message.en).toMatch(
      /^The video lasts 11 min 02 s; the rules require 5 to 10 minutes\. Edit it down to at most 10 minutes/,
    );
    expectWellFormed(f);
  });

  it('refuses 4:59 telling to lengthen it', () => {
    const f = evaluateVideo(probe({ durationSec: 299 }), PLAN);
    expect(f[0]!.message.vi).toMatch(/^Video dài 4 phút 59 giây; thể lệ yêu cầu từ 5 đến 10 phút\. .*ít nhất 5 phút/);
    expect(f[0]!.message.en).toContain('at least 5 minutes');
  });

  it('refuses a portrait phone video saying it is portrait and to export landscape 16:9', () => {
    const f = evaluateVideo(probe({ w: 720, h: 1280 }), PLAN);
    expect(rules(f)).toEqual(['aspect_ratio']);
    expect(f[0]!.message.vi).toMatch(
      /^Video quay dọc: hiển thị 720×1280; .*video ngang tỉ lệ 16:9.*xuất lại video theo chiều ngang 16:9/,
    );
    expect(f[0]!.message.en).toMatch(/^The video is portrait: it displays at 720×1280; .*landscape 16:9/);
    expectWellFormed(f);
  });

  it('takes rotation into account: 1280×720 stored with a 90° flag displays portrait', () => {
    const p = probe({ w: 1280, h: 720, rotation: 90 });
    expect(p.video).toMatchObject({ displayWidth: 720, displayHeight: 1280 });
    const f = evaluateVideo(p, PLAN);
    expect(rules(f)).toEqual(['aspect_ratio']);
    expect(f[0]!.message.vi).toContain('Video quay dọc: hiển thị 720×1280 (khung hình lưu 1280×720 kèm cờ xoay 90°)');
    expect(f[0]!.message.en).toContain('stored as 1280×720 with a 90° rotation flag');
    // Turned upside down it is still landscape, and fine.
    expect(evaluateVideo(probe({ w: 1280, h: 720, rotation: 180 }), PLAN)).toEqual([]);
    // A portrait sensor recording turned by 270° displays landscape, and is fine.
    expect(evaluateVideo(probe({ w: 1080, h: 1920, rotation: 270 }), PLAN)).toEqual([]);
  });

  it('refuses 4:3 (1440×1080) naming 4:3 against 16:9 and the allowed sizes', () => {
    const f = evaluateVideo(probe({ w: 1440, h: 1080 }), PLAN);
    expect(rules(f)).toEqual(['aspect_ratio']);
    expect(f[0]!.message.vi).toMatch(
      /^Video có tỉ lệ khung hình 4:3 \(1440×1080\); thể lệ yêu cầu tỉ lệ 16:9 \(HD 1280×720 hoặc Full HD 1920×1080\)/,
    );
    expect(f[0]!.message.en).toMatch(
      /^The video's aspect ratio is 4:3 \(1440×1080\); the rules require 16:9 \(HD 1280×720 or Full HD 1920×1080\)/,
    );
  });

  it('refuses 16:9 at a size the rules do not list', () => {
    for (const [w, h] of [
      [3840, 2160],
      [854, 480],
      [1366, 768],
    ] as const) {
      const f = evaluateVideo(probe({ w, h }), PLAN);
      expect(rules(f)).toEqual(['resolution']);
      expect(f[0]!.message.vi).toContain(
        `Video có độ phân giải ${w}×${h}; thể lệ yêu cầu HD 1280×720 hoặc Full HD 1920×1080`,
      );
      expectWellFormed(f);
    }
  });

  it('refuses a MOV naming the real container, and still reports what it read', () => {
    const f = evaluateVideo(probe({ container: 'mov', majorBrand: 'qt  ' }), PLAN);
    expect(rules(f)).toEqual(['container']);
    expect(f[0]!.message.vi).toMatch(/^Tệp thực chất là MOV \(QuickTime\), không phải MP4/);
    expect(f[0]!.message.en).toMatch(/^The file is actually MOV \(QuickTime\), not MP4/);
    expect(rules(evaluateVideo(probe({ container: 'mov', durationSec: 662, w: 720, h: 1280 }), PLAN))).toEqual([
      'container',
      'duration',
      'aspect_ratio',
    ]);
    expectWellFormed(f);
  });

  it('refuses WebM, MKV and AVI by name without inventing failures for what was not read', () => {
    for (const [container, name] of [
      ['webm', 'WebM'],
      ['matroska', 'MKV (Matroska)'],
      ['avi', 'AVI'],
    ] as const) {
      const f = evaluateVideo(
        { container, majorBrand: null, sizeBytes: 1000, durationSec: null, video: null, audio: null },
        PLAN,
      );
      expect(rules(f)).toEqual(['container']);
      expect(f[0]!.message.vi).toContain(`Tệp thực chất là ${name}, không phải MP4`);
    }
  });

  it('refuses an unknown file and an empty one with their own words', () => {
    const unknown = evaluateVideo(
      { container: 'unknown', majorBrand: null, sizeBytes: 144, durationSec: null, video: null, audio: null },
      PLAN,
    );
    expect(rules(unknown)).toEqual(['container']);
    expect(unknown[0]!.message.vi).toMatch(/^Không nhận ra định dạng tệp/);
    const empty = evaluateVideo(
      { container: 'unknown', majorBrand: null, sizeBytes: 0, durationSec: null, video: null, audio: null },
      PLAN,
    );
    expect(rules(empty)).toEqual(['container']);
    expect(empty[0]!.message.vi).toMatch(/^Tệp rỗng \(0 byte\)/);
    expect(empty[0]!.message.en).toMatch(/^The file is empty \(0 bytes\)/);
    expectWellFormed([...unknown, ...empty]);
  });

  it('refuses an MP4 without a picture, or without a duration', () => {
    expect(rules(evaluateVideo(probe({ video: null }), PLAN))).toEqual(['video_track']);
    const f = evaluateVideo(probe({ durationSec: null }), PLAN);
    expect(rules(f)).toEqual(['duration']);
    expect(f[0]!.message.vi).toContain('Không xác định được thời lượng');
    expect(rules(evaluateVideo(probe({ w: 0, h: 0 }), PLAN))).toEqual(['resolution']);
  });

  it('refuses a file over the size limit, with sizes as a file manager shows them', () => {
    const f = evaluateVideo(probe({ sizeBytes: 4.5 * 1024 ** 3 }), PLAN);
    expect(rules(f)).toEqual(['size']);
    expect(f[0]!.message.vi).toContain('Tệp nặng 4,5 GB; thể lệ cho phép tối đa 4 GB.');
    expect(f[0]!.message.en).toContain('The file is 4.5 GB; the rules allow at most 4 GB.');
  });

  it('lists several failures in a stable order, most fundamental first', () => {
    const f = evaluateVideo(
      probe({ container: 'mov', durationSec: 30, w: 1440, h: 1080, sizeBytes: 5 * 1024 ** 3 }),
      PLAN,
    );
    expect(rules(f)).toEqual(['container', 'duration', 'aspect_ratio', 'size']);
    expectWellFormed(f);
  });
});

describe("evaluateVideo with a contest's own rules", () => {
  const vertical: EntryRules = {
    ...PLAN,
    minDurationSec: 15,
    maxDurationSec: 90,
    allowedResolutions: [{ width: 1080, height: 1920 }],
    aspectRatio: { width: 9, height: 16 },
    maxSizeBytes: 500 * 1024 ** 2,
  };

  it('takes the limits from the settings', () => {
    const f = evaluateVideo(probe({ durationSec: 95, w: 1080, h: 1920, sizeBytes: 10_000_000 }), vertical);
    expect(rules(f)).toEqual(['duration']);
    expect(f[0]!.message.vi).toContain('Video dài 1 phút 35 giây; thể lệ yêu cầu từ 15 giây đến 1 phút 30 giây.');
    expect(f[0]!.message.en).toContain('the rules require 15 s to 1 min 30 s.');
  });

  it('refuses landscape in a portrait contest with the mirror message', () => {
    const f = evaluateVideo(probe({ durationSec: 60, sizeBytes: 10_000_000 }), vertical);
    expect(rules(f)).toEqual(['aspect_ratio']);
    expect(f[0]!.message.vi).toMatch(
      /^Video quay ngang: hiển thị 1920×1080; thể lệ yêu cầu video dọc tỉ lệ 9:16 \(Full HD 1080×1920\)/,
    );
    expect(evaluateVideo(probe({ durationSec: 60, w: 1080, h: 1920, sizeBytes: 10_000_000 }), vertical)).toEqual([]);
  });
});

describe('labels and descriptions', () => {
  it('has a label in both languages for every rule', () => {
    for (const r of VIDEO_RULES) {
      expect(VIDEO_RULE_LABELS[r].vi.length).toBeGreaterThan(0);
      expect(VIDEO_RULE_LABELS[r].en.length).toBeGreaterThan(0);
    }
  });
  it('describes a probe in one line', () => {
    expect(describeProbe(probe({ w: 1280, h: 720, sizeBytes: 45 * 1024 ** 2 }), 'vi')).toBe(
      'MP4, 5 phút 30 giây, 1280×720, H.264 + AAC, 45 MB',
    );
    expect(
      describeProbe(
        { container: 'unknown', majorBrand: null, sizeBytes: 0, durationSec: null, video: null, audio: null },
        'en',
      ),
    ).toBe('unknown, 0 bytes');
  });
});
