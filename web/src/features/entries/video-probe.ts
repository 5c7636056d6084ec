/**
 * Reads a chosen video's header in the browser with mediabunny and describes it as a `VideoProbe`, the same shape
 * the server's probe produces, so that `evaluateVideo` (core/) judges both alike. Only the parts of the file that
 * hold the header and the index are read, never the whole file, so a 2 GB video is judged in well under a second.
 * This module is loaded on demand (dynamic import), keeping mediabunny out of every other page's bundle.
 */
import {
  ALL_FORMATS,
  BlobSource,
  Input,
  MatroskaInputFormat,
  Mp4InputFormat,
  QuickTimeInputFormat,
  WebMInputFormat,
  type InputFormat,
} from 'mediabunny';
import type { VideoContainer, VideoProbe } from '@core/video-policy.ts';

export type ProbeOutcome =
  | { kind: 'probed'; probe: VideoProbe }
  /** An MP4 signature that the browser could not read further: the server's check decides. */
  | { kind: 'unreadable'; probe: VideoProbe };

/** ISO-BMFF top-level boxes that may open a QuickTime file written without `ftyp`. */
const QUICKTIME_FIRST = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

function ascii(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, to));
}

function printable(s: string): boolean {
  return /^[\x20-\x7e]{4}$/.test(s);
}

interface Sniffed {
  container: VideoContainer | null;
  majorBrand: string | null;
}

/** What the first bytes say, as the server reads them: a `qt  ` brand (or no ftyp at all) is QuickTime. */
function sniff(head: Uint8Array): Sniffed {
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    const majorBrand = printable(brand) ? brand : brand.replace(/[^\x20-\x7e]/g, '?');
    return { container: majorBrand === 'qt  ' ? 'mov' : 'mp4', majorBrand };
  }
  if (head.length >= 8 && QUICKTIME_FIRST.has(ascii(head, 4, 8))) return { container: 'mov', majorBrand: null };
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 11) === 'AVI')
    return { container: 'avi', majorBrand: null };
  return { container: null, majorBrand: null };
}

/**
 * Whether an MP4's fragments (`moof`) follow samples indexed in its `moov`, i.e. an `mdat` comes before the first
 * `moof` (ffmpeg's `-movflags frag_keyframe` without `empty_moov`). mediabunny reads only the `moov`'s samples of such
 * a file, so its duration would be that of the first fragment alone. Recorders write an empty `moov` instead, which
 * mediabunny reads in full. Walks the top-level box headers, a few small reads, up to the first `moof`.
 */
async function samplesBeforeFragments(file: Blob): Promise<boolean> {
  let pos = 0;
  let mdatSeen = false;
  for (let n = 0; n < 32 && pos + 8 <= file.size; n++) {
    const h = new DataView(await file.slice(pos, pos + 16).arrayBuffer());
    const type = String.fromCharCode(h.getUint8(4), h.getUint8(5), h.getUint8(6), h.getUint8(7));
    if (type === 'moof') return mdatSeen;
    if (type === 'mdat') mdatSeen = true;
    let size = h.getUint32(0);
    if (size === 1 && h.byteLength >= 16) size = h.getUint32(8) * 4294967296 + h.getUint32(12);
    if (size < 8) return false; // to the end of the file, or damaged: no fragment found
    pos += size;
  }
  return false;
}

function containerOf(format: InputFormat): VideoContainer {
  if (format instanceof QuickTimeInputFormat) return 'mov';
  if (format instanceof Mp4InputFormat) return 'mp4';
  if (format instanceof WebMInputFormat) return 'webm';
  if (format instanceof MatroskaInputFormat) return 'matroska';
  return 'unknown';
}

/** mediabunny's codec names as the four-character codes the server reports ('avc' → 'avc1'). */
const CODEC_FOURCC: Record<string, string> = {
  avc: 'avc1',
  hevc: 'hvc1',
  vp8: 'vp08',
  vp9: 'vp09',
  av1: 'av01',
  aac: 'mp4a',
  opus: 'Opus',
  mp3: '.mp3',
  flac: 'fLaC',
  ac3: 'ac-3',
  eac3: 'ec-3',
  vorbis: 'vorbis',
};

function fourcc(codec: string | null): string | null {
  if (!codec) return null;
  if (codec.startsWith('pcm-')) return 'lpcm';
  return CODEC_FOURCC[codec] ?? codec;
}

function base(file: Blob, s: Sniffed, container: VideoContainer): VideoProbe {
  return { container, majorBrand: s.majorBrand, sizeBytes: file.size, durationSec: null, video: null, audio: null };
}

/** Probes a file picked by the user. Never throws for a file's content: an unknown file is `container: 'unknown'`. */
export async function probeVideo(file: Blob): Promise<ProbeOutcome> {
  if (file.size === 0) return { kind: 'probed', probe: base(file, { container: null, majorBrand: null }, 'unknown') };
  const s = sniff(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
  if (s.container === 'avi') return { kind: 'probed', probe: base(file, s, 'avi') };

  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  try {
    let container: VideoContainer;
    try {
      container = containerOf(await input.getFormat());
    } catch {
      // Not a format mediabunny knows. A QuickTime file without ftyp is still QuickTime for the rules.
      return { kind: s.container === 'mp4' ? 'unreadable' : 'probed', probe: base(file, s, s.container ?? 'unknown') };
    }
    if (container === 'unknown') return { kind: 'probed', probe: base(file, s, 'unknown') };
    const probe = base(file, s, container);
    try {
      const video = await input.getPrimaryVideoTrack();
      if (video) {
        probe.video = {
          codec: fourcc(await video.getCodec()),
          codedWidth: await video.getCodedWidth(),
          codedHeight: await video.getCodedHeight(),
          rotation: await video.getRotation(),
          displayWidth: await video.getDisplayWidth(),
          displayHeight: await video.getDisplayHeight(),
        };
      }
      const audio = await input.getPrimaryAudioTrack();
      if (audio) probe.audio = { codec: fourcc(await audio.getCodec()) };
      const duration = await input.computeDuration();
      probe.durationSec = Number.isFinite(duration) && duration > 0 ? duration : null;
    } catch {
      // A damaged index: say what was read, and let the server's check (which also checks integrity) decide.
      return { kind: container === 'mp4' ? 'unreadable' : 'probed', probe };
    }
    // An MP4 without a single track is one whose index (moov) could not be found, e.g. a copy cut short: the
    // server's integrity check names that precisely, so the browser does not guess.
    if (!probe.video && !probe.audio && (container === 'mp4' || container === 'mov'))
      return { kind: 'unreadable', probe };
    // Fragments after indexed samples: the duration read covers only the indexed part; the server reads them all.
    if ((container === 'mp4' || container === 'mov') && (await samplesBeforeFragments(file)))
      return { kind: 'unreadable', probe: { ...probe, durationSec: null } };
    return { kind: 'probed', probe };
  } finally {
    input.dispose();
  }
}
