/**
 * The fanpage count the plan names for the most-voted prize: per entry, the post's reactions, shares and comments at
 * the close, turned into a score by the contest's formula (stated in words on the results), recorded with a
 * screenshot as evidence and final only once a second person has confirmed them.
 */
import { problem, type VotingProblem } from './messages.ts';
import type { FanpageFormula } from './settings.ts';

export interface FanpageCounts {
  reactions: number;
  shares: number;
  comments: number;
}

export function fanpageScore(c: FanpageCounts, f: FanpageFormula): number {
  return c.reactions * f.reactions + c.shares * f.shares + c.comments * f.comments;
}

const TERMS = {
  reactions: { vi: 'số lượt bày tỏ cảm xúc', en: 'reactions' },
  shares: { vi: 'số lượt chia sẻ', en: 'shares' },
  comments: { vi: 'số bình luận', en: 'comments' },
} as const;

/**
 * "Điểm fanpage = số lượt bày tỏ cảm xúc + 2 × số lượt chia sẻ (không tính số bình luận)."
 * "Fanpage score = reactions + 2 × shares (comments not counted)."
 */
export function formulaInWords(f: FanpageFormula, lang: 'vi' | 'en'): string {
  const keys = ['reactions', 'shares', 'comments'] as const;
  const used = keys.filter((k) => f[k] > 0).map((k) => (f[k] === 1 ? TERMS[k][lang] : `${f[k]} × ${TERMS[k][lang]}`));
  const unused = keys.filter((k) => f[k] === 0).map((k) => TERMS[k][lang]);
  const and = lang === 'vi' ? ' và ' : ' and ';
  const left = unused.length
    ? lang === 'vi'
      ? ` (không tính ${unused.join(and)})`
      : ` (${unused.join(and)} not counted)`
    : '';
  const head = lang === 'vi' ? 'Điểm fanpage = ' : 'Fanpage score = ';
  return `${head}${used.join(' + ')}${left}.`.normalize('NFC');
}

/** One entry's figures as stored: who last entered or changed them, and who confirmed them. */
export interface FanpageRow extends FanpageCounts {
  entry: string;
  postUrl: string;
  /** Storage key of the screenshot, null until one is attached. */
  evidence: string | null;
  editedBy: number;
  confirmedBy: number | null;
}

/**
 * Whether `confirmer` may confirm the figures: there must be figures not yet confirmed, each with its screenshot, and
 * the confirmer must not be the last person to have entered or changed any of them (two people see every figure).
 * `names` gives the editors' names for the message.
 */
export function confirmationProblem(
  rows: readonly FanpageRow[],
  confirmer: number,
  names: ReadonlyMap<number, string> = new Map(),
): VotingProblem | null {
  const open = rows.filter((r) => r.confirmedBy === null);
  if (open.length === 0) return problem('fanpage.nothingToConfirm');
  const bare = open.filter((r) => !r.evidence).map((r) => r.entry);
  if (bare.length) return problem('fanpage.evidenceRequired', { codes: bare.join(', ') });
  if (open.some((r) => r.editedBy === confirmer)) {
    const editors = [...new Set(open.map((r) => r.editedBy))].map((id) => names.get(id) ?? `#${id}`);
    return problem('fanpage.sameEditor', { editors: editors.join(', ') });
  }
  return null;
}

/** The figures decide only when every entry's row is confirmed. */
export function fanpageFinal(rows: readonly FanpageRow[], entries: readonly string[]): boolean {
  const confirmed = new Set(rows.filter((r) => r.confirmedBy !== null).map((r) => r.entry));
  return entries.length > 0 && entries.every((e) => confirmed.has(e)) && rows.every((r) => r.confirmedBy !== null);
}

const FACEBOOK_HOSTS = ['facebook.com', 'fb.com', 'fb.watch'];

/** A link to a post on Facebook (any of its hosts), http or https. */
export function isFacebookPostUrl(text: string): boolean {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  const host = u.hostname.toLowerCase();
  return FACEBOOK_HOSTS.some((h) => host === h || host.endsWith(`.${h}`)) && u.pathname.length > 1;
}
