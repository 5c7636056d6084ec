import type { WindowVerdict } from '@core/eligibility.ts';

/** What keeps a draft from being sent, as message keys (`entry.submit.*`) with their values. */
type SubmitBlocker =
  { key: 'blockMissing'; count: number } | { key: 'blockFile' | 'blockNotOpen' | 'blockClosed' | 'blockUnscheduled' };

/**
 * Why the entry cannot be sent now, in the order the page lists them; empty when it can. A returned entry may be sent
 * again while its fix window is open, even after submissions closed.
 */
export function submitBlockers(
  entry: {
    status: string;
    missing: readonly unknown[];
    acceptedUploadId: string | null;
    upload: { status: string } | null;
  },
  win: WindowVerdict,
  fixOpen: boolean,
): SubmitBlocker[] {
  if (entry.status !== 'draft') return [];
  const out: SubmitBlocker[] = [];
  if (entry.missing.length) out.push({ key: 'blockMissing', count: entry.missing.length });
  if (!entry.acceptedUploadId || entry.upload?.status !== 'accepted') out.push({ key: 'blockFile' });
  if (!win.ok && !fixOpen) {
    out.push({
      key: win.reason === 'notOpenYet' ? 'blockNotOpen' : win.reason === 'closed' ? 'blockClosed' : 'blockUnscheduled',
    });
  }
  return out;
}
