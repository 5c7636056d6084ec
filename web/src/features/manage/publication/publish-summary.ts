import type { PublicationRow, PublishResult } from '../../../api/types.ts';

type SkipReason = PublishResult['skipped'][number]['reason'];

/** The order the summary names them in: what staff can act on first. */
const REASON_ORDER: readonly SkipReason[] = ['notReady', 'notApproved', 'alreadyPublished'];

interface SkipGroup {
  reason: SkipReason;
  /** "VL-2024-003 — Title", or the title alone for an entry without a code. */
  entries: { entryId: number; label: string }[];
}

/** The skipped entries of a publishing run, grouped by reason and named from the list the staff member sees. */
export function skippedByReason(result: PublishResult, rows: readonly PublicationRow[]): SkipGroup[] {
  const byId = new Map(rows.map((r) => [r.entryId, r]));
  return REASON_ORDER.map((reason) => ({
    reason,
    entries: result.skipped
      .filter((s) => s.reason === reason)
      .map((s) => {
        const title = byId.get(s.entryId)?.title;
        const code = s.code ?? byId.get(s.entryId)?.code ?? null;
        return { entryId: s.entryId, label: [code, title].filter(Boolean).join(' — ') || `#${s.entryId}` };
      }),
  })).filter((g) => g.entries.length > 0);
}

/** Approved entries not in the gallery now: what "publish all" will try. */
export function publishCandidates(rows: readonly PublicationRow[]): PublicationRow[] {
  return rows.filter((r) => r.state !== 'published' && r.reviewStatus === 'approved');
}

/**
 * The public page as a path on this site. The server's link carries its configured address (PUBLIC_URL), which
 * may not be the one the staff member reached it by.
 */
export function publicPath(publicUrl: string): string {
  try {
    const u = new URL(publicUrl);
    return `${u.pathname}${u.search}`;
  } catch {
    return publicUrl;
  }
}
