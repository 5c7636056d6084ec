/**
 * Addresses and the networks they belong to: a /24 for IPv4 and a /64 for IPv6 (what one subscriber or one small
 * hosting customer usually holds), the unit of the per-network limits and signals.
 */

export type Ip = { version: 4; parts: number[] } | { version: 6; parts: number[] };

function parseV4(s: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

function parseV6(s: string): number[] | null {
  let text = s;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const b = parseV4(last);
    if (!b) return null;
    tail = [(b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!];
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const group = (h: string) => (h === '' ? [] : h.split(':'));
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  if (![...head, ...rest].every((h) => /^[0-9a-f]{1,4}$/i.test(h))) return null;
  const width = 8 - tail.length;
  const given = head.length + rest.length;
  if (halves.length === 1 ? given !== width : given > width - 1) return null;
  const zeros = new Array<number>(width - given).fill(0);
  return [...head.map((h) => parseInt(h, 16)), ...zeros, ...rest.map((h) => parseInt(h, 16)), ...tail];
}

/** Parses an IPv4 or IPv6 address (zone index dropped); an IPv4-mapped IPv6 address is read as the IPv4 one. */
export function parseIp(input: string): Ip | null {
  const s = input.trim().replace(/%.*$/, '');
  const v4 = parseV4(s);
  if (v4) return { version: 4, parts: v4 };
  if (!s.includes(':')) return null;
  const v6 = parseV6(s);
  if (!v6) return null;
  if (v6.slice(0, 5).every((w) => w === 0) && v6[5] === 0xffff) {
    return { version: 4, parts: [v6[6]! >> 8, v6[6]! & 255, v6[7]! >> 8, v6[7]! & 255] };
  }
  return { version: 6, parts: v6 };
}

/** One text per address: dotted quad, or eight lower-case hex groups without leading zeros. */
export function canonicalIp(input: string): string | null {
  const ip = parseIp(input);
  if (!ip) return null;
  return ip.version === 4 ? ip.parts.join('.') : ip.parts.map((w) => w.toString(16)).join(':');
}

/** "203.0.113.0/24" or "2001:db8:0:1::/64"; null for text that is not an address. */
export function networkOf(input: string): string | null {
  const ip = parseIp(input);
  if (!ip) return null;
  if (ip.version === 4) return `${ip.parts.slice(0, 3).join('.')}.0/24`;
  return `${ip.parts
    .slice(0, 4)
    .map((w) => w.toString(16))
    .join(':')}::/64`;
}
