/**
 * Every string that goes into a document passes through here: NFC (a name typed on a Mac or pasted from a PDF often
 * arrives decomposed, and a PDF font then draws the tone mark apart from its letter, or text search misses it), no
 * control characters, no invisible joiners, single spaces. Spelling is left alone: "Hoà" and "Hòa" are both how
 * people write their names.
 */
import { nfc } from '../normalize.ts';

// C0/C1 controls, zero-width and bidi marks, the BOM and the soft hyphen: invisible in a form, wrong in a document.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/** One line of document text (a name, a title, a unit): NFC, no invisible characters, whitespace collapsed. */
export function docLine(s: string): string {
  return nfc(s).replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** A paragraph that may keep its line breaks (a reason, a note): each line cleaned as `docLine`. */
export function docParagraph(s: string): string {
  return nfc(s)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(docLine)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A copy of a document model with every string cleaned as `docLine` (keys are left as they are). */
export function normalizeDocument<T>(value: T): T {
  return deep(value) as T;
}

function deep(v: unknown): unknown {
  if (typeof v === 'string') return v.includes('\n') ? docParagraph(v) : docLine(v);
  if (Array.isArray(v)) return v.map(deep);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = deep(x);
    return out;
  }
  return v;
}

/** Upper case as Vietnamese writes it, for the parts of a header that NĐ30 sets in capitals. */
export function upperVi(s: string): string {
  return docLine(s).toLocaleUpperCase('vi');
}

const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const;
// No mark, grave, hook above, tilde, acute, dot below.
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'] as const;

/**
 * Every letter of Vietnamese, precomposed (NFC), lower and upper case: the 12 vowels with each of the 6 tones, đ,
 * and the other consonants. A font test checks the embedded font has a glyph for each.
 */
export const VIETNAMESE_LETTERS: readonly string[] = (() => {
  const lower: string[] = [];
  for (const v of VOWELS) for (const t of TONES) lower.push(nfc(v + t));
  lower.push('đ', ...'bcdghklmnpqrstvx'.split(''), ...'fjwz'.split(''));
  return [...lower, ...lower.map((c) => c.toLocaleUpperCase('vi'))];
})();

/** The characters of `text` that `hasGlyph` says the font lacks, each once, in order of appearance. */
export function missingCharacters(text: string, hasGlyph: (codePoint: number) => boolean): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const ch of nfc(text)) {
    if (seen.has(ch) || /\s/.test(ch)) continue;
    seen.add(ch);
    if (!hasGlyph(ch.codePointAt(0)!)) out.push(ch);
  }
  return out;
}
