/** A `next` parameter is followed only when it is a path of this site (never "//host" or "https://…"). */
export function safeNext(next: string | null, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
