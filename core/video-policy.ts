/**
 * R6 and R7: does a video meet the contest's technical rules? Pure: the browser runs it on what it reads from the
 * file's header before uploading, the server runs it on its own probe after the upload, and both say the same thing
 * in the same words. Every message names the rule, the value found and what to do, in Vietnamese and English.
 */
import type { EntryRules } from './contest.ts';
import type { Lang } from './errors.ts';

export type VideoContainer = 'mp4' | 'mov' | 'webm' | 'matroska' | 'avi' | 'unknown';

/** What a probe (ours on the server, mediabunny in the browser) found in a file. */
export interface VideoProbe {
  /** The real container, from the file's content, never from its name. */
  container: VideoContainer;
  /** ISO-BMFF major brand from `ftyp` ('isom', 'mp42', 'qt  '…), when there is one. */
  majorBrand: string | null;
  sizeBytes: number;
  durationSec: number | null;
  video: {
    codec: string | null;
    /** Size of the pictures as stored. */
    codedWidth: number;
    codedHeight: number;
    /** Clockwise rotation a player applies for display (a phone held upright records 90). */
    rotation: 0 | 90 | 180 | 270;
    /** Size as shown to a viewer: rotation (and pixel aspect) taken into account. */
    displayWidth: number;
    displayHeight: number;
  } | null;
  audio: { codec: string | null } | null;
}

export type VideoRule =
  'container' | 'video_track' | 'duration' | 'resolution' | 'aspect_ratio' | 'size' | 'integrity' | 'decode';

export const VIDEO_RULES: readonly VideoRule[] = [
  'container',
  'integrity',
  'video_track',
  'duration',
  'resolution',
  'aspect_ratio',
  'size',
  'decode',
];

export type Localized = { vi: string; en: string };

export interface VideoFailure {
  rule: VideoRule;
  message: Localized;
}

/** Short names of the rules, for lists and reports. */
export const VIDEO_RULE_LABELS: Record<VideoRule, Localized> = {
  container: { vi: 'Định dạng tệp', en: 'File format' },
  integrity: { vi: 'Tính toàn vẹn của tệp', en: 'File integrity' },
  video_track: { vi: 'Hình ảnh', en: 'Video track' },
  duration: { vi: 'Thời lượng', en: 'Duration' },
  resolution: { vi: 'Độ phân giải', en: 'Resolution' },
  aspect_ratio: { vi: 'Tỉ lệ khung hình', en: 'Aspect ratio' },
  size: { vi: 'Dung lượng', en: 'File size' },
  decode: { vi: 'Giải mã thử', en: 'Test decode' },
};

const CONTAINER_NAMES: Record<VideoContainer, Localized> = {
  mp4: { vi: 'MP4', en: 'MP4' },
  mov: { vi: 'MOV (QuickTime)', en: 'MOV (QuickTime)' },
  webm: { vi: 'WebM', en: 'WebM' },
  matroska: { vi: 'MKV (Matroska)', en: 'MKV (Matroska)' },
  avi: { vi: 'AVI', en: 'AVI' },
  unknown: { vi: 'không rõ', en: 'unknown' },
};

export function containerName(c: VideoContainer, lang: Lang): string {
  return CONTAINER_NAMES[c][lang];
}

const CODEC_NAMES: Record<string, string> = {
  avc1: 'H.264',
  avc3: 'H.264',
  hvc1: 'H.265 (HEVC)',
  hev1: 'H.265 (HEVC)',
  av01: 'AV1',
  vp08: 'VP8',
  vp09: 'VP9',
  mp4v: 'MPEG-4 Part 2',
  mp4a: 'AAC',
  'ac-3': 'AC-3',
  'ec-3': 'E-AC-3',
  opus: 'Opus',
  Opus: 'Opus',
  fLaC: 'FLAC',
  '.mp3': 'MP3',
  apcn: 'ProRes',
  apch: 'ProRes',
  apcs: 'ProRes',
  apco: 'ProRes',
  ap4h: 'ProRes',
  jpeg: 'Motion JPEG',
  sowt: 'PCM',
  twos: 'PCM',
  lpcm: 'PCM',
  ipcm: 'PCM',
};

/** A readable codec name for a four-character code ('avc1' → 'H.264'); unknown codes are shown as they are. */
export function codecLabel(codec: string | null): string {
  if (!codec) return '?';
  return CODEC_NAMES[codec] ?? codec.trim();
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "11 phút 02 giây" / "11 min 02 s"; hours when needed; whole seconds, rounded. */
export function formatDuration(sec: number, lang: Lang): string {
  if (!Number.isFinite(sec) || sec < 0) return lang === 'vi' ? 'không rõ' : 'unknown';
  const total = Math.round(sec);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (lang === 'vi') {
    if (h > 0) return `${h} giờ ${pad2(m)} phút ${pad2(s)} giây`;
    if (m > 0) return `${m} phút ${pad2(s)} giây`;
    return `${s} giây`;
  }
  if (h > 0) return `${h} h ${pad2(m)} min ${pad2(s)} s`;
  if (m > 0) return `${m} min ${pad2(s)} s`;
  return `${s} s`;
}

/** A limit from the rules: "10 phút" / "10 minutes" when it is whole minutes, else as formatDuration. */
function formatLimit(sec: number, lang: Lang): string {
  if (sec % 60 === 0) {
    const m = sec / 60;
    return lang === 'vi' ? `${m} phút` : `${m} ${m === 1 ? 'minute' : 'minutes'}`;
  }
  return formatDuration(sec, lang);
}

/** "từ 5 đến 10 phút" / "5 to 10 minutes". */
export function formatDurationRange(min: number, max: number, lang: Lang): string {
  if (min % 60 === 0 && max % 60 === 0) {
    return lang === 'vi' ? `từ ${min / 60} đến ${max / 60} phút` : `${min / 60} to ${max / 60} minutes`;
  }
  return lang === 'vi'
    ? `từ ${formatDuration(min, lang)} đến ${formatDuration(max, lang)}`
    : `${formatDuration(min, lang)} to ${formatDuration(max, lang)}`;
}

function formatNumber(n: number, lang: Lang, digits: number): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: digits }).format(n);
}

/**
 * "1,5 GB" / "1.5 GB". Units are powers of 1024, labelled as the file managers people use label them
 * (Windows Explorer shows the same figure), so the number matches what the entrant sees on their computer.
 */
export function formatBytes(bytes: number, lang: Lang): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes < 1024) return lang === 'vi' ? `${bytes} byte` : `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${formatNumber(v, lang, 1)} ${units[i]}`;
}

function joinOr(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  const or = lang === 'vi' ? 'hoặc' : 'or';
  return `${items.slice(0, -1).join(', ')} ${or} ${items[items.length - 1]}`;
}

const RESOLUTION_NAMES: Record<string, string> = {
  '1280x720': 'HD',
  '1920x1080': 'Full HD',
  '2560x1440': 'QHD',
  '3840x2160': '4K UHD',
  '854x480': 'SD',
  '720x1280': 'HD',
  '1080x1920': 'Full HD',
};

function resolutionList(rules: EntryRules): string[] {
  return rules.allowedResolutions.map((r) => {
    const name = RESOLUTION_NAMES[`${r.width}x${r.height}`];
    return name ? `${name} ${r.width}×${r.height}` : `${r.width}×${r.height}`;
  });
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

const NAMED_RATIOS: [number, number][] = [
  [16, 9],
  [4, 3],
  [9, 16],
  [3, 4],
  [1, 1],
  [21, 9],
  [3, 2],
  [2, 3],
  [5, 4],
  [4, 5],
  [17, 9],
  [9, 17],
];

/** Whether w×h has the ratio rw:rh, within 1 % (1366×768 counts as 16:9). */
function sameRatio(w: number, h: number, rw: number, rh: number): boolean {
  return Math.abs(w * rh - h * rw) <= 0.01 * h * rw;
}

/** "16:9", "4:3", else the reduced ratio, else a decimal ("1,85:1"). */
export function describeAspectRatio(w: number, h: number, lang: Lang): string {
  if (w <= 0 || h <= 0) return '?';
  for (const [rw, rh] of NAMED_RATIOS) if (sameRatio(w, h, rw, rh)) return `${rw}:${rh}`;
  const g = gcd(w, h);
  if (w / g <= 32 && h / g <= 32) return `${w / g}:${h / g}`;
  return w >= h ? `${formatNumber(w / h, lang, 2)}:1` : `1:${formatNumber(h / w, lang, 2)}`;
}

function msg(vi: string, en: string): Localized {
  return { vi: vi.normalize('NFC'), en: en.normalize('NFC') };
}

function containerFailure(probe: VideoProbe, rules: EntryRules): VideoFailure {
  const wanted = {
    vi: rules.containers.map((c) => containerName(c, 'vi')).join(', '),
    en: rules.containers.map((c) => containerName(c, 'en')).join(', '),
  };
  if (probe.sizeBytes === 0) {
    return {
      rule: 'container',
      message: msg(
        'Tệp rỗng (0 byte), không có dữ liệu video. Hãy chọn đúng tệp video rồi tải lên lại.',
        'The file is empty (0 bytes): it holds no video. Choose the right video file and upload it again.',
      ),
    };
  }
  if (probe.container === 'unknown') {
    return {
      rule: 'container',
      message: msg(
        `Không nhận ra định dạng tệp: đây không phải là video ${wanted.vi} (có thể là một tệp khác bị đổi ` +
          `tên). Hãy xuất (export) lại video ở định dạng ${wanted.vi} (H.264) rồi tải lên lại.`,
        `The file format is not recognized: this is not an ${wanted.en} video (it may be another kind of file ` +
          `renamed). Export the video as ${wanted.en} (H.264) and upload it again.`,
      ),
    };
  }
  const real = probe.container;
  return {
    rule: 'container',
    message: msg(
      `Tệp thực chất là ${containerName(real, 'vi')}, không phải ${wanted.vi} (định dạng được nhận biết từ nội ` +
        `dung tệp, không phải từ tên tệp); thể lệ yêu cầu định dạng ${wanted.vi}. Hãy xuất (export) lại video ở ` +
        `định dạng ${wanted.vi} (H.264) rồi tải lên lại; chỉ đổi tên tệp là không đủ.`,
      `The file is actually ${containerName(real, 'en')}, not ${wanted.en} (the format is read from the file's ` +
        `content, not from its name); the rules require ${wanted.en}. Export the video again as ${wanted.en} ` +
        `(H.264) and upload it again; renaming the file is not enough.`,
    ),
  };
}

/**
 * Durations are compared in whole seconds (rounded), the unit both the rules and the message use, so that a
 * message never says "10 phút 00 giây" about a video it refuses as too long.
 */
function durationFailure(probe: VideoProbe, rules: EntryRules): VideoFailure | null {
  const { minDurationSec: min, maxDurationSec: max } = rules;
  if (probe.durationSec === null || !Number.isFinite(probe.durationSec) || probe.durationSec <= 0) {
    return {
      rule: 'duration',
      message: msg(
        `Không xác định được thời lượng của video (tệp không ghi thời lượng); thể lệ yêu cầu ` +
          `${formatDurationRange(min, max, 'vi')}. Hãy xuất lại video từ phần mềm dựng phim rồi tải lên lại.`,
        `The video's duration cannot be determined (the file does not record it); the rules require ` +
          `${formatDurationRange(min, max, 'en')}. Export the video again from your editing software and upload ` +
          `it again.`,
      ),
    };
  }
  const whole = Math.round(probe.durationSec);
  if (whole >= min && whole <= max) return null;
  const tooLong = whole > max;
  return {
    rule: 'duration',
    message: msg(
      `Video dài ${formatDuration(whole, 'vi')}; thể lệ yêu cầu ${formatDurationRange(min, max, 'vi')}. ` +
        (tooLong
          ? `Hãy biên tập rút ngắn video còn tối đa ${formatLimit(max, 'vi')} rồi tải lên lại.`
          : `Hãy biên tập để video dài ít nhất ${formatLimit(min, 'vi')} rồi tải lên lại.`),
      `The video lasts ${formatDuration(whole, 'en')}; the rules require ${formatDurationRange(min, max, 'en')}. ` +
        (tooLong
          ? `Edit it down to at most ${formatLimit(max, 'en')} and upload it again.`
          : `Edit it to last at least ${formatLimit(min, 'en')} and upload it again.`),
    ),
  };
}

/**
 * Display size against the allowed resolutions and the aspect ratio. A wrong aspect ratio (a portrait phone video,
 * a 4:3 picture) is one failure whose message also names the allowed sizes; a right ratio at a size the rules do not
 * list (854×480, 3840×2160) is a resolution failure.
 */
function pictureFailures(video: NonNullable<VideoProbe['video']>, rules: EntryRules): VideoFailure[] {
  const w = video.displayWidth;
  const h = video.displayHeight;
  const sizes = { vi: joinOr(resolutionList(rules), 'vi'), en: joinOr(resolutionList(rules), 'en') };
  if (!(w > 0 && h > 0)) {
    return [
      {
        rule: 'resolution',
        message: msg(
          `Không xác định được kích thước khung hình của video; thể lệ yêu cầu ${sizes.vi}. Hãy xuất lại video ` +
            `ở một trong các độ phân giải này.`,
          `The video's picture size cannot be determined; the rules require ${sizes.en}. Export the video ` +
            `again at one of these resolutions.`,
        ),
      },
    ];
  }
  const { width: aw, height: ah } = rules.aspectRatio;
  const ratio = `${aw}:${ah}`;
  const rotated = video.rotation === 90 || video.rotation === 270;
  const stored = rotated
    ? {
        vi: ` (khung hình lưu ${video.codedWidth}×${video.codedHeight} kèm cờ xoay ${video.rotation}°)`,
        en: ` (stored as ${video.codedWidth}×${video.codedHeight} with a ${video.rotation}° rotation flag)`,
      }
    : { vi: '', en: '' };
  if (!sameRatio(w, h, aw, ah)) {
    const rulesLandscape = aw > ah;
    const rulesPortrait = aw < ah;
    if (rulesLandscape && h > w) {
      return [
        {
          rule: 'aspect_ratio',
          message: msg(
            `Video quay dọc: hiển thị ${w}×${h}${stored.vi}; thể lệ yêu cầu video ngang tỉ lệ ${ratio} ` +
              `(${sizes.vi}). Hãy quay hoặc xuất lại video theo chiều ngang ${ratio} rồi tải lên lại.`,
            `The video is portrait: it displays at ${w}×${h}${stored.en}; the rules require landscape ${ratio} ` +
              `video (${sizes.en}). Shoot or export the video again in landscape ${ratio} and upload it again.`,
          ),
        },
      ];
    }
    if (rulesPortrait && w > h) {
      return [
        {
          rule: 'aspect_ratio',
          message: msg(
            `Video quay ngang: hiển thị ${w}×${h}${stored.vi}; thể lệ yêu cầu video dọc tỉ lệ ${ratio} ` +
              `(${sizes.vi}). Hãy xuất lại video theo chiều dọc ${ratio} rồi tải lên lại.`,
            `The video is landscape: it displays at ${w}×${h}${stored.en}; the rules require portrait ${ratio} ` +
              `video (${sizes.en}). Export the video again in portrait ${ratio} and upload it again.`,
          ),
        },
      ];
    }
    return [
      {
        rule: 'aspect_ratio',
        message: msg(
          `Video có tỉ lệ khung hình ${describeAspectRatio(w, h, 'vi')} (${w}×${h}${stored.vi}); thể lệ yêu ` +
            `cầu tỉ lệ ${ratio} (${sizes.vi}). Hãy xuất lại video ở tỉ lệ ${ratio}, không kéo giãn hình, rồi tải ` +
            `lên lại.`,
          `The video's aspect ratio is ${describeAspectRatio(w, h, 'en')} (${w}×${h}${stored.en}); the rules ` +
            `require ${ratio} (${sizes.en}). Export the video again at ${ratio}, without stretching the picture, ` +
            `and upload it again.`,
        ),
      },
    ];
  }
  if (!rules.allowedResolutions.some((r) => r.width === w && r.height === h)) {
    return [
      {
        rule: 'resolution',
        message: msg(
          `Video có độ phân giải ${w}×${h}${stored.vi}; thể lệ yêu cầu ${sizes.vi}. Hãy xuất lại video ở một ` +
            `trong các độ phân giải này rồi tải lên lại.`,
          `The video's resolution is ${w}×${h}${stored.en}; the rules require ${sizes.en}. Export the video ` +
            `again at one of these resolutions and upload it again.`,
        ),
      },
    ];
  }
  return [];
}

function sizeFailure(probe: VideoProbe, rules: EntryRules): VideoFailure | null {
  if (probe.sizeBytes <= rules.maxSizeBytes) return null;
  return {
    rule: 'size',
    message: msg(
      `Tệp nặng ${formatBytes(probe.sizeBytes, 'vi')}; thể lệ cho phép tối đa ` +
        `${formatBytes(rules.maxSizeBytes, 'vi')}. Hãy xuất lại video với tốc độ bit (bitrate) thấp hơn rồi tải ` +
        `lên lại.`,
      `The file is ${formatBytes(probe.sizeBytes, 'en')}; the rules allow at most ` +
        `${formatBytes(rules.maxSizeBytes, 'en')}. Export the video again at a lower bitrate and upload it again.`,
    ),
  };
}

/**
 * The technical rules R6 and R7 as the contest's settings state them. When the container is not one the rules
 * allow, the other rules are reported only on what the probe did read (it may not read WebM at all), never on what
 * it could not. Integrity and decode failures come from the server's checks, not from here.
 */
export function evaluateVideo(probe: VideoProbe, rules: EntryRules): VideoFailure[] {
  const out: VideoFailure[] = [];
  const containerOk = (rules.containers as readonly string[]).includes(probe.container);
  if (!containerOk) out.push(containerFailure(probe, rules));
  if (probe.container !== 'unknown') {
    if (!probe.video) {
      if (containerOk) {
        out.push({
          rule: 'video_track',
          message: msg(
            'Tệp không có hình ảnh (không có luồng video), chỉ có âm thanh hoặc dữ liệu khác. Hãy xuất lại ' +
              'video có hình rồi tải lên lại.',
            'The file has no picture (no video track), only sound or other data. Export the video with its ' +
              'picture and upload it again.',
          ),
        });
      }
    } else {
      out.push(...pictureFailures(probe.video, rules));
    }
    if (containerOk || probe.durationSec !== null) {
      const d = durationFailure(probe, rules);
      if (d) out.push(d);
    }
  }
  const s = sizeFailure(probe, rules);
  if (s) out.push(s);
  return sortFailures(out);
}

/** Failures in a stable order: the most fundamental first. */
export function sortFailures(failures: VideoFailure[]): VideoFailure[] {
  return [...failures].sort((a, b) => VIDEO_RULES.indexOf(a.rule) - VIDEO_RULES.indexOf(b.rule));
}

/** One line about a probe for lists: "MP4, 5 phút 30 giây, 1920×1080, H.264 + AAC, 45,2 MB". */
export function describeProbe(probe: VideoProbe, lang: Lang): string {
  const parts: string[] = [containerName(probe.container, lang)];
  if (probe.durationSec !== null) parts.push(formatDuration(probe.durationSec, lang));
  if (probe.video) {
    parts.push(`${probe.video.displayWidth}×${probe.video.displayHeight}`);
    parts.push(
      probe.audio
        ? `${codecLabel(probe.video.codec)} + ${codecLabel(probe.audio.codec)}`
        : codecLabel(probe.video.codec),
    );
  }
  parts.push(formatBytes(probe.sizeBytes, lang));
  return parts.join(', ');
}
