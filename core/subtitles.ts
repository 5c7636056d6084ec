/**
 * Subtitle files that entrants upload: WebVTT, or SubRip (.srt), which most Vietnamese editing tools export. The file
 * is read, checked and written out again as a clean WebVTT file for the player's <track>. Pure: bytes in, text out.
 *
 * The output is rebuilt from what was understood, never passed through: timings re-serialized, cue settings kept only
 * when valid, markup reduced to WebVTT's own tags (b, i, u, c, v, lang, ruby/rt and timestamps), text escaped and in
 * NFC. STYLE and REGION blocks, notes, cue identifiers and header metadata are dropped: the player styles subtitles
 * itself, and a STYLE block is CSS written by a stranger (url(), @import).
 */
import type { ErrorCode } from './errors.ts';
import { SUBTITLE_MAX_BYTES, SUBTITLE_MAX_CUES, SUBTITLE_MAX_END_MS } from './subtitle-languages.ts';

export type SubtitleErrorCode = Extract<ErrorCode, `subtitles.${string}`>;

/** A refused file: the error code and the values its message names (the line, the timestamp found…). */
export interface SubtitleFailure {
  ok: false;
  code: SubtitleErrorCode;
  params: Record<string, string | number>;
}

/** What was taken out of the file, so the entrant can be told. */
export interface SubtitleRemovals {
  styleBlocks: number;
  regionBlocks: number;
  /** Markup other than WebVTT's own tags (HTML, <font>, <script> with its content, ASS codes such as {\b1}). */
  tags: number;
  /** Cues left with no text. */
  emptyCues: number;
}

export interface CleanSubtitles {
  ok: true;
  /** The WebVTT file to store and serve (UTF-8, LF line ends). */
  vtt: string;
  format: 'vtt' | 'srt';
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  cueCount: number;
  removed: SubtitleRemovals;
}

interface Cue {
  startMs: number;
  endMs: number;
  settings: string;
  lines: string[];
}

const fail = (code: SubtitleErrorCode, params: Record<string, string | number> = {}): SubtitleFailure => ({
  ok: false,
  code,
  params,
});

/** Reads, checks and cleans an uploaded subtitle file. */
export function parseSubtitles(bytes: Uint8Array): CleanSubtitles | SubtitleFailure {
  if (bytes.length > SUBTITLE_MAX_BYTES)
    return fail('subtitles.tooLarge', { size: kib(bytes.length), max: kib(SUBTITLE_MAX_BYTES) });
  const decoded = decode(bytes);
  if (!decoded.ok) return fail('subtitles.encoding', { line: decoded.line });
  const text = decoded.text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\uFEFF/g, '');
  const nul = text.indexOf('\u0000');
  // A NUL in text is UTF-16 saved without its byte order mark, or not text at all.
  if (nul >= 0) return fail('subtitles.encoding', { line: lineOfIndex(text, nul) });
  if (text.trim() === '') return fail('subtitles.empty');

  const lines = text.split('\n');
  const isVtt = /^WEBVTT(?:[ \t]|$)/.test(lines[0]!);
  const removed: SubtitleRemovals = { styleBlocks: 0, regionBlocks: 0, tags: 0, emptyCues: 0 };
  const cues: Cue[] = [];
  let sawTiming = false;
  let lastCueOfPrevBlock: Cue | null = null;

  const all = blocksOf(lines);
  if (isVtt && all.length) {
    // The header: "WEBVTT" and its metadata lines, up to the first blank line (or the first timing line).
    const header = all.shift()!;
    const arrow = header.lines.findIndex((l, i) => i > 0 && l.includes('-->'));
    if (arrow > 0) all.unshift({ at: header.at + arrow, lines: header.lines.slice(arrow) });
  }

  for (const block of all) {
    const first = block.lines[0]!;
    if (isVtt && /^NOTE(?:[ \t]|$)/.test(first)) continue;
    if (isVtt && /^STYLE[ \t]*$/.test(first)) {
      removed.styleBlocks++;
      continue;
    }
    if (isVtt && /^REGION[ \t]*$/.test(first)) {
      removed.regionBlocks++;
      continue;
    }
    const arrows = block.lines.flatMap((l, i) => (l.includes('-->') ? [i] : []));
    if (arrows.length === 0) {
      // SubRip files often hold a blank line inside a cue's text: the text goes on in the next block.
      if (!isVtt && lastCueOfPrevBlock) lastCueOfPrevBlock.lines.push(...block.lines);
      continue;
    }
    sawTiming = true;
    let cue: Cue | null = null;
    for (let k = 0; k < arrows.length; k++) {
      const at = arrows[k]!;
      let textEnd = arrows[k + 1] ?? block.lines.length;
      // SubRip without the blank line between cues: the next cue's number sits just above its timing line.
      if (!isVtt && k + 1 < arrows.length && textEnd - 1 > at && /^\s*\d+\s*$/.test(block.lines[textEnd - 1]!))
        textEnd--;
      const timing = parseTimingLine(block.lines[at]!, block.at + at + 1, isVtt);
      if (!timing.ok) return timing;
      cue = { ...timing.cue, lines: block.lines.slice(at + 1, textEnd) };
      cues.push(cue);
    }
    lastCueOfPrevBlock = cue;
  }

  if (cues.length > SUBTITLE_MAX_CUES)
    return fail('subtitles.tooManyCues', { count: cues.length, max: SUBTITLE_MAX_CUES });
  const clean: Cue[] = [];
  for (const cue of cues) {
    const { lines: out, anchor } = cleanCueText(cue.lines.join('\n'), cue, removed);
    if (out.length === 0) {
      removed.emptyCues++;
      continue;
    }
    clean.push({ ...cue, settings: cue.settings || anchor, lines: out });
  }
  if (clean.length === 0) return isVtt || sawTiming ? fail('subtitles.noCues') : fail('subtitles.format');
  clean.sort((a, b) => a.startMs - b.startMs);

  const body = clean.map(
    (c) =>
      `${formatCueTime(c.startMs)} --> ${formatCueTime(c.endMs)}${c.settings ? ` ${c.settings}` : ''}\n` +
      `${c.lines.join('\n')}`,
  );
  return {
    ok: true,
    vtt: `WEBVTT\n\n${body.join('\n\n')}\n`,
    format: isVtt ? 'vtt' : 'srt',
    encoding: decoded.encoding,
    cueCount: clean.length,
    removed,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Decoding

type Decoded = { ok: true; text: string; encoding: CleanSubtitles['encoding'] } | { ok: false; line: number };

function decode(b: Uint8Array): Decoded {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return decodeUtf8(b.subarray(3));
  if (b[0] === 0xff && b[1] === 0xfe) return decodeUtf16(b.subarray(2), true);
  if (b[0] === 0xfe && b[1] === 0xff) return decodeUtf16(b.subarray(2), false);
  return decodeUtf8(b);
}

function decodeUtf8(b: Uint8Array): Decoded {
  const bad = firstInvalidUtf8(b);
  if (bad >= 0) return { ok: false, line: lineOfByte(b, bad) };
  return { ok: true, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(b), encoding: 'utf-8' };
}

/**
 * Offset of the first byte that does not start a valid UTF-8 sequence (overlong forms and surrogates included), or -1.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (n === 0 || i + n >= b.length) return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k]!;
      if ((d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    const min = n === 1 ? 0x80 : n === 2 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

function decodeUtf16(b: Uint8Array, littleEndian: boolean): Decoded {
  const units = Math.floor(b.length / 2);
  let line = 1;
  let pendingHigh = false;
  for (let i = 0; i < units; i++) {
    const u = littleEndian ? b[2 * i]! | (b[2 * i + 1]! << 8) : (b[2 * i]! << 8) | b[2 * i + 1]!;
    const high = u >= 0xd800 && u <= 0xdbff;
    const low = u >= 0xdc00 && u <= 0xdfff;
    if (pendingHigh !== low) return { ok: false, line };
    pendingHigh = high;
    if (u === 0x0a) line++;
  }
  if (pendingHigh || b.length % 2 !== 0) return { ok: false, line };
  let le = b;
  if (!littleEndian) {
    le = new Uint8Array(b.length);
    for (let i = 0; i + 1 < b.length; i += 2) {
      le[i] = b[i + 1]!;
      le[i + 1] = b[i]!;
    }
  }
  return {
    ok: true,
    text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(le),
    encoding: littleEndian ? 'utf-16le' : 'utf-16be',
  };
}

/** 1-based line of a byte offset: lines end with LF, or with CR in files that have no LF. */
function lineOfByte(b: Uint8Array, offset: number): number {
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < offset; i++) {
    if (b[i] === 0x0a) lf++;
    else if (b[i] === 0x0d) cr++;
  }
  return (lf || cr) + 1;
}

function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 0x0a) line++;
  return line;
}

function kib(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KB`;
}

// ---------------------------------------------------------------------------------------------------------------
// Structure and timings

function blocksOf(lines: readonly string[]): { at: number; lines: string[] }[] {
  const out: { at: number; lines: string[] }[] = [];
  let cur: { at: number; lines: string[] } | null = null;
  lines.forEach((l, i) => {
    if (l.trim() === '') {
      cur = null;
      return;
    }
    if (!cur) {
      cur = { at: i, lines: [] };
      out.push(cur);
    }
    cur.lines.push(l);
  });
  return out;
}

/**
 * WebVTT's `mm:ss.ttt` or `hh:mm:ss.ttt`, and the forms SubRip files carry: a comma before the milliseconds, one or
 * two digits per field, fewer than three digits of fraction (",5" is half a second), or none.
 */
export function parseCueTime(s: string): number | null {
  const m = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/.exec(s);
  if (!m) return null;
  const minutes = Number(m[2]);
  const seconds = Number(m[3]);
  if (minutes > 59 || seconds > 59) return null;
  return ((Number(m[1] ?? 0) * 60 + minutes) * 60 + seconds) * 1000 + Number((m[4] ?? '0').padEnd(3, '0'));
}

/** `hh:mm:ss.ttt`, as WebVTT writes it. */
export function formatCueTime(ms: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${two(h)}:${two(m)}:${two(s)}.${String(ms % 1000).padStart(3, '0')}`;
}

const PERCENT = '(?:100(?:\\.0+)?|\\d{1,2}(?:\\.\\d+)?)%';
/** WebVTT cue settings and their valid values; anything else is dropped. */
const CUE_SETTINGS: Record<string, RegExp> = {
  vertical: /^(?:rl|lr)$/,
  line: new RegExp(`^(?:-?\\d{1,3}|${PERCENT})(?:,(?:start|center|end))?$`),
  position: new RegExp(`^${PERCENT}(?:,(?:line-left|center|line-right))?$`),
  size: new RegExp(`^${PERCENT}$`),
  align: /^(?:start|center|end|left|right)$/,
};

function parseTimingLine(
  line: string,
  lineNo: number,
  isVtt: boolean,
): { ok: true; cue: Omit<Cue, 'lines'> } | SubtitleFailure {
  const m = /^\s*(\S*?)\s*-->\s*(\S*)(.*)$/.exec(line);
  const start = m ? parseCueTime(m[1]!) : null;
  const end = m ? parseCueTime(m[2]!) : null;
  if (!m || start === null || end === null) {
    const value = (m ? (start === null ? m[1]! : m[2]!) : line.trim()).slice(0, 40);
    return fail('subtitles.timestamp', { line: lineNo, value });
  }
  if (end <= start) return fail('subtitles.timing', { line: lineNo, start: m[1]!, end: m[2]! });
  if (end > SUBTITLE_MAX_END_MS)
    return fail('subtitles.tooLong', { line: lineNo, end: m[2]!, max: formatCueTime(SUBTITLE_MAX_END_MS) });
  // SubRip's only extra is the X1/Y1 box of a few old tools, which WebVTT has no use for.
  const settings: string[] = [];
  if (isVtt) {
    const seen = new Set<string>();
    for (const token of m[3]!.trim().split(/[ \t]+/)) {
      const [name, value] = [token.slice(0, token.indexOf(':')), token.slice(token.indexOf(':') + 1)];
      const rule = Object.hasOwn(CUE_SETTINGS, name) ? CUE_SETTINGS[name] : undefined;
      if (!rule || seen.has(name) || !rule.test(value)) continue;
      seen.add(name);
      settings.push(`${name}:${value}`);
    }
  }
  return { ok: true, cue: { startMs: start, endMs: end, settings: settings.join(' ') } };
}

// ---------------------------------------------------------------------------------------------------------------
// Cue text

const KEPT_TAGS = new Set(['b', 'i', 'u', 'c', 'v', 'lang', 'ruby', 'rt']);
/** Tags whose content is code, not words for the viewer: dropped with it. */
const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'template', 'object', 'iframe', 'svg', 'math']);
const MAX_NESTING = 8;
const LANG_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/;
const CLASS_NAME = /^[A-Za-z0-9_-]{1,32}$/;
/** The markup in a cue's text, one alternative each (their groups are read by position in `cleanCueText`). */
const TOKEN = new RegExp(
  [
    // A tag: <b>, </i>, <c.red.big>, <v Bà Lan>, <br/>.
    String.raw`<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\.[^\s.<>/]*)*)([ \t][^<>\n]*?)?\s*(\/?)>`,
    // A timestamp tag: <00:00:01.500>.
    String.raw`<(\d[\d:.,]*)>`,
    // An ASS override block: {\an8}.
    String.raw`\{\\[^{}\n]*\}`,
    // A character reference: &amp; &#39; &#x1F600;.
    String.raw`&(#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`,
  ].join('|'),
  'g',
);
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  lrm: '\u200e',
  rlm: '\u200f',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  deg: '°',
  copy: '©',
};

/** Removes characters no subtitle needs (control characters, noncharacters); a tab becomes a space. */
function cleanChars(s: string): string {
  return s
    .replace(/(?![\t\n])[\p{Cc}\ufffe\uffff]/gu, '')
    .replace(/\t/g, ' ')
    .replace(/[\u2028\u2029]/g, '\n');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function decodeEntity(ref: string): string {
  if (ref.startsWith('#')) {
    const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    const ok = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
    return ok ? cleanChars(String.fromCodePoint(cp)) : '';
  }
  return Object.hasOwn(NAMED, ref) ? NAMED[ref]! : `&${ref};`;
}

function decodeEntities(s: string): string {
  return s.replace(/&(#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (_, ref: string) =>
    decodeEntity(ref),
  );
}

/** SubStation codes {\an1}…{\an9} (numpad positions) kept as the WebVTT settings that place the cue the same way. */
function anchorSettings(an: number): string {
  const out: string[] = [];
  if (an >= 7) out.push('line:0');
  else if (an >= 4) out.push('line:50%');
  if (an % 3 === 1) out.push('align:left');
  else if (an % 3 === 0) out.push('align:right');
  return out.join(' ');
}

/**
 * A cue's text with WebVTT's own tags kept (balanced, with safe classes and annotations), everything else removed or
 * escaped, and lines that show nothing merged away. Returns no lines when nothing is left to show.
 */
function cleanCueText(
  raw: string,
  cue: { startMs: number; endMs: number },
  removed: SubtitleRemovals,
): { lines: string[]; anchor: string } {
  let out = '';
  const open: string[] = [];
  let skipUntil: string | null = null;
  let anchor = '';
  let last = 0;
  const text = (s: string) => {
    if (skipUntil === null) out += escapeText(cleanChars(s));
  };
  for (const m of raw.matchAll(TOKEN)) {
    text(raw.slice(last, m.index));
    last = m.index + m[0].length;
    const [whole, slash, rawName, rawClasses, rawAnnotation, selfClosing, time, entity] = m;
    if (rawName !== undefined) {
      const name = rawName.toLowerCase();
      const closing = slash === '/';
      if (skipUntil !== null) {
        if (closing && name === skipUntil) skipUntil = null;
        continue;
      }
      if (name === 'br') {
        out += '\n';
        continue;
      }
      if (DROPPED_WITH_CONTENT.has(name)) {
        removed.tags++;
        if (!closing && !selfClosing) skipUntil = name;
        continue;
      }
      if (!KEPT_TAGS.has(name)) {
        removed.tags++;
        continue;
      }
      if (closing) {
        const at = open.lastIndexOf(name);
        if (at < 0) removed.tags++;
        else while (open.length > at) out += `</${open.pop()}>`;
        continue;
      }
      const tag = openingTag(name, rawClasses ?? '', (rawAnnotation ?? '').trim(), open);
      if (tag === null || selfClosing) {
        removed.tags++;
        continue;
      }
      out += tag;
      open.push(name);
    } else if (time !== undefined) {
      if (skipUntil !== null) continue;
      const t = parseCueTime(time);
      if (t !== null && t > cue.startMs && t < cue.endMs) out += `<${formatCueTime(t)}>`;
      else removed.tags++;
    } else if (entity !== undefined) {
      text(decodeEntity(entity));
    } else {
      // A SubStation override block such as {\an8} or {\b1}: only the position survives, as cue settings.
      const an = /\\an([1-9])/.exec(whole);
      if (an && !anchor) anchor = anchorSettings(Number(an[1]));
      else removed.tags++;
    }
  }
  text(raw.slice(last));
  while (open.length) out += `</${open.pop()}>`;
  return { lines: visibleLines(out), anchor };
}

function openingTag(name: string, rawClasses: string, annotation: string, open: readonly string[]): string | null {
  if (open.length >= MAX_NESTING) return null;
  if (name === 'rt' && open.at(-1) !== 'ruby') return null;
  const classes = rawClasses
    .split('.')
    .filter((c) => CLASS_NAME.test(c))
    .slice(0, 8);
  let tag = name + classes.map((c) => `.${c}`).join('');
  if (name === 'v') {
    const who = cleanChars(decodeEntities(annotation)).replace(/\s+/g, ' ').trim().slice(0, 100);
    if (!who) return null;
    tag += ` ${escapeText(who)}`;
  } else if (name === 'lang') {
    if (!LANG_TAG.test(annotation)) return null;
    tag += ` ${annotation}`;
  }
  return `<${tag}>`;
}

/** Trimmed lines; a line that shows nothing (blank, or tags only) is joined to its neighbour so tags stay balanced. */
function visibleLines(text: string): string[] {
  const lines: string[] = [];
  let carry = '';
  for (const l of text.split('\n')) {
    const line = l.trim();
    if (line.replace(/<[^>]*>/g, '').trim() === '') {
      carry += line;
      continue;
    }
    lines.push(carry + line);
    carry = '';
  }
  if (carry && lines.length) lines[lines.length - 1] += carry;
  return lines;
}
