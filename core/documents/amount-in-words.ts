/**
 * Amounts of đồng in words, as written on payment lists and decisions ("Bằng chữ: Một triệu năm trăm nghìn đồng").
 *
 * Vietnamese follows the usage of accounting guides and school textbooks; no legal text fixes it (Thông tư 200/2014
 * only asks that the words match the figures):
 * - groups of three digits named nghìn, triệu, tỷ; above tỷ the names repeat (nghìn tỷ, triệu tỷ). "nghìn", not
 *   "ngàn": it is the form of legal texts (Nghị định 123/2020: "hàng nghìn, triệu, tỷ, nghìn tỷ") and of the brief.
 * - a group of zeros is skipped; a later group is read whole, so 1.005 is "một nghìn không trăm linh năm".
 * - an empty tens place before a units digit is "linh" (Northern and textbook usage; "lẻ" is Southern).
 * - 10–19 are "mười …"; 20 and up "hai mươi …".
 * - units 1 after "mươi" is "mốt" (21: hai mươi mốt) but "một" after "mười" or "linh" (11, 101).
 * - units 4 after "mươi" is "tư" (24: hai mươi tư) but "bốn" after "mười" or "linh" (14, 104).
 * - units 5 after "mười" or "mươi" is "lăm" (15, 25; "nhăm" is colloquial), but "năm" after "linh" (105).
 * - no "chẵn" at the end: đồng has no smaller unit, so it adds nothing, and offices disagree on when to write it.
 */

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

function digit(d: number): string {
  return DIGITS[d]!;
}

/** The words of a group of three digits (1–999); `whole` reads the hundreds even when zero ("không trăm"). */
function tripleWords(n: number, whole: boolean): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const out: string[] = [];
  const readHundreds = h > 0 || whole;
  if (readHundreds) out.push(digit(h), 'trăm');
  if (t === 0) {
    if (u > 0) {
      if (readHundreds) out.push('linh');
      out.push(digit(u));
    }
  } else if (t === 1) {
    out.push('mười');
    if (u === 5) out.push('lăm');
    else if (u > 0) out.push(digit(u));
  } else {
    out.push(digit(t), 'mươi');
    if (u === 1) out.push('mốt');
    else if (u === 4) out.push('tư');
    else if (u === 5) out.push('lăm');
    else if (u > 0) out.push(digit(u));
  }
  return out;
}

const GROUP_NAMES = ['', 'nghìn', 'triệu'] as const;

/** Below a billion; `whole` when a higher part precedes, so that the first group is read with its zeros. */
function belowBillionWords(n: number, whole: boolean): string[] {
  const groups = [Math.floor(n / 1_000_000), Math.floor(n / 1000) % 1000, n % 1000];
  const out: string[] = [];
  let started = whole;
  groups.forEach((g, i) => {
    if (g === 0) return;
    out.push(...tripleWords(g, started));
    const name = GROUP_NAMES[2 - i]!;
    if (name) out.push(name);
    started = true;
  });
  return out;
}

function naturalWords(n: number): string[] {
  if (n < 1_000_000_000) return belowBillionWords(n, false);
  const high = Math.floor(n / 1_000_000_000);
  const low = n % 1_000_000_000;
  return [...naturalWords(high), 'tỷ', ...(low > 0 ? belowBillionWords(low, true) : [])];
}

function checkAmount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Not an amount of đồng: ${n}`);
}

function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

/** A whole number in Vietnamese words, lower case: 21 → "hai mươi mốt". */
export function vietnameseNumberWords(n: number): string {
  checkAmount(n);
  return n === 0 ? 'không' : naturalWords(n).join(' ');
}

/** "Một triệu năm trăm nghìn đồng": the line "Bằng chữ" of a payment list. */
export function vndInWords(amount: number): string {
  return capitalize(`${vietnameseNumberWords(amount)} đồng`);
}

const EN_ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const;
const EN_SCALES = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion'] as const;

function enBelowThousand(n: number): string[] {
  const out: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h > 0) out.push(EN_ONES[h]!, 'hundred');
  if (rest >= 20) out.push(rest % 10 ? `${EN_TENS[Math.floor(rest / 10)]}-${EN_ONES[rest % 10]}` : EN_TENS[rest / 10]!);
  else if (rest > 0) out.push(EN_ONES[rest]!);
  return out;
}

/**
 * A whole number in English words, lower case, short scale and without "and" (the usage of cheques and of the
 * English versions of Vietnamese payment documents): 101 → "one hundred one".
 */
export function englishNumberWords(n: number): string {
  checkAmount(n);
  if (n === 0) return 'zero';
  const out: string[] = [];
  let rest = n;
  const groups: number[] = [];
  while (rest > 0) {
    groups.push(rest % 1000);
    rest = Math.floor(rest / 1000);
  }
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    out.push(...enBelowThousand(g));
    if (EN_SCALES[i]) out.push(EN_SCALES[i]!);
  }
  return out.join(' ');
}

/** "One million five hundred thousand dong". */
export function vndInEnglishWords(amount: number): string {
  const w = englishNumberWords(amount);
  return `${w.charAt(0).toUpperCase()}${w.slice(1)} dong`;
}
