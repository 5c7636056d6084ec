import { useEffect, useState } from 'react';

/** How far the browser's clock is behind the server's, from a server timestamp and when it arrived. */
export function clockOffset(serverTime: string, receivedAt: number): number {
  return Date.parse(serverTime) - receivedAt;
}

/** How often a page that only shows which side of a deadline the present is on reads the clock again. */
export const DEADLINE_CHECK_MS = 30_000;

/**
 * The server's time, corrected for the browser clock's error and read again every `everyMs` (every second for a
 * countdown; less often where only a deadline's side matters, so that a large page does not render every second).
 */
export function useServerNow(offsetMs: number, everyMs = 1000): Date {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return new Date(now + offsetMs);
}
