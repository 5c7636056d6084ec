import { useMemo, useSyncExternalStore } from 'react';
import { renderedNow } from '../ssr/render-context.ts';

/** How far the browser's clock is behind the server's, from a server timestamp and when it arrived. */
export function clockOffset(serverTime: string, receivedAt: number): number {
  return Date.parse(serverTime) - receivedAt;
}

/** How often a page that only shows which side of a deadline the present is on reads the clock again. */
export const DEADLINE_CHECK_MS = 30_000;

/** The browser's clock, read again every `everyMs`; the same value between two ticks (useSyncExternalStore). */
function tickingClock(everyMs: number) {
  let now = Date.now();
  return {
    read: () => now,
    subscribe(changed: () => void) {
      now = Date.now();
      const id = setInterval(() => {
        now = Date.now();
        changed();
      }, everyMs);
      return () => clearInterval(id);
    },
  };
}

/**
 * The server's time, corrected for the browser clock's error and read again every `everyMs` (every second for a
 * countdown; less often where only a deadline's side matters, so that a large page does not render every second).
 * In server-rendered HTML, and while the browser hydrates it, it is the moment the server rendered the page.
 */
export function useServerNow(offsetMs: number, everyMs = 1000): Date {
  const clock = useMemo(() => tickingClock(everyMs), [everyMs]);
  const now = useSyncExternalStore(clock.subscribe, clock.read, () => renderedNow() - offsetMs);
  return new Date(now + offsetMs);
}
