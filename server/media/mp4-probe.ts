/**
 * Our own ISO-BMFF (MP4/MOV) reader: what the file really is, its duration, picture size and rotation, and whether
 * its structure holds together — every sample inside the file and inside an `mdat` box, nothing after the last box,
 * no box running past the end of the file. ffprobe reports the first and misses the second (see the tests).
 *
 * It reads with positional reads on a file handle and never loads the media data: the top-level box headers through
 * a small read window, then the whole `moov` (the index) in one read, whose sample tables are walked in place. A 2 GiB
 * file costs a handful of reads and a few megabytes whether its `moov` is at the front or at the end.
 *
 * Fragmented MP4 (screen recorders, OBS, browsers' MediaRecorder): the `moov` holds the tracks and usually no samples,
 * and each `moof` fragment says where its samples are (`traf`/`tfhd`/`trun`). Every fragment is read (one at a time,
 * through the same window) and every run of samples is placed exactly as a player places it, with the same checks as
 * the sample tables: inside the file, inside one `mdat`. The duration then comes from the fragments
 * (docs/decisions/0019-fragmented-mp4.md).
 *
 * Hostile input: every count and size is checked against the bytes actually present before anything is allocated
 * or looped over; the number of boxes and the bytes of index read are bounded; the walk descends only along the
 * boxes it needs (no recursion); a box smaller than its own header stops the walk. Garbage never throws: it yields
 * container 'unknown' or an integrity problem. Only an unreadable path (missing, not a regular file) throws.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import {
  formatBytes,
  formatDuration,
  type Localized,
  type VideoContainer,
  type VideoProbe,
} from '@core/video-policy.ts';

export type IntegrityCode =
  'truncated' | 'trailing_data' | 'sample_outside_file' | 'sample_outside_mdat' | 'no_moov' | 'bad_box';

export interface IntegrityProblem {
  code: IntegrityCode;
  message: Localized;
}

/**
 * `ok` is true only when the file is ISO-BMFF and every structural check passed. Files in other containers
 * (WebM, AVI, unknown) are not walked: `ok` is false with no problems, and the container rule refuses them.
 */
export interface Integrity {
  ok: boolean;
  problems: IntegrityProblem[];
}

export interface ProbeResult {
  probe: VideoProbe;
  integrity: Integrity;
}

export const PROBE_LIMITS = {
  /**
   * Top-level boxes walked before giving up. A classic file has 3 to 10; a fragmented one two per fragment, and a
   * 10-minute recording cut into 100 ms fragments per track has about 24,000.
   */
  maxTopLevelBoxes: 200_000,
  /** Largest `moov` read into memory; a 10-minute 60 fps file's index is under 1 MiB, a 2-hour one about 10 MiB. */
  maxIndexBytes: 32 * 1024 * 1024,
  /** Boxes inside the `moov` visited, all levels together. */
  maxIndexBoxes: 100_000,
  maxTracks: 64,
  /** Bytes of all the `moof` boxes of a fragmented file together (a 10-minute 60 fps recording has about 2 MiB). */
  maxFragmentIndexBytes: 64 * 1024 * 1024,
} as const;

/** Top-level box types of ISO-BMFF and QuickTime. Only used to tell a truncated box from trailing garbage. */
const KNOWN_TOP_LEVEL = new Set([
  'ftyp',
  'styp',
  'moov',
  'mdat',
  'free',
  'skip',
  'wide',
  'uuid',
  'meta',
  'pdin',
  'moof',
  'mfra',
  'sidx',
  'ssix',
  'prft',
  'emsg',
  'pnot',
  'PICT',
  'udta',
  'junk',
]);

/** Box types that can start a QuickTime file that has no `ftyp`. */
const QUICKTIME_FIRST_BOXES = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

const TWO_32 = 4294967296;

function fourcc(buf: Buffer, at: number): string {
  return String.fromCharCode(buf[at]!, buf[at + 1]!, buf[at + 2]!, buf[at + 3]!);
}

/** Four printable ASCII characters, as every real box type is ('©nam' aside, which never appears at these levels). */
function isPrintableFourcc(buf: Buffer, at: number): boolean {
  for (let i = 0; i < 4; i++) {
    const c = buf[at + i]!;
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

function u64(buf: Buffer, at: number): number {
  // Exact up to 2^53; beyond that the value is still far past any file's end, which is all that matters here.
  return buf.readUInt32BE(at) * TWO_32 + buf.readUInt32BE(at + 4);
}

/** Fills `buf` from `position`; returns how many bytes were read (fewer only at the end of the file). */
async function readInto(fh: FileHandle, buf: Buffer, position: number, length: number): Promise<number> {
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  const got = await readInto(fh, buf, position, length);
  return got === length ? buf : buf.subarray(0, got);
}

const WINDOW_BYTES = 64 * 1024;

/**
 * Positional reads through one reused 64 KiB window: a fragment's box header, its `moof` and the next box's header
 * are usually one read, and so are thousands of small boxes in a row, with no allocation per read. A read larger than
 * the window goes straight to the file into a buffer of its own. What it returns from the window is a view that the
 * next read may overwrite: use it before reading again.
 */
class WindowedReader {
  private readonly window = Buffer.allocUnsafe(WINDOW_BYTES);
  private windowAt = 0;
  private filled = 0;

  constructor(
    private readonly fh: FileHandle,
    private readonly fileSize: number,
  ) {}

  /** Up to `length` bytes at `position` (fewer only at the end of the file). */
  async read(position: number, length: number): Promise<Buffer> {
    const from = position - this.windowAt;
    if (from >= 0 && from + length <= this.filled) return this.window.subarray(from, from + length);
    if (length > WINDOW_BYTES) return readAt(this.fh, position, length);
    this.filled = 0; // not valid while the read is in progress
    this.filled = await readInto(this.fh, this.window, position, Math.min(WINDOW_BYTES, this.fileSize - position));
    this.windowAt = position;
    return this.window.subarray(0, Math.min(length, this.filled));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

function msg(vi: string, en: string): Localized {
  return { vi: vi.normalize('NFC'), en: en.normalize('NFC') };
}

const bytesBoth = (n: number) => ({ vi: formatBytes(n, 'vi'), en: formatBytes(n, 'en') });

function truncatedProblem(box: string, declaredEnd: number, fileSize: number, moovMissing: boolean): IntegrityProblem {
  const have = bytesBoth(fileSize);
  const need = bytesBoth(declaredEnd);
  return {
    code: 'truncated',
    message: msg(
      `Tệp bị thiếu phần cuối (bị cắt cụt): tệp chỉ có ${have.vi} nhưng cấu trúc MP4 của nó cần ${need.vi} ` +
        `(hộp «${box}» vượt quá cuối tệp)${moovMissing ? '; phần chỉ mục (moov) cũng không có' : ''}. ` +
        'Có thể tệp chưa được sao chép hoặc tải về hết; hãy sao chép lại tệp gốc đầy đủ rồi tải lên lại.',
      `The file is truncated: it holds ${have.en} but its MP4 structure needs ${need.en} ` +
        `(box '${box}' runs past the end of the file)${moovMissing ? '; the index (moov) is missing too' : ''}. ` +
        'It was probably not copied or downloaded completely; copy the complete original again and upload it again.',
    ),
  };
}

function trailingProblem(at: number, fileSize: number): IntegrityProblem {
  const extra = bytesBoth(fileSize - at);
  return {
    code: 'trailing_data',
    message: msg(
      `Sau phần cuối của video còn ${extra.vi} dữ liệu lạ (từ byte ${at}), không thuộc cấu trúc MP4. ` +
        'Tệp đã bị ghép thêm dữ liệu khác; ' +
        'hãy dùng đúng tệp gốc xuất từ phần mềm dựng phim, hoặc xuất lại video, rồi tải lên lại.',
      `There are ${extra.en} of unexpected data after the end of the video (from byte ${at}), ` +
        'outside the MP4 structure. Something was appended to the file; ' +
        'use the original file exported by your editing software, or export the video again, and upload it again.',
    ),
  };
}

function noMoovProblem(): IntegrityProblem {
  return {
    code: 'no_moov',
    message: msg(
      'Tệp MP4 không có phần chỉ mục (moov): ' +
        'video chưa được ghi xong (ví dụ quay hoặc xuất bị ngắt giữa chừng) hoặc tệp bị hỏng, nên không phát được. ' +
        'Hãy xuất lại video từ phần mềm dựng phim rồi tải lên lại.',
      'The MP4 file has no index (moov): ' +
        'the recording or export was interrupted before it finished, or the file is damaged, ' +
        'so it cannot be played. Export the video again from your editing software and upload it again.',
    ),
  };
}

/** Fragments that hold less than the duration the file declares for itself (`mehd`): a recording cut short. */
function fragmentsShortProblem(declaredSec: number, heldSec: number): IntegrityProblem {
  return {
    code: 'truncated',
    message: msg(
      `Tệp bị thiếu phần cuối (bị cắt cụt): tệp khai báo video dài ${formatDuration(declaredSec, 'vi')} ` +
        `nhưng các phân đoạn của nó chỉ chứa ${formatDuration(heldSec, 'vi')}. ` +
        'Có thể việc ghi hoặc sao chép bị ngắt giữa chừng; ' +
        'hãy sao chép lại tệp gốc đầy đủ hoặc xuất lại video rồi tải lên lại.',
      `The file is truncated: it declares a video of ${formatDuration(declaredSec, 'en')} but its ` +
        `fragments hold only ${formatDuration(heldSec, 'en')}. The recording or the copy was probably ` +
        'interrupted; copy the complete original again or export the video again, and upload it again.',
    ),
  };
}

function badBoxProblem(detail: Localized): IntegrityProblem {
  return {
    code: 'bad_box',
    message: msg(
      `Cấu trúc tệp MP4 bị hỏng: ${detail.vi}. Hãy xuất lại video từ phần mềm dựng phim rồi tải lên lại.`,
      `The MP4 structure is damaged: ${detail.en}. ` +
        'Export the video again from your editing software and upload it again.',
    ),
  };
}

function outsideFileProblem(count: number, start: number, end: number, fileSize: number): IntegrityProblem {
  return {
    code: 'sample_outside_file',
    message: msg(
      `Chỉ mục của video trỏ tới dữ liệu nằm ngoài tệp (${count} đoạn; ` +
        `đoạn đầu tiên ở byte ${start}–${end} trong khi tệp dài ${fileSize} byte). ` +
        'Tệp bị hỏng hoặc không đầy đủ; hãy sao chép lại tệp gốc hoặc xuất lại video rồi tải lên lại.',
      `The video's index points to data outside the file (${count} chunks; ` +
        `the first at bytes ${start}–${end} while the file is ${fileSize} bytes long). ` +
        'The file is damaged or incomplete; copy the original again or export the video again, and upload it again.',
    ),
  };
}

function outsideMdatProblem(count: number, start: number, end: number): IntegrityProblem {
  return {
    code: 'sample_outside_mdat',
    message: msg(
      'Chỉ mục của video trỏ tới dữ liệu nằm ngoài vùng chứa hình và tiếng ' +
        `(mdat) (${count} đoạn; đoạn đầu tiên ở byte ${start}–${end}). ` +
        'Tệp bị hỏng hoặc đã bị chỉnh sửa bất thường; hãy xuất lại video rồi tải lên lại.',
      `The video's index points to data outside the media data box (mdat) (${count} chunks; ` +
        `the first at bytes ${start}–${end}). The file is damaged or was tampered with; ` +
        'export the video again and upload it again.',
    ),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Container detection for what is not ISO-BMFF

/** Reads an EBML variable-size integer; `keepMarker` for element ids. Returns null past the buffer's end. */
function ebmlVint(buf: Buffer, at: number, keepMarker: boolean): { value: number; length: number } | null {
  const first = buf[at];
  if (first === undefined || first === 0) return null;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || at + length > buf.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + buf[at + i]!;
  return { value, length };
}

/** WebM or Matroska, from the EBML header's DocType (Matroska when absent, as the format says). */
function ebmlDocType(head: Buffer): 'webm' | 'matroska' {
  const size = ebmlVint(head, 4, false);
  if (!size) return 'matroska';
  const end = Math.min(head.length, 4 + size.length + size.value);
  let at = 4 + size.length;
  for (let guard = 0; at < end && guard < 64; guard++) {
    const id = ebmlVint(head, at, true);
    if (!id) break;
    const len = ebmlVint(head, at + id.length, false);
    if (!len) break;
    const dataAt = at + id.length + len.length;
    if (id.value === 0x4282) {
      const docType = head.toString('latin1', dataAt, Math.min(end, dataAt + len.value)).replace(/\0+$/, '');
      return docType === 'webm' ? 'webm' : 'matroska';
    }
    at = dataAt + len.value;
  }
  return 'matroska';
}

function emptyProbe(container: VideoContainer, sizeBytes: number, majorBrand: string | null = null): VideoProbe {
  return { container, majorBrand, sizeBytes, durationSec: null, video: null, audio: null };
}

// ---------------------------------------------------------------------------------------------------------------
// The index (moov)

interface Range {
  start: number;
  end: number;
}

interface Track {
  handler: string | null;
  tkhd: { id: number; width: number; height: number; rotation: 0 | 90 | 180 | 270 } | null;
  mdhd: { timescale: number; duration: number } | null;
  codec: string | null;
  codedWidth: number;
  codedHeight: number;
  tables: Partial<Record<'stsz' | 'stz2' | 'stco' | 'co64' | 'stsc' | 'stts', Range>>;
}

/** A track's defaults for its fragments (`trex`); `tfhd` and `trun` may override them fragment by fragment. */
interface TrackExtends {
  duration: number;
  size: number;
}

interface Index {
  mvhd: { timescale: number; duration: number } | null;
  tracks: Track[];
  /** The `mvex` box, present when the file is (or may be) fragmented. */
  mvex: { trex: Map<number, TrackExtends>; mehd: number | null } | null;
}

class IndexError extends Error {
  constructor(readonly detail: Localized) {
    super(detail.en);
  }
}

const bad = (vi: string, en: string) => new IndexError({ vi, en });

interface Child {
  type: string;
  start: number;
  payload: number;
  end: number;
}

/** The boxes directly inside [start, end) of the moov buffer. Throws IndexError on a malformed child. */
function childrenOf(buf: Buffer, start: number, end: number, budget: { boxes: number }): Child[] {
  const out: Child[] = [];
  let at = start;
  while (at < end) {
    if (end - at < 8) {
      // A few padding bytes at the end of a container are tolerated only if they are zero.
      for (let i = at; i < end; i++)
        if (buf[i] !== 0)
          throw bad(
            `dữ liệu thừa ở cuối một hộp tại byte ${at} của chỉ mục`,
            `stray bytes at the end of a box at index byte ${at}`,
          );
      break;
    }
    if (++budget.boxes > PROBE_LIMITS.maxIndexBoxes)
      throw bad(
        `chỉ mục có quá nhiều hộp (trên ${PROBE_LIMITS.maxIndexBoxes})`,
        `the index has too many boxes (over ${PROBE_LIMITS.maxIndexBoxes})`,
      );
    let size = buf.readUInt32BE(at);
    const type = fourcc(buf, at + 4);
    let header = 8;
    if (size === 1) {
      if (end - at < 16) throw bad(`hộp «${type}» bị cắt giữa phần đầu`, `box '${type}' is cut in its header`);
      size = u64(buf, at + 8);
      header = 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < header)
      throw bad(
        `hộp «${type}» khai báo kích thước ${size} byte, nhỏ hơn phần đầu của chính nó`,
        `box '${type}' declares a size of ${size} bytes, smaller than its own header`,
      );
    if (size > end - at)
      throw bad(
        `hộp «${type}» (${size} byte) vượt ra ngoài hộp chứa nó`,
        `box '${type}' (${size} bytes) runs past the box that contains it`,
      );
    out.push({ type, start: at, payload: at + header, end: at + size });
    at += size;
  }
  return out;
}

function need(c: Child, bytes: number): void {
  if (c.end - c.payload < bytes)
    throw bad(
      `hộp «${c.type}» quá ngắn (${c.end - c.payload} byte)`,
      `box '${c.type}' is too short (${c.end - c.payload} bytes)`,
    );
}

/** Clockwise display rotation from the tkhd matrix: (x, y) maps to (a·x + c·y, b·x + d·y) with y pointing down. */
export function rotationFromMatrix(a: number, b: number): 0 | 90 | 180 | 270 {
  if (a === 0 && b === 0) return 0;
  const deg = (Math.atan2(b, a) * 180) / Math.PI;
  const snapped = (((Math.round(deg / 90) * 90) % 360) + 360) % 360;
  return snapped as 0 | 90 | 180 | 270;
}

function parseTrack(buf: Buffer, trak: Child, budget: { boxes: number }): Track {
  const t: Track = { handler: null, tkhd: null, mdhd: null, codec: null, codedWidth: 0, codedHeight: 0, tables: {} };
  for (const c of childrenOf(buf, trak.payload, trak.end, budget)) {
    if (c.type === 'tkhd') {
      need(c, 4);
      const v1 = buf[c.payload] === 1;
      // Past times, id, reserved, duration; then reserved, layer, group, volume.
      const m = c.payload + 4 + (v1 ? 32 : 20) + 16;
      need(c, m - c.payload + 36 + 8);
      const a = buf.readInt32BE(m) / 65536;
      const b = buf.readInt32BE(m + 4) / 65536;
      t.tkhd = {
        id: buf.readUInt32BE(c.payload + (v1 ? 20 : 12)), // past version, flags and the creation and change times
        width: Math.round(buf.readUInt32BE(m + 36) / 65536),
        height: Math.round(buf.readUInt32BE(m + 40) / 65536),
        rotation: rotationFromMatrix(a, b),
      };
    } else if (c.type === 'mdia') {
      for (const d of childrenOf(buf, c.payload, c.end, budget)) {
        if (d.type === 'mdhd') {
          need(d, 4);
          const v1 = buf[d.payload] === 1;
          need(d, v1 ? 32 : 20);
          t.mdhd = v1
            ? { timescale: buf.readUInt32BE(d.payload + 20), duration: u64(buf, d.payload + 24) }
            : { timescale: buf.readUInt32BE(d.payload + 12), duration: buf.readUInt32BE(d.payload + 16) };
        } else if (d.type === 'hdlr') {
          need(d, 12);
          t.handler = fourcc(buf, d.payload + 8);
        } else if (d.type === 'minf') {
          for (const e of childrenOf(buf, d.payload, d.end, budget)) {
            if (e.type !== 'stbl') continue;
            for (const s of childrenOf(buf, e.payload, e.end, budget)) {
              if (s.type === 'stsd') {
                need(s, 8);
                if (buf.readUInt32BE(s.payload + 4) > 0 && s.end - s.payload >= 16) {
                  const entry = s.payload + 8;
                  t.codec = isPrintableFourcc(buf, entry + 4) ? fourcc(buf, entry + 4) : null;
                  // VisualSampleEntry: 8 header + 6 reserved + 2 data_reference_index + 16 pre-defined = width at 32.
                  if (entry + 36 <= s.end) {
                    t.codedWidth = buf.readUInt16BE(entry + 32);
                    t.codedHeight = buf.readUInt16BE(entry + 34);
                  }
                }
              } else if (
                s.type === 'stsz' ||
                s.type === 'stz2' ||
                s.type === 'stco' ||
                s.type === 'co64' ||
                s.type === 'stsc' ||
                s.type === 'stts'
              ) {
                if (t.tables[s.type]) throw bad(`một rãnh có hai hộp «${s.type}»`, `a track has two '${s.type}' boxes`);
                t.tables[s.type] = { start: s.payload, end: s.end };
              }
            }
          }
        }
      }
    }
  }
  return t;
}

function parseMvex(buf: Buffer, mvex: Child, budget: { boxes: number }): NonNullable<Index['mvex']> {
  const out: NonNullable<Index['mvex']> = { trex: new Map(), mehd: null };
  for (const c of childrenOf(buf, mvex.payload, mvex.end, budget)) {
    if (c.type === 'mehd') {
      need(c, 4);
      const v1 = buf[c.payload] === 1;
      need(c, v1 ? 12 : 8);
      out.mehd = v1 ? u64(buf, c.payload + 4) : buf.readUInt32BE(c.payload + 4);
    } else if (c.type === 'trex') {
      // version and flags, track_ID, default sample description index, duration, size, flags
      need(c, 24);
      const id = buf.readUInt32BE(c.payload + 4);
      if (out.trex.has(id)) throw bad(`rãnh ${id} có hai hộp «trex»`, `track ${id} has two 'trex' boxes`);
      out.trex.set(id, { duration: buf.readUInt32BE(c.payload + 12), size: buf.readUInt32BE(c.payload + 16) });
    }
  }
  return out;
}

function parseIndex(buf: Buffer): Index {
  const budget = { boxes: 0 };
  const index: Index = { mvhd: null, tracks: [], mvex: null };
  for (const c of childrenOf(buf, 0, buf.length, budget)) {
    if (c.type === 'mvhd') {
      need(c, 4);
      const v1 = buf[c.payload] === 1;
      need(c, v1 ? 32 : 20);
      index.mvhd = v1
        ? { timescale: buf.readUInt32BE(c.payload + 20), duration: u64(buf, c.payload + 24) }
        : { timescale: buf.readUInt32BE(c.payload + 12), duration: buf.readUInt32BE(c.payload + 16) };
    } else if (c.type === 'trak') {
      if (index.tracks.length >= PROBE_LIMITS.maxTracks)
        throw bad(
          `có quá nhiều rãnh (trên ${PROBE_LIMITS.maxTracks})`,
          `too many tracks (over ${PROBE_LIMITS.maxTracks})`,
        );
      index.tracks.push(parseTrack(buf, c, budget));
    } else if (c.type === 'mvex') {
      if (index.mvex) throw bad('chỉ mục có hai hộp «mvex»', "the index has two 'mvex' boxes");
      index.mvex = parseMvex(buf, c, budget);
    }
  }
  return index;
}

/** mdat payloads, in file order (the top-level walk finds them in order and they never overlap). */
type Mdats = Range[];

/** Index of the last mdat whose payload starts at or before `offset`, or -1. */
function mdatAt(mdats: Mdats, offset: number): number {
  let lo = 0;
  let hi = mdats.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (mdats[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

interface SampleReport {
  outsideFile: { count: number; start: number; end: number } | null;
  outsideMdat: { count: number; start: number; end: number } | null;
}

/** Checks one contiguous range of sample data: inside the file, and inside a single mdat's payload. */
function placeRange(start: number, end: number, fileSize: number, mdats: Mdats, report: SampleReport): void {
  if (start < 0 || end > fileSize) {
    if (!report.outsideFile) report.outsideFile = { count: 0, start, end };
    report.outsideFile.count++;
    return;
  }
  const m = mdatAt(mdats, start);
  if (m < 0 || end > mdats[m]!.end) {
    if (!report.outsideMdat) report.outsideMdat = { count: 0, start, end };
    report.outsideMdat.count++;
  }
}

/**
 * Places every sample of a track: stsc says how many samples each chunk holds, stco/co64 where each chunk starts,
 * stsz/stz2 how big each sample is. Samples of a chunk are contiguous, so checking each chunk's byte range checks
 * every sample. Work is bounded by the table sizes actually present in the buffer.
 */
function checkTrackSamples(buf: Buffer, t: Track, fileSize: number, mdats: Mdats, report: SampleReport): void {
  const { stsz, stz2, stco, co64, stsc } = t.tables;
  const sizes = stsz ?? stz2;
  const offsets = stco ?? co64;
  if (!sizes && !offsets && !stsc) return; // a track without sample tables has no samples to place
  if (!sizes || !offsets || !stsc)
    throw bad(
      'bảng mẫu của một rãnh không đầy đủ (thiếu stsz, stco hoặc stsc)',
      "a track's sample tables are incomplete (stsz, stco or stsc missing)",
    );
  if (stsz && stz2) throw bad('một rãnh có cả stsz và stz2', 'a track has both stsz and stz2');
  if (stco && co64) throw bad('một rãnh có cả stco và co64', 'a track has both stco and co64');

  // Sample sizes.
  if (sizes.end - sizes.start < 12) throw bad('hộp kích thước mẫu quá ngắn', 'the sample size box is too short');
  let constantSize = 0;
  let fieldBits = 32;
  const sampleCount = buf.readUInt32BE(sizes.start + 8);
  const sizesAt = sizes.start + 12;
  if (stsz) {
    constantSize = buf.readUInt32BE(sizes.start + 4);
    if (constantSize === 0 && sampleCount * 4 > sizes.end - sizesAt)
      throw bad(
        `bảng stsz khai báo ${sampleCount} mẫu nhưng không đủ dữ liệu`,
        `stsz declares ${sampleCount} samples but holds fewer`,
      );
  } else {
    fieldBits = buf[sizes.start + 7]!;
    if (fieldBits !== 4 && fieldBits !== 8 && fieldBits !== 16)
      throw bad(`bảng stz2 có độ rộng trường ${fieldBits} không hợp lệ`, `stz2 has an invalid field size ${fieldBits}`);
    if (Math.ceil((sampleCount * fieldBits) / 8) > sizes.end - sizesAt)
      throw bad(
        `bảng stz2 khai báo ${sampleCount} mẫu nhưng không đủ dữ liệu`,
        `stz2 declares ${sampleCount} samples but holds fewer`,
      );
  }
  const sampleSize = (i: number): number => {
    if (constantSize) return constantSize;
    if (fieldBits === 32) return buf.readUInt32BE(sizesAt + i * 4);
    if (fieldBits === 16) return buf.readUInt16BE(sizesAt + i * 2);
    if (fieldBits === 8) return buf[sizesAt + i]!;
    const byte = buf[sizesAt + (i >> 1)]!;
    return i & 1 ? byte & 0x0f : byte >> 4;
  };

  // Chunk offsets.
  if (offsets.end - offsets.start < 8)
    throw bad('hộp vị trí đoạn (stco) quá ngắn', 'the chunk offset box (stco) is too short');
  const chunkCount = buf.readUInt32BE(offsets.start + 4);
  const wide = !!co64;
  const offsetsAt = offsets.start + 8;
  if (chunkCount * (wide ? 8 : 4) > offsets.end - offsetsAt)
    throw bad(
      `bảng vị trí đoạn khai báo ${chunkCount} đoạn nhưng không đủ dữ liệu`,
      `the chunk offset table declares ${chunkCount} chunks but holds fewer`,
    );
  const chunkOffset = (i: number): number => (wide ? u64(buf, offsetsAt + i * 8) : buf.readUInt32BE(offsetsAt + i * 4));

  // Samples per chunk.
  if (stsc.end - stsc.start < 8) throw bad('hộp stsc quá ngắn', 'the stsc box is too short');
  const runCount = buf.readUInt32BE(stsc.start + 4);
  const runsAt = stsc.start + 8;
  if (runCount * 12 > stsc.end - runsAt)
    throw bad(
      `bảng stsc khai báo ${runCount} dòng nhưng không đủ dữ liệu`,
      `stsc declares ${runCount} entries but holds fewer`,
    );
  if (sampleCount > 0 && (runCount === 0 || chunkCount === 0))
    throw bad(
      `có ${sampleCount} mẫu nhưng không có đoạn nào chứa chúng`,
      `${sampleCount} samples but no chunk to hold them`,
    );

  let sample = 0;
  let previousFirst = 0;
  for (let r = 0; r < runCount; r++) {
    const first = buf.readUInt32BE(runsAt + r * 12);
    const perChunk = buf.readUInt32BE(runsAt + r * 12 + 4);
    if (first <= previousFirst || (r === 0 && first !== 1))
      throw bad(
        'bảng stsc không tăng dần hoặc không bắt đầu từ đoạn 1',
        'stsc does not start at chunk 1 or does not increase',
      );
    previousFirst = first;
    if (first > chunkCount) break; // runs past the last chunk are ignored, as players do; the count check below decides
    const nextFirst =
      r + 1 < runCount ? Math.min(buf.readUInt32BE(runsAt + (r + 1) * 12), chunkCount + 1) : chunkCount + 1;
    for (let chunk = first; chunk < nextFirst; chunk++) {
      if (sample + perChunk > sampleCount)
        throw bad(
          `bảng stsc xếp nhiều mẫu hơn ${sampleCount} mẫu mà stsz khai báo`,
          `stsc places more samples than the ${sampleCount} that stsz declares`,
        );
      let bytes = 0;
      if (constantSize) bytes = perChunk * constantSize;
      else for (let i = 0; i < perChunk; i++) bytes += sampleSize(sample + i);
      sample += perChunk;
      if (bytes === 0) continue;
      const start = chunkOffset(chunk - 1);
      placeRange(start, start + bytes, fileSize, mdats, report);
    }
  }
  if (sample !== sampleCount)
    throw bad(
      `bảng stsc chỉ xếp ${sample} trong ${sampleCount} mẫu vào các đoạn`,
      `stsc places only ${sample} of ${sampleCount} samples in chunks`,
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Fragments (moof)

/** Sum of the sample durations in a track's sample table (`stts`), in the track's timescale. */
function sampleTableTicks(buf: Buffer, t: Track): number {
  const stts = t.tables.stts;
  if (!stts) return 0;
  if (stts.end - stts.start < 8) throw bad('hộp stts quá ngắn', 'the stts box is too short');
  const entries = buf.readUInt32BE(stts.start + 4);
  const at = stts.start + 8;
  if (entries * 8 > stts.end - at)
    throw bad(
      `bảng stts khai báo ${entries} dòng nhưng không đủ dữ liệu`,
      `stts declares ${entries} entries but holds fewer`,
    );
  let ticks = 0;
  for (let i = 0; i < entries; i++) ticks += buf.readUInt32BE(at + i * 8) * buf.readUInt32BE(at + i * 8 + 4);
  return ticks;
}

interface FragmentTrack {
  track: Track;
  trex: TrackExtends | null;
  /** The durations of its samples in every fragment, summed, in the track's timescale. */
  ticks: number;
}

// tfhd and trun flags (ISO/IEC 14496-12, 8.8.7 and 8.8.8).
const TFHD_BASE_DATA_OFFSET = 0x000001;
const TFHD_SAMPLE_DESCRIPTION_INDEX = 0x000002;
const TFHD_DEFAULT_DURATION = 0x000008;
const TFHD_DEFAULT_SIZE = 0x000010;
const TFHD_DEFAULT_FLAGS = 0x000020;
const TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;
const TRUN_DATA_OFFSET = 0x000001;
const TRUN_FIRST_SAMPLE_FLAGS = 0x000004;
const TRUN_DURATION = 0x000100;
const TRUN_SIZE = 0x000200;
const TRUN_FLAGS = 0x000400;
const TRUN_COMPOSITION_OFFSET = 0x000800;

const bit = (flags: number, mask: number, bytes: number) => (flags & mask ? bytes : 0);

/**
 * Places every run of samples of one movie fragment, as a player does. Each track fragment (`traf`) has a base
 * offset: the one its `tfhd` states, else the start of the `moof` when `tfhd` says default-base-is-moof or for the
 * first `traf`, else the end of the previous `traf`'s data. Each run (`trun`) starts at that base plus its own
 * data offset, or right after the previous run when it has none. A run's samples are contiguous, so checking its
 * byte range checks every sample. Sample sizes and durations come from the run, else the `tfhd` defaults, else the
 * track's `trex`. `buf` holds the moof's payload; `moofStart` is the file offset of the moof box itself.
 */
function checkFragment(
  buf: Buffer,
  moofStart: number,
  tracks: Map<number, FragmentTrack>,
  fileSize: number,
  mdats: Mdats,
  report: SampleReport,
): void {
  const budget = { boxes: 0 };
  let previousTrafEnd: number | null = null;
  for (const traf of childrenOf(buf, 0, buf.length, budget)) {
    if (traf.type !== 'traf') continue;
    let tfhd: Child | null = null;
    const truns: Child[] = [];
    for (const c of childrenOf(buf, traf.payload, traf.end, budget)) {
      if (c.type === 'tfhd') {
        if (tfhd) throw bad('một phân đoạn có hai hộp tfhd', "a track fragment has two 'tfhd' boxes");
        tfhd = c;
      } else if (c.type === 'trun') truns.push(c);
    }
    if (!tfhd) throw bad('một phân đoạn thiếu hộp tfhd', "a track fragment has no 'tfhd' box");
    need(tfhd, 8);
    const flags = buf.readUInt32BE(tfhd.payload) & 0xffffff;
    const id = buf.readUInt32BE(tfhd.payload + 4);
    const ft = tracks.get(id);
    if (!ft)
      throw bad(
        `một phân đoạn thuộc rãnh ${id}, rãnh này không có trong chỉ mục`,
        `a fragment belongs to track ${id}, which the index does not declare`,
      );
    need(
      tfhd,
      8 +
        bit(flags, TFHD_BASE_DATA_OFFSET, 8) +
        bit(flags, TFHD_SAMPLE_DESCRIPTION_INDEX, 4) +
        bit(flags, TFHD_DEFAULT_DURATION, 4) +
        bit(flags, TFHD_DEFAULT_SIZE, 4) +
        bit(flags, TFHD_DEFAULT_FLAGS, 4),
    );
    let at = tfhd.payload + 8;
    let baseDataOffset: number | null = null;
    if (flags & TFHD_BASE_DATA_OFFSET) {
      baseDataOffset = u64(buf, at);
      at += 8;
    }
    if (flags & TFHD_SAMPLE_DESCRIPTION_INDEX) at += 4;
    let defaultDuration = ft.trex?.duration ?? 0;
    if (flags & TFHD_DEFAULT_DURATION) {
      defaultDuration = buf.readUInt32BE(at);
      at += 4;
    }
    let defaultSize: number | null = ft.trex?.size ?? null;
    if (flags & TFHD_DEFAULT_SIZE) defaultSize = buf.readUInt32BE(at);

    const base: number =
      baseDataOffset ?? (flags & TFHD_DEFAULT_BASE_IS_MOOF || previousTrafEnd === null ? moofStart : previousTrafEnd);
    let cursor: number = base;
    for (const trun of truns) {
      need(trun, 8);
      const runFlags = buf.readUInt32BE(trun.payload) & 0xffffff;
      const count = buf.readUInt32BE(trun.payload + 4);
      need(trun, 8 + bit(runFlags, TRUN_DATA_OFFSET, 4) + bit(runFlags, TRUN_FIRST_SAMPLE_FLAGS, 4));
      let p = trun.payload + 8;
      let start = cursor;
      if (runFlags & TRUN_DATA_OFFSET) {
        start = base + buf.readInt32BE(p); // signed, relative to the base
        p += 4;
      }
      if (runFlags & TRUN_FIRST_SAMPLE_FLAGS) p += 4;
      const hasDuration = (runFlags & TRUN_DURATION) !== 0;
      const hasSize = (runFlags & TRUN_SIZE) !== 0;
      const perSample =
        bit(runFlags, TRUN_DURATION, 4) +
        bit(runFlags, TRUN_SIZE, 4) +
        bit(runFlags, TRUN_FLAGS, 4) +
        bit(runFlags, TRUN_COMPOSITION_OFFSET, 4);
      if (count * perSample > trun.end - p)
        throw bad(
          `hộp trun khai báo ${count} mẫu nhưng không đủ dữ liệu`,
          `a 'trun' box declares ${count} samples but holds fewer`,
        );
      if (!hasSize && defaultSize === null && count > 0)
        throw bad(
          `không rõ kích thước các mẫu của một phân đoạn thuộc rãnh ${id} (trun, tfhd và trex đều không ghi)`,
          `the sample sizes of a fragment of track ${id} are given nowhere (not in trun, tfhd or trex)`,
        );
      let bytes = 0;
      let ticks = 0;
      if (hasDuration || hasSize) {
        for (let i = 0; i < count; i++, p += perSample) {
          ticks += hasDuration ? buf.readUInt32BE(p) : defaultDuration;
          bytes += hasSize ? buf.readUInt32BE(p + (hasDuration ? 4 : 0)) : defaultSize!;
        }
      } else {
        ticks = count * defaultDuration;
        bytes = count * defaultSize!;
      }
      if (bytes > 0) placeRange(start, start + bytes, fileSize, mdats, report);
      cursor = start + bytes;
      ft.ticks += ticks;
    }
    previousTrafEnd = cursor;
  }
}

/**
 * Reads and checks every complete fragment, one at a time. Returns each track's fragment durations. The bytes read
 * are bounded by `maxFragmentIndexBytes` in all and `maxIndexBytes` for one fragment.
 */
async function checkFragments(
  reader: WindowedReader,
  index: Index,
  moofs: TopBox[],
  fileSize: number,
  mdats: Mdats,
  report: SampleReport,
): Promise<Map<Track, number>> {
  const tracks = new Map<number, FragmentTrack>();
  for (const t of index.tracks) {
    if (!t.tkhd) continue;
    if (tracks.has(t.tkhd.id))
      throw bad(`hai rãnh cùng mang số ${t.tkhd.id}`, `two tracks have the same ID ${t.tkhd.id}`);
    tracks.set(t.tkhd.id, { track: t, trex: index.mvex?.trex.get(t.tkhd.id) ?? null, ticks: 0 });
  }
  let total = 0;
  for (const moof of moofs) {
    const length = moof.end - moof.start - moof.header;
    total += length;
    if (length > PROBE_LIMITS.maxIndexBytes || total > PROBE_LIMITS.maxFragmentIndexBytes)
      throw bad(
        `phần chỉ mục của các phân đoạn (moof) quá lớn (trên ${formatBytes(PROBE_LIMITS.maxFragmentIndexBytes, 'vi')})`,
        `the fragments' index (moof) is too large (over ${formatBytes(PROBE_LIMITS.maxFragmentIndexBytes, 'en')})`,
      );
    const buf = await reader.read(moof.start + moof.header, length);
    if (buf.length !== length) throw bad('không đọc được hết một phân đoạn', 'a fragment could not be read in full');
    checkFragment(buf, moof.start, tracks, fileSize, mdats, report);
  }
  return new Map([...tracks.values()].map((ft) => [ft.track, ft.ticks]));
}

/** Slack allowed between the duration a fragmented file declares (`mehd`) and what its samples hold. */
const DECLARED_DURATION_SLACK_SEC = 1;

/**
 * A fragmented file's duration: the longest track, its sample table (usually empty) plus its fragments, each in
 * its own timescale. When the file declares its duration (`mehd`, in the movie's timescale) and the samples agree
 * with it, the declared figure is used; samples well short of it mean the recording or the copy was cut short.
 */
function fragmentedDuration(
  moov: Buffer,
  index: Index,
  fragmentTicks: Map<Track, number>,
): {
  durationSec: number | null;
  declaredSec: number | null;
  short: { declaredSec: number; heldSec: number } | null;
} {
  let heldSec: number | null = null;
  for (const t of index.tracks) {
    if (!t.mdhd || !(t.mdhd.timescale > 0)) continue;
    const ticks = sampleTableTicks(moov, t) + (fragmentTicks.get(t) ?? 0);
    if (ticks > 0 && ticks < 2 ** 53) heldSec = Math.max(heldSec ?? 0, ticks / t.mdhd.timescale);
  }
  const mehd = index.mvex?.mehd ?? 0;
  const timescale = index.mvhd?.timescale ?? 0;
  const declaredSec = mehd > 0 && mehd !== 0xffffffff && mehd < 2 ** 53 && timescale > 0 ? mehd / timescale : null;
  if (declaredSec === null) return { durationSec: heldSec, declaredSec, short: null };
  const held = heldSec ?? 0;
  if (held < declaredSec - DECLARED_DURATION_SLACK_SEC)
    return { durationSec: heldSec, declaredSec, short: { declaredSec, heldSec: held } };
  // A declared figure never shortens what the samples hold.
  return {
    durationSec: held > declaredSec + DECLARED_DURATION_SLACK_SEC ? held : declaredSec,
    declaredSec,
    short: null,
  };
}

function probeFromIndex(index: Index, base: VideoProbe): VideoProbe {
  const videoTrack = index.tracks.find((t) => t.handler === 'vide');
  const audioTrack = index.tracks.find((t) => t.handler === 'soun');
  let durationSec: number | null = null;
  const mv = index.mvhd;
  if (mv && mv.timescale > 0 && mv.duration > 0 && mv.duration !== 0xffffffff && mv.duration < 2 ** 53)
    durationSec = mv.duration / mv.timescale;
  if (durationSec === null) {
    for (const t of index.tracks) {
      if (
        t.mdhd &&
        t.mdhd.timescale > 0 &&
        t.mdhd.duration > 0 &&
        t.mdhd.duration !== 0xffffffff &&
        t.mdhd.duration < 2 ** 53
      ) {
        durationSec = Math.max(durationSec ?? 0, t.mdhd.duration / t.mdhd.timescale);
      }
    }
  }
  let video: VideoProbe['video'] = null;
  if (videoTrack) {
    const rotation = videoTrack.tkhd?.rotation ?? 0;
    let w = videoTrack.tkhd?.width || videoTrack.codedWidth;
    let h = videoTrack.tkhd?.height || videoTrack.codedHeight;
    if (rotation === 90 || rotation === 270) [w, h] = [h, w];
    video = {
      codec: videoTrack.codec,
      codedWidth: videoTrack.codedWidth,
      codedHeight: videoTrack.codedHeight,
      rotation,
      displayWidth: w,
      displayHeight: h,
    };
  }
  return { ...base, durationSec, video, audio: audioTrack ? { codec: audioTrack.codec } : null };
}

// ---------------------------------------------------------------------------------------------------------------

interface TopBox {
  type: string;
  start: number;
  header: number;
  end: number;
}

async function probeBmff(fh: FileHandle, fileSize: number, first: Buffer): Promise<ProbeResult> {
  const problems: IntegrityProblem[] = [];
  const boxes: TopBox[] = [];
  let truncated: { type: string; end: number } | null = null;
  let trailingAt: number | null = null;
  let badTop: Localized | null = null;

  const reader = new WindowedReader(fh, fileSize);
  let pos = 0;
  let head = first;
  for (let n = 0; pos < fileSize; n++) {
    if (n >= PROBE_LIMITS.maxTopLevelBoxes) {
      badTop = {
        vi: `tệp có quá nhiều hộp ở cấp cao nhất (trên ${PROBE_LIMITS.maxTopLevelBoxes})`,
        en: `the file has too many top-level boxes (over ${PROBE_LIMITS.maxTopLevelBoxes})`,
      };
      break;
    }
    const remaining = fileSize - pos;
    if (pos !== 0) head = await reader.read(pos, Math.min(16, remaining));
    if (head.length < 8 || !isPrintableFourcc(head, 4)) {
      trailingAt = pos;
      break;
    }
    const type = fourcc(head, 4);
    const known = KNOWN_TOP_LEVEL.has(type);
    let size = head.readUInt32BE(0);
    let header = 8;
    if (size === 1) {
      if (head.length < 16) {
        if (known) truncated = { type, end: pos + 16 };
        else trailingAt = pos;
        break;
      }
      size = u64(head, 8);
      header = 16;
    } else if (size === 0) {
      size = remaining; // "to the end of the file"
    }
    if (size < header) {
      if (known)
        badTop = {
          vi: `hộp «${type}» tại byte ${pos} khai báo kích thước ${size} byte, nhỏ hơn phần đầu của chính nó`,
          en: `box '${type}' at byte ${pos} declares a size of ${size} bytes, smaller than its own header`,
        };
      else trailingAt = pos;
      break;
    }
    if (size > remaining) {
      if (known) {
        truncated = { type, end: pos + size };
        boxes.push({ type, start: pos, header, end: pos + size });
      } else trailingAt = pos;
      break;
    }
    boxes.push({ type, start: pos, header, end: pos + size });
    pos += size;
  }

  const ftyp = boxes.find((b) => b.type === 'ftyp');
  let majorBrand: string | null = null;
  if (ftyp && ftyp.end - ftyp.start - ftyp.header >= 4) {
    const b = await reader.read(ftyp.start + ftyp.header, 4);
    if (b.length === 4) majorBrand = b.toString('latin1').replace(/[^\x20-\x7e]/g, '?');
  }
  const container: VideoContainer = !ftyp || majorBrand === 'qt  ' ? 'mov' : 'mp4';
  let probe = emptyProbe(container, fileSize, majorBrand);

  const moovs = boxes.filter((b) => b.type === 'moov');
  const mdats: Mdats = boxes.filter((b) => b.type === 'mdat').map((b) => ({ start: b.start + b.header, end: b.end }));
  // Only whole fragments are read: one cut by the end of the file is the truncation already reported.
  const moofs = boxes.filter((b) => b.type === 'moof' && b.end <= fileSize);
  const moov = moovs[0];
  const moovComplete = !!moov && moov.end <= fileSize;

  if (truncated) problems.push(truncatedProblem(truncated.type, truncated.end, fileSize, !moov));
  if (trailingAt !== null) problems.push(trailingProblem(trailingAt, fileSize));
  if (!moov && !truncated) problems.push(noMoovProblem());
  if (badTop) problems.push(badBoxProblem(badTop));
  if (moovs.length > 1)
    problems.push(
      badBoxProblem({ vi: 'tệp có nhiều hơn một phần chỉ mục (moov)', en: 'the file has more than one index (moov)' }),
    );

  if (moov && moovComplete) {
    const length = moov.end - moov.start - moov.header;
    if (length > PROBE_LIMITS.maxIndexBytes) {
      problems.push(
        badBoxProblem({
          vi: `phần chỉ mục (moov) quá lớn (${formatBytes(length, 'vi')})`,
          en: `the index (moov) is too large (${formatBytes(length, 'en')})`,
        }),
      );
    } else {
      const buf = await readAt(fh, moov.start + moov.header, length); // its own buffer: kept while fragments are read
      try {
        if (buf.length !== length) throw bad('không đọc được hết phần chỉ mục', 'the index could not be read in full');
        const index = parseIndex(buf);
        probe = probeFromIndex(index, probe);
        const report: SampleReport = { outsideFile: null, outsideMdat: null };
        for (const t of index.tracks) checkTrackSamples(buf, t, fileSize, mdats, report);
        if (moofs.length > 0 || index.mvex) {
          const fragmentTicks = await checkFragments(reader, index, moofs, fileSize, mdats, report);
          const d = fragmentedDuration(buf, index, fragmentTicks);
          // A file cut short holds less than the video: say only what it declares, as for a classic file.
          probe = { ...probe, durationSec: truncated || d.short ? d.declaredSec : d.durationSec };
          if (d.short && !truncated) problems.push(fragmentsShortProblem(d.short.declaredSec, d.short.heldSec));
        }
        // A truncated file's samples run past its end by definition: the truncation says it better.
        if (report.outsideFile && !truncated)
          problems.push(
            outsideFileProblem(report.outsideFile.count, report.outsideFile.start, report.outsideFile.end, fileSize),
          );
        if (report.outsideMdat)
          problems.push(outsideMdatProblem(report.outsideMdat.count, report.outsideMdat.start, report.outsideMdat.end));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code) throw err; // an I/O error, not the file's content
        if (err instanceof IndexError) problems.push(badBoxProblem(err.detail));
        else
          problems.push(
            badBoxProblem({
              vi: `lỗi nội bộ khi đọc chỉ mục (${(err as Error).name})`,
              en: `internal reader error while reading the index (${(err as Error).name})`,
            }),
          );
      }
    }
  }
  return { probe, integrity: { ok: problems.length === 0, problems } };
}

/**
 * Probes a file on disk. Throws only when the path cannot be read as a regular file; any content, however broken,
 * gives a result.
 */
export async function probeVideoFile(path: string): Promise<ProbeResult> {
  // Checked before opening too: opening a FIFO would wait for a writer.
  const notFile = () => Object.assign(new Error(`not a regular file: ${path}`), { code: 'ENOTFILE' });
  if (!(await stat(path)).isFile()) throw notFile();
  const fh = await open(path, 'r');
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw notFile();
    const fileSize = st.size;
    if (fileSize === 0) return { probe: emptyProbe('unknown', 0), integrity: { ok: false, problems: [] } };
    const head = await readAt(fh, 0, Math.min(fileSize, 4096));
    if (head.length >= 8 && isPrintableFourcc(head, 4)) {
      const type = fourcc(head, 4);
      if (type === 'ftyp' || QUICKTIME_FIRST_BOXES.has(type)) {
        try {
          return await probeBmff(fh, fileSize, head.subarray(0, 16));
        } catch (err) {
          // Only an I/O error mid-walk gets here; the walk itself does not throw on content.
          if ((err as NodeJS.ErrnoException).code) throw err;
          return {
            probe: emptyProbe('unknown', fileSize),
            integrity: {
              ok: false,
              problems: [badBoxProblem({ vi: 'lỗi nội bộ khi đọc tệp', en: 'internal reader error' })],
            },
          };
        }
      }
    }
    if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3)
      return { probe: emptyProbe(ebmlDocType(head), fileSize), integrity: { ok: false, problems: [] } };
    if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 11) === 'AVI') {
      return { probe: emptyProbe('avi', fileSize), integrity: { ok: false, problems: [] } };
    }
    return { probe: emptyProbe('unknown', fileSize), integrity: { ok: false, problems: [] } };
  } finally {
    await fh.close();
  }
}
