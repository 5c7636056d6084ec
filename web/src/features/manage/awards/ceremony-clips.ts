/**
 * The ceremony's clips, loaded whole into memory before the ceremony so that the slides play them with the network
 * cut: from an entry's public HLS ladder, the 720p rung (else the nearest below, else the smallest), its first
 * CLIP_SECONDS only, each segment fetched once. hls.js then plays them through a loader that answers from memory
 * (`memoryLoader`), so no request leaves the page and the Content-Security-Policy needs no `blob:` for connections.
 */
import type { Loader, LoaderCallbacks, LoaderConfiguration, LoaderContext, LoaderStats } from 'hls.js';

/** Length of a clip: the opening minute of the film (about 20 MB at 720p). */
export const CLIP_SECONDS = 60;
/** The rung a ceremony screen shows well without loading a full-HD copy of every winner. */
const PREFERRED_HEIGHT = 720;

export interface Variant {
  url: string;
  height: number | null;
  bandwidth: number | null;
}

/** The variant streams of a master playlist, their URLs resolved against `base`. */
export function masterVariants(text: string, base: string): Variant[] {
  const out: Variant[] = [];
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('#EXT-X-STREAM-INF:')) continue;
    const uri = lines.slice(i + 1).find((l) => l && !l.startsWith('#'));
    if (!uri) continue;
    const res = /RESOLUTION=(\d+)x(\d+)/.exec(line);
    const bw = /(?:^|[:,])BANDWIDTH=(\d+)/.exec(line);
    out.push({
      url: new URL(uri, base).href,
      height: res ? Math.min(Number(res[1]), Number(res[2])) : null,
      bandwidth: bw ? Number(bw[1]) : null,
    });
  }
  return out;
}

/** 720p when there is one, else the largest below it, else the smallest above; null for an empty list. */
export function chooseVariant(variants: readonly Variant[]): Variant | null {
  const sized = variants.filter((v) => v.height !== null);
  const below = sized.filter((v) => v.height! <= PREFERRED_HEIGHT).sort((a, b) => b.height! - a.height!);
  if (below[0]) return below[0];
  const above = sized.sort((a, b) => a.height! - b.height!);
  return above[0] ?? variants[0] ?? null;
}

/**
 * A media playlist cut after the segment that reaches `seconds` (at least one segment), ended with
 * `#EXT-X-ENDLIST` so that the player stops there; the kept segments' URLs resolved against `base`.
 */
export function clipPlaylist(
  text: string,
  base: string,
  seconds: number,
): { text: string; segments: string[]; seconds: number } {
  const out: string[] = [];
  const segments: string[] = [];
  let total = 0;
  let pending: number | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line === '#EXT-X-ENDLIST') continue;
    if (line.startsWith('#EXTINF:')) {
      if (segments.length && total >= seconds) break;
      pending = Number.parseFloat(line.slice('#EXTINF:'.length)) || 0;
      out.push(line);
    } else if (line.startsWith('#EXT-X-MAP:')) {
      // The fMP4 init segment: fetched with the others, its URI made absolute like theirs.
      const m = /URI="([^"]+)"/.exec(line);
      const url = m ? new URL(m[1]!, base).href : null;
      if (url) segments.push(url);
      out.push(m && url ? line.replace(m[0], `URI="${url}"`) : line);
    } else if (line.startsWith('#')) {
      out.push(line);
    } else if (pending !== null) {
      const url = new URL(line, base).href;
      segments.push(url);
      out.push(url);
      total += pending;
      pending = null;
    }
  }
  if (pending !== null) out.pop(); // an #EXTINF without its URI
  out.push('#EXT-X-ENDLIST', '');
  return { text: out.join('\n'), segments, seconds: total };
}

export interface PreloadedClip {
  /** The clip's media playlist URL, a key of `files`. */
  playlistUrl: string;
  /** URL → the playlist's text or a segment's bytes. */
  files: Map<string, string | ArrayBuffer>;
  bytes: number;
  seconds: number;
}

async function fetchOk(url: string, signal?: AbortSignal): Promise<Response> {
  const res = await fetch(url, { credentials: 'same-origin', signal });
  if (!res.ok) throw new Error(`${res.status} ${url}`);
  return res;
}

/** Loads the clip of the ladder whose master playlist is at `masterUrl` into memory. */
export async function preloadClip(masterUrl: string, signal?: AbortSignal): Promise<PreloadedClip> {
  const master = new URL(masterUrl, window.location.href).href;
  const variant = chooseVariant(masterVariants(await (await fetchOk(master, signal)).text(), master));
  if (!variant) throw new Error(`no variant in ${master}`);
  const clip = clipPlaylist(await (await fetchOk(variant.url, signal)).text(), variant.url, CLIP_SECONDS);
  const files = new Map<string, string | ArrayBuffer>([[variant.url, clip.text]]);
  let bytes = clip.text.length;
  for (const url of clip.segments) {
    const data = await (await fetchOk(url, signal)).arrayBuffer();
    files.set(url, data);
    bytes += data.byteLength;
  }
  return { playlistUrl: variant.url, files, bytes, seconds: clip.seconds };
}

const timing = () => ({ start: 0, first: 0, end: 0 });

/**
 * An hls.js loader class that answers from `files` and fails anything else at once (as "not found"), so a clip never
 * reaches for the network.
 */
export function memoryLoader(files: ReadonlyMap<string, string | ArrayBuffer>) {
  return class MemoryLoader implements Loader<LoaderContext> {
    context: LoaderContext | null = null;
    stats: LoaderStats = {
      aborted: false,
      loaded: 0,
      retry: 0,
      total: 0,
      chunkCount: 0,
      bwEstimate: 0,
      loading: timing(),
      parsing: { start: 0, end: 0 },
      buffering: timing(),
    };
    private timer: ReturnType<typeof setTimeout> | null = null;

    load(context: LoaderContext, _config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      this.context = context;
      const now = performance.now();
      this.stats.loading = { start: now, first: now, end: now };
      // Answered asynchronously, as a network loader would: hls.js sets up its state after calling load().
      this.timer = setTimeout(() => {
        this.timer = null;
        const found = files.get(context.url);
        if (found === undefined) {
          callbacks.onError({ code: 404, text: 'not preloaded' }, context, null, this.stats);
          return;
        }
        let data: string | ArrayBuffer = found;
        if (context.responseType === 'arraybuffer' && typeof found === 'string')
          data = new TextEncoder().encode(found).buffer as ArrayBuffer;
        else if (context.responseType !== 'arraybuffer' && typeof found !== 'string')
          data = new TextDecoder().decode(found);
        const size = typeof data === 'string' ? data.length : data.byteLength;
        this.stats.loaded = this.stats.total = size;
        this.stats.chunkCount = 1;
        this.stats.loading.end = performance.now();
        callbacks.onSuccess({ url: context.url, data, code: 200 }, this.stats, context, null);
      }, 0);
    }

    abort(): void {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.stats.aborted = true;
    }

    destroy(): void {
      this.abort();
      this.context = null;
    }
  };
}
