/**
 * R9 originality screening, the audio half: a fingerprint of a soundtrack that survives re-encoding, a gain change,
 * mild noise and trimming, in the spirit of Haitsma & Kalker's "highly robust audio fingerprinting system" (2002).
 *
 * Mono samples at a fixed low rate (5512 Hz: the band we look at ends at 2 kHz) are cut into overlapping frames of
 * 2048 samples (0.37 s) every 128 samples (23 ms). Each frame is Hann-windowed and transformed (a radix-2 FFT written
 * here), and its spectrum between 300 and 2000 Hz is summed into 33 bands spaced evenly on a log scale. Bit m of the
 * 32-bit sub-fingerprint of frame n is set when the energy difference between bands m and m + 1 grew since frame
 * n − 1. Those signs depend on how the spectrum moves, not on loudness or on the codec, so most bits survive a copy.
 *
 * Silence: a frame pair whose in-band level is below −60 dBFS gives the sub-fingerprint 0, which means "no
 * information" and never matches anything (like the empty hash of a black picture in core/fingerprint-match.ts).
 * A real frame pair whose 32 signs are all 0 is read the same way, harmlessly.
 *
 * No Node APIs: the server streams decoded samples into an AudioFingerprinter (server/media/audio-fingerprint.ts);
 * matching is in core/audio-fingerprint-match.ts.
 */

/** Samples per second the fingerprint is computed at; part of the stored format. */
export const AUDIO_SAMPLE_RATE = 5512;
/** Frame length in samples (a power of two for the FFT): 0.37 s. */
export const AUDIO_FRAME = 2048;
/** Step between frames in samples: 23 ms, about 43 sub-fingerprints per second. */
export const AUDIO_HOP = 128;
/** Sub-fingerprints per second. */
export const AUDIO_FRAMES_PER_SEC = AUDIO_SAMPLE_RATE / AUDIO_HOP;
const BANDS = 33;
const LOW_HZ = 300;
const HIGH_HZ = 2000;
/** Mean square of the in-band signal (full scale = 1) under which a frame is silent: −60 dBFS. */
const SILENCE_POWER = 1e-6;

/** The stored form: this prefix, then 8 hex digits per sub-fingerprint. Another prefix is another method. */
export const AUDIO_FORMAT = 'afp1:';

/** In-place iterative radix-2 FFT of `re` + i·`im` (length a power of two), forward (e^-iωt). */
export class Fft {
  readonly size: number;
  readonly #rev: Uint32Array;
  readonly #cos: Float64Array;
  readonly #sin: Float64Array;

  constructor(size: number) {
    if (size < 2 || (size & (size - 1)) !== 0) throw new Error('Fft: the size must be a power of two');
    this.size = size;
    const bits = Math.log2(size);
    this.#rev = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >>> b) & 1) << (bits - 1 - b);
      this.#rev[i] = r;
    }
    this.#cos = new Float64Array(size / 2);
    this.#sin = new Float64Array(size / 2);
    for (let i = 0; i < size / 2; i++) {
      this.#cos[i] = Math.cos((2 * Math.PI * i) / size);
      this.#sin[i] = -Math.sin((2 * Math.PI * i) / size);
    }
  }

  transform(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    const rev = this.#rev;
    for (let i = 0; i < n; i++) {
      const j = rev[i]!;
      if (j > i) {
        const tr = re[i]!;
        re[i] = re[j]!;
        re[j] = tr;
        const ti = im[i]!;
        im[i] = im[j]!;
        im[j] = ti;
      }
    }
    const cos = this.#cos;
    const sin = this.#sin;
    for (let len = 2; len <= n; len <<= 1) {
      const half = len >>> 1;
      const step = n / len;
      for (let start = 0; start < n; start += len) {
        for (let k = 0; k < half; k++) {
          const wr = cos[k * step]!;
          const wi = sin[k * step]!;
          const a = start + k;
          const b = a + half;
          const xr = re[b]! * wr - im[b]! * wi;
          const xi = re[b]! * wi + im[b]! * wr;
          re[b] = re[a]! - xr;
          im[b] = im[a]! - xi;
          re[a] = re[a]! + xr;
          im[a] = im[a]! + xi;
        }
      }
    }
  }
}

/** Band b covers FFT bins [BAND_EDGES[b], BAND_EDGES[b + 1]). */
function bandEdges(): Int32Array {
  const edges = new Int32Array(BANDS + 1);
  for (let b = 0; b <= BANDS; b++) {
    const hz = LOW_HZ * Math.pow(HIGH_HZ / LOW_HZ, b / BANDS);
    edges[b] = Math.round((hz * AUDIO_FRAME) / AUDIO_SAMPLE_RATE);
  }
  return edges;
}

/**
 * Turns a stream of mono samples (AUDIO_SAMPLE_RATE, full scale ±1) into sub-fingerprints, holding one frame of
 * samples at a time. `push` as the samples come, then `finish`.
 */
export class AudioFingerprinter {
  readonly #buf = new Float32Array(AUDIO_FRAME);
  #fill = 0;
  readonly #fft = new Fft(AUDIO_FRAME / 2);
  readonly #window = new Float64Array(AUDIO_FRAME);
  readonly #re = new Float64Array(AUDIO_FRAME / 2);
  readonly #im = new Float64Array(AUDIO_FRAME / 2);
  readonly #edges = bandEdges();
  readonly #twr: Float64Array;
  readonly #twi: Float64Array;
  #prev: Float64Array | null = null;
  #prevSilent = true;
  #cur: Float64Array = new Float64Array(BANDS);
  #out = new Uint32Array(1024);
  #count = 0;
  readonly #powerScale: number;

  constructor() {
    let w2 = 0;
    for (let i = 0; i < AUDIO_FRAME; i++) {
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / AUDIO_FRAME);
      this.#window[i] = w;
      w2 += w * w;
    }
    // Parseval: the one-sided bins of a band, times this, give the mean square of the signal in that band.
    this.#powerScale = 2 / (AUDIO_FRAME * w2);
    const hi = this.#edges[BANDS]!;
    this.#twr = new Float64Array(hi);
    this.#twi = new Float64Array(hi);
    for (let k = 0; k < hi; k++) {
      this.#twr[k] = Math.cos((2 * Math.PI * k) / AUDIO_FRAME);
      this.#twi[k] = -Math.sin((2 * Math.PI * k) / AUDIO_FRAME);
    }
  }

  push(samples: Float32Array): void {
    let at = 0;
    while (at < samples.length) {
      const take = Math.min(AUDIO_FRAME - this.#fill, samples.length - at);
      this.#buf.set(samples.subarray(at, at + take), this.#fill);
      this.#fill += take;
      at += take;
      if (this.#fill === AUDIO_FRAME) {
        this.#frame();
        this.#buf.copyWithin(0, AUDIO_HOP);
        this.#fill -= AUDIO_HOP;
      }
    }
  }

  /** The sub-fingerprints so far (one fewer than the frames: each compares a frame with the one before). */
  finish(): Uint32Array {
    return this.#out.slice(0, this.#count);
  }

  /** Band energies of the frame in the buffer, then the bits against the previous frame's. */
  #frame(): void {
    // A real FFT of 2048 samples as a complex one of 1024: even samples real, odd imaginary, then untangled.
    const re = this.#re;
    const im = this.#im;
    const buf = this.#buf;
    const win = this.#window;
    for (let i = 0; i < AUDIO_FRAME / 2; i++) {
      re[i] = buf[2 * i]! * win[2 * i]!;
      im[i] = buf[2 * i + 1]! * win[2 * i + 1]!;
    }
    this.#fft.transform(re, im);
    const m = AUDIO_FRAME / 2;
    const e = this.#cur;
    let power = 0;
    for (let b = 0; b < BANDS; b++) {
      let sum = 0;
      for (let k = this.#edges[b]!; k < this.#edges[b + 1]!; k++) {
        const zr = re[k]!,
          zi = im[k]!;
        const cr = re[m - k]!,
          ci = -im[m - k]!; // conj(Z[m - k]); 0 < k < m here
        const er = (zr + cr) / 2,
          ei = (zi + ci) / 2;
        // (Z[k] - conj(Z[m-k])) / 2i
        const or = (zi - ci) / 2,
          oi = -(zr - cr) / 2;
        const wr = this.#twr[k]!,
          wi = this.#twi[k]!;
        const xr = er + wr * or - wi * oi;
        const xi = ei + wr * oi + wi * or;
        sum += xr * xr + xi * xi;
      }
      e[b] = sum;
      power += sum;
    }
    const silent = power * this.#powerScale < SILENCE_POWER;
    const prev = this.#prev;
    if (prev) {
      let bits = 0;
      if (!silent && !this.#prevSilent) {
        for (let b = 0; b < 32; b++) {
          const d = e[b]! - e[b + 1]! - (prev[b]! - prev[b + 1]!);
          bits = (bits << 1) | (d > 0 ? 1 : 0);
        }
      }
      this.#emit(bits >>> 0);
      this.#prev = e;
      this.#cur = prev;
    } else {
      this.#prev = e;
      this.#cur = new Float64Array(BANDS);
    }
    this.#prevSilent = silent;
  }

  #emit(v: number): void {
    if (this.#count === this.#out.length) {
      const bigger = new Uint32Array(this.#out.length * 2);
      bigger.set(this.#out);
      this.#out = bigger;
    }
    this.#out[this.#count++] = v;
  }
}

/** The sub-fingerprints of a whole signal at once (tests, small inputs). */
export function audioFingerprint(samples: Float32Array): Uint32Array {
  const f = new AudioFingerprinter();
  f.push(samples);
  return f.finish();
}

/** Seconds of sound covered by `n` sub-fingerprints (n + 1 frames). */
export function audioDurationSec(n: number): number {
  return n === 0 ? 0 : (n * AUDIO_HOP + AUDIO_FRAME) / AUDIO_SAMPLE_RATE;
}

/** The stored form: AUDIO_FORMAT then 8 hex digits per sub-fingerprint. An empty fingerprint is the prefix alone. */
export function encodeAudioFingerprint(bits: Uint32Array): string {
  const parts = new Array<string>(bits.length);
  for (let i = 0; i < bits.length; i++) parts[i] = bits[i]!.toString(16).padStart(8, '0');
  return AUDIO_FORMAT + parts.join('');
}

/**
 * Reads the stored form. Returns null for a fingerprint made by another method (another prefix): it cannot be
 * compared with ours. Throws on a damaged one.
 */
export function decodeAudioFingerprint(text: string): Uint32Array | null {
  if (!text.startsWith(AUDIO_FORMAT)) return null;
  const hex = text.slice(AUDIO_FORMAT.length);
  if (hex.length % 8 !== 0 || !/^[0-9a-f]*$/.test(hex))
    throw new Error('audio fingerprint: the sub-fingerprints are not 8-digit hex');
  const out = new Uint32Array(hex.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return out;
}
