/** A `next` parameter is followed only when it is a path of this site (never "//host" or "https://…"). */
export function safeNext(next: string | null, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

/** `&next=…` (or `?next=…`) to carry a destination on to the next page; nothing when it is the home page. */
export function nextQuery(next: string, sep: '&' | '?' = '&'): string {
  return next === '/' ? '' : `${sep}next=${encodeURIComponent(next)}`;
}
