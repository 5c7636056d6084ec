import { describe, expect, it } from 'vitest';
import { evidenceImageType, MAX_EVIDENCE_BYTES } from './evidence-image.ts';

const pad = (head: number[], n = 64) => Uint8Array.from([...head, ...new Array<number>(n).fill(0)]);

describe('evidenceImageType', () => {
  it('knows PNG, JPEG and WebP by their first bytes', () => {
    expect(evidenceImageType(pad([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(evidenceImageType(pad([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(evidenceImageType(pad([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50]))).toBe('image/webp');
  });

  it('refuses other files, a named-but-not-image file and empty or oversized ones', () => {
    expect(evidenceImageType(new TextEncoder().encode('%PDF-1.7 not an image at all'))).toBeNull();
    expect(evidenceImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(evidenceImageType(new Uint8Array(0))).toBeNull();
    expect(evidenceImageType(pad([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x41, 0x56, 0x49, 0x20]))).toBeNull();
    const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(evidenceImageType(big)).toBeNull();
  });
});
