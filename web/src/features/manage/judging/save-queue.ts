/**
 * Scores typed while the connection is down are kept in local storage, one pending save per entry (the latest sheet
 * and the version it was based on), and sent again when the browser is back online. Nothing typed is lost: a reload
 * finds the pending save and shows it instead of the server's older sheet.
 */
import type { SheetContent } from '@core/judging/score-sheet.ts';

export interface PendingSave {
  baseVersion: number;
  sheet: SheetContent;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const key = (roundId: number, ref: string) => `judging-pending:${roundId}:${ref}`;

export function keepPending(store: Store, roundId: number, ref: string, save: PendingSave): void {
  store.setItem(key(roundId, ref), JSON.stringify(save));
}

export function pendingSave(store: Store, roundId: number, ref: string): PendingSave | null {
  const raw = store.getItem(key(roundId, ref));
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as PendingSave;
    return typeof v.baseVersion === 'number' && v.sheet && typeof v.sheet === 'object' ? v : null;
  } catch {
    return null;
  }
}

/** Forgets the pending save once the server has it (only if it is still the one sent: a newer one waits). */
export function settlePending(store: Store, roundId: number, ref: string, sent: PendingSave): void {
  const now = store.getItem(key(roundId, ref));
  if (now === JSON.stringify(sent)) store.removeItem(key(roundId, ref));
}
