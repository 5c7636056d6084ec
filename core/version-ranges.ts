/**
 * Semantic versions against ranges, for the known-bad-versions check (`npm run deps:check`). A range is a set of
 * comparators (`<`, `<=`, `>`, `>=`, `=` or a bare version), all of which must hold; `||` joins alternatives.
 * Pre-release versions sort before their release, as semver says.
 */

interface Parsed {
  nums: [number, number, number];
  pre: string[];
}

export function parseVersion(v: string): Parsed | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v.trim());
  if (!m) return null;
  return { nums: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ? m[4].split('.') : [] };
}

function comparePre(a: string[], b: string[]): number {
  if (!a.length || !b.length) return a.length ? -1 : b.length ? 1 : 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny && Number(x) !== Number(y)) return Number(x) < Number(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) throw new Error(`not a version: ${pa ? b : a}`);
  for (let i = 0; i < 3; i++) if (pa.nums[i] !== pb.nums[i]) return pa.nums[i]! < pb.nums[i]! ? -1 : 1;
  return comparePre(pa.pre, pb.pre);
}

/** True when `version` lies in `range`; a range that cannot be read throws rather than matching nothing. */
export function satisfies(version: string, range: string): boolean {
  return range.split('||').some((alternative) => {
    const comparators = alternative.trim().split(/\s+/).filter(Boolean);
    if (!comparators.length) throw new Error(`empty range: "${range}"`);
    return comparators.every((c) => {
      const m = /^(<=|>=|<|>|=)?(.+)$/.exec(c)!;
      const cmp = compareVersions(version, m[2]!);
      switch (m[1]) {
        case '<':
          return cmp < 0;
        case '<=':
          return cmp <= 0;
        case '>':
          return cmp > 0;
        case '>=':
          return cmp >= 0;
        default:
          return cmp === 0;
      }
    });
  });
}

export interface KnownBad {
  package: string;
  /** The affected versions, e.g. `<7.0.7` or `>=3.0.0 <10.4.1`. */
  range: string;
  advisory: string;
  summary: string;
}

export interface Installed {
  name: string;
  version: string;
  /** Where it is installed (`node_modules/…`), to tell nested copies apart. */
  location: string;
}

/** Every installed package whose version an entry of the list names as affected. */
export function findKnownBad(installed: Installed[], list: KnownBad[]): { installed: Installed; bad: KnownBad }[] {
  const out: { installed: Installed; bad: KnownBad }[] = [];
  for (const i of installed)
    for (const bad of list)
      if (bad.package === i.name && satisfies(i.version, bad.range)) out.push({ installed: i, bad });
  return out;
}
