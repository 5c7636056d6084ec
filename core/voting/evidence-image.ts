/**
 * The screenshot kept as evidence of a fanpage post's figures: an image by its first bytes (not by the name or the
 * type the browser claims), and not too large to keep.
 */

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

export type EvidenceType = 'image/png' | 'image/jpeg' | 'image/webp';

export const EVIDENCE_EXTENSION: Record<EvidenceType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  return bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
}

/** The image type of the bytes, or null when they are not a PNG, JPEG or WebP image of an allowed size. */
export function evidenceImageType(bytes: Uint8Array): EvidenceType | null {
  if (bytes.length < 12 || bytes.length > MAX_EVIDENCE_BYTES) return null;
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  return null;
}
