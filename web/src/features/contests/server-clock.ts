import { useEffect, useState } from 'react';

/** How far the browser's clock is behind the server's, from a server timestamp and when it arrived. */
export function clockOffset(serverTime: string, receivedAt: number): number {
  return Date.parse(serverTime) - receivedAt;
}

/** The server's time, ticking every second in the browser, corrected for the browser clock's error. */
export function useServerNow(offsetMs: number): Date {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return new Date(now + offsetMs);
}
