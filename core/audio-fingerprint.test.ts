import { describe, expect, it } from 'vitest';
import {
  AUDIO_FORMAT,
  AUDIO_FRAME,
  AUDIO_HOP,
  AUDIO_SAMPLE_RATE,
  AudioFingerprinter,
  Fft,
  audioDurationSec,
  audioFingerprint,
  decodeAudioFingerprint,
  encodeAudioFingerprint,
} from './audio-fingerprint.ts';
import { candidateOffsets, indexAudioFingerprint, matchAudioFingerprints } from './audio-fingerprint-match.ts';
import { popcount32 } from './fingerprint-match.ts';

/** Deterministic pseudo-random numbers in [0, 1) (xorshift). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/**
 * A synthetic soundtrack: a melody of notes (5 harmonics, a new pitch every 0.15–0.55 s, each with an attack and a
 * decay) over a chirp gliding up and down between 350 and 1700 Hz, as music is: a spectrum that keeps moving.
 */
function soundtrack(seconds: number, seed: number): Float32Array {
  const r = rng(seed);
  const n = Math.round(seconds * AUDIO_SAMPLE_RATE);
  const out = new Float32Array(n);
  const phase = new Float64Array(5);
  let chirp = 0;
  const glide = 0.2 + r() * 0.3;
  const glidePhase = r() * 2 * Math.PI;
  for (let t = 0; t < n;) {
    const len = Math.round((0.15 + r() * 0.4) * AUDIO_SAMPLE_RATE);
    const f0 = 150 * Math.pow(2, Math.floor(r() * 30) / 12);
    const amp = [1, r(), r() / 2, r() / 3, r() / 4];
    for (let k = 0; k < len && t < n; k++, t++) {
      const env = Math.min(1, k / 100) * Math.exp((-3 * k) / len);
      let s = 0;
      for (let h = 0; h < 5; h++) {
        phase[h]! += (2 * Math.PI * f0 * (h + 1)) / AUDIO_SAMPLE_RATE;
        s += amp[h]! * Math.sin(phase[h]!);
      }
      const fc =
        350 * Math.pow(1700 / 350, 0.5 + 0.5 * Math.sin(glidePhase + (2 * Math.PI * glide * t) / AUDIO_SAMPLE_RATE));
      chirp += (2 * Math.PI * fc) / AUDIO_SAMPLE_RATE;
      out[t] = 0.15 * env * s + 0.08 * Math.sin(chirp);
    }
  }
  return out;
}

/** Adds white noise `snrDb` below the signal's power. */
function withNoise(x: Float32Array, snrDb: number, seed: number): Float32Array {
  const r = rng(seed);
  let power = 0;
  for (const v of x) power += v * v;
  const amp = Math.sqrt((power / x.length / Math.pow(10, snrDb / 10)) * 3); // uniform noise in ±amp has power amp²/3
  return x.map((v) => v + amp * (2 * r() - 1));
}

const concat = (...parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const seconds = (s: number) => Math.round(s * AUDIO_SAMPLE_RATE);

/** Bit error rate of two fingerprints aligned at their starts, over the sub-fingerprints both give sound for. */
function ber(a: Uint32Array, b: Uint32Array): number {
  let bits = 0;
  let n = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (!a[i] || !b[i]) continue;
    bits += popcount32((a[i]! ^ b[i]!) >>> 0);
    n++;
  }
  return bits / (32 * n);
}

describe('audio fingerprint', () => {
  it('computes a forward FFT like the plain DFT', () => {
    const r = rng(3);
    const n = 64;
    const re = Float64Array.from({ length: n }, () => r() - 0.5);
    const im = Float64Array.from({ length: n }, () => r() - 0.5);
    const [xr, xi] = [re.slice(), im.slice()];
    new Fft(n).transform(re, im);
    for (const k of [0, 1, 5, 31, 32, 63]) {
      let sr = 0;
      let si = 0;
      for (let t = 0; t < n; t++) {
        const w = (-2 * Math.PI * k * t) / n;
        sr += xr[t]! * Math.cos(w) - xi[t]! * Math.sin(w);
        si += xr[t]! * Math.sin(w) + xi[t]! * Math.cos(w);
      }
      expect(re[k]).toBeCloseTo(sr, 9);
      expect(im[k]).toBeCloseTo(si, 9);
    }
    expect(() => new Fft(48)).toThrow();
  });

  it('gives one sub-fingerprint per hop after the first frame, the same whether streamed or not', () => {
    const x = soundtrack(6, 1);
    const whole = audioFingerprint(x);
    expect(whole.length).toBe(Math.floor((x.length - AUDIO_FRAME) / AUDIO_HOP));
    expect(audioDurationSec(whole.length)).toBeCloseTo(x.length / AUDIO_SAMPLE_RATE, 1);
    const f = new AudioFingerprinter();
    for (let at = 0; at < x.length; at += 1000 + (at % 7))
      f.push(x.subarray(at, Math.min(x.length, at + 1000 + (at % 7))));
    expect(f.finish()).toEqual(whole);
    expect(audioFingerprint(new Float32Array(AUDIO_FRAME))).toHaveLength(0);
  });

  it('keeps its bits through a gain change and mild noise, and differs for other sound', () => {
    const x = soundtrack(20, 1);
    const a = audioFingerprint(x);
    expect(ber(a, audioFingerprint(x.map((v) => v * 0.2)))).toBeLessThan(0.01);
    expect(ber(a, audioFingerprint(withNoise(x, 30, 7)))).toBeLessThan(0.2);
    expect(ber(a, audioFingerprint(soundtrack(20, 2)))).toBeGreaterThan(0.45);
  });

  it('gives silence (and sound below −60 dBFS) the empty sub-fingerprint', () => {
    expect(audioFingerprint(new Float32Array(seconds(3))).every((v) => v === 0)).toBe(true);
    const r = rng(5);
    const hiss = (amplitude: number) => Float32Array.from({ length: seconds(10) }, () => amplitude * (2 * r() - 1));
    expect(audioFingerprint(hiss(5e-4)).every((v) => v === 0)).toBe(true); // −71 dBFS
    // Louder hiss (−31 dBFS) is sound, but two stretches of it do not match each other.
    const [h1, h2] = [audioFingerprint(hiss(0.05)), audioFingerprint(hiss(0.05))];
    expect(h1.every((v) => v !== 0)).toBe(true);
    expect(matchAudioFingerprints(h1, h2).flagged).toBe(false);
    const x = concat(new Float32Array(seconds(2)), soundtrack(3, 4));
    const fp = audioFingerprint(x);
    expect(fp.slice(0, 20).every((v) => v === 0)).toBe(true);
    expect(fp.slice(-40).every((v) => v !== 0)).toBe(true);
  });

  it('round-trips the stored form and refuses a damaged one', () => {
    const fp = audioFingerprint(soundtrack(3, 9));
    const text = encodeAudioFingerprint(fp);
    expect(text.startsWith(AUDIO_FORMAT)).toBe(true);
    expect(text).toHaveLength(AUDIO_FORMAT.length + 8 * fp.length);
    expect(decodeAudioFingerprint(text)).toEqual(fp);
    expect(decodeAudioFingerprint(encodeAudioFingerprint(new Uint32Array(0)))).toEqual(new Uint32Array(0));
    expect(decodeAudioFingerprint('afp9:0000abcd')).toBeNull();
    expect(() => decodeAudioFingerprint(`${AUDIO_FORMAT}123`)).toThrow();
    expect(() => decodeAudioFingerprint(`${AUDIO_FORMAT}0000abcZ`)).toThrow();
  });
});

describe('audio fingerprint matching', () => {
  const x = soundtrack(30, 1);
  const a = audioFingerprint(x);

  it('matches a noisy, quieter copy end to end', () => {
    const r = matchAudioFingerprints(
      a,
      audioFingerprint(
        withNoise(
          x.map((v) => v * 0.5),
          25,
          3,
        ),
      ),
    );
    expect(r.flagged).toBe(true);
    expect(r.score).toBeGreaterThan(0.9);
    expect(r.offsetSec).toBe(0);
    expect(r.ranges[0]!.aStartSec).toBeLessThan(0.5);
    expect(r.ranges[0]!.aEndSec).toBeGreaterThan(29.5);
    expect(r.ranges[0]!.meanBits).toBeLessThan(32 * 0.2);
  });

  it('finds a copy trimmed by a time that is not a whole number of hops, at its offset', () => {
    const cut = 3.3;
    const r = matchAudioFingerprints(a, audioFingerprint(withNoise(x.subarray(seconds(cut)), 30, 4)));
    expect(r.flagged).toBe(true);
    expect(r.offsetSec!).toBeCloseTo(-cut, 1);
    const range = r.ranges[0]!;
    expect(Math.abs(range.aStartSec - cut)).toBeLessThan(0.5);
    expect(Math.abs(range.bStartSec)).toBeLessThan(0.5);
    expect(Math.abs(range.aEndSec - 30)).toBeLessThan(0.5);
    expect(r.score).toBeGreaterThan(0.9);
  });

  it('finds an excerpt placed inside other sound, with its time ranges in both', () => {
    const b = concat(soundtrack(7, 20), x.subarray(seconds(12), seconds(24)), soundtrack(8, 21));
    const r = matchAudioFingerprints(a, audioFingerprint(b));
    expect(r.flagged).toBe(true);
    expect(r.ranges).toHaveLength(1);
    const range = r.ranges[0]!;
    expect(Math.abs(range.aStartSec - 12)).toBeLessThan(0.5);
    expect(Math.abs(range.aEndSec - 24)).toBeLessThan(0.6);
    expect(Math.abs(range.bStartSec - 7)).toBeLessThan(0.5);
    expect(Math.abs(range.bEndSec - 19)).toBeLessThan(0.6);
  });

  it('does not match unrelated sound, a too-short shared moment, or silence', () => {
    for (const seed of [2, 3, 4, 5])
      expect(matchAudioFingerprints(a, audioFingerprint(soundtrack(30, seed))).flagged).toBe(false);
    const short = concat(soundtrack(10, 30), x.subarray(seconds(5), seconds(8)), soundtrack(10, 31));
    expect(matchAudioFingerprints(a, audioFingerprint(short)).flagged).toBe(false);
    const silence = audioFingerprint(new Float32Array(seconds(20)));
    expect(matchAudioFingerprints(silence, silence).flagged).toBe(false);
    // Two clips opening on the same 10 s of silence, then different sound.
    const quiet = new Float32Array(seconds(10));
    expect(
      matchAudioFingerprints(
        audioFingerprint(concat(quiet, soundtrack(15, 40))),
        audioFingerprint(concat(quiet, soundtrack(15, 41))),
      ).flagged,
    ).toBe(false);
    expect(matchAudioFingerprints(new Uint32Array(0), a).flagged).toBe(false);
  });

  it('compares two one-hour fingerprints by lookup, finding a shared minute and nothing in unrelated ones', () => {
    const r = rng(77);
    const hour = 3600 * Math.round(AUDIO_SAMPLE_RATE / AUDIO_HOP);
    const random = () => Uint32Array.from({ length: hour }, () => (r() * 4294967296) >>> 0 || 1);
    const p = random();
    const q = random();
    // A minute of p from 20:00 placed at 41:00 in q, with 3 of 32 bits flipped in each sub-fingerprint.
    const at = 20 * 60 * 43;
    const to = 41 * 60 * 43;
    for (let k = 0; k < 60 * 43; k++) q[to + k] = (p[at + k]! ^ (7 << (r() * 29))) >>> 0;
    const index = indexAudioFingerprint(p);
    expect(candidateOffsets(index, q)[0]).toBe(at - to);
    const found = matchAudioFingerprints(index, q);
    expect(found.flagged).toBe(true);
    expect(found.ranges).toHaveLength(1);
    expect(found.ranges[0]!.matchedFrames).toBeGreaterThan(60 * 43 * 0.95);
    expect(matchAudioFingerprints(index, random()).flagged).toBe(false);
  });
});
