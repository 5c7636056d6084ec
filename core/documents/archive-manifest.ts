/**
 * The archive of a finished contest: data as JSON, the documents, and the media, listed in a manifest with each
 * file's size and SHA-256 so that the export can be checked against the files at any later time. The server writes
 * the files and computes the hashes; these rules say what a manifest may contain and compare it with what is there.
 * The manifest's own SHA-256 goes into the audit log when the archive is made, so a swapped manifest shows too.
 */

export const ARCHIVE_FORMAT = 'contest-archive/v1';
export const ARCHIVE_KINDS = ['data', 'document', 'media', 'poster', 'subtitle'] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];

export interface ManifestFile {
  /** Relative, forward slashes, NFC: "documents/giay-chung-nhan/07-GCN-BTC.pdf". */
  path: string;
  kind: ArchiveKind;
  bytes: number;
  /** Lower-case hex. */
  sha256: string;
}

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  contestSlug: string;
  /** ISO 8601 instant. */
  exportedAt: string;
  files: ManifestFile[];
}

export const MANIFEST_PATH = 'manifest.json';

/** Why a path may not be in an archive (escapes the folder, absolute, odd characters), or null. */
export function archivePathProblem(path: string): string | null {
  if (path !== path.normalize('NFC')) return 'not NFC';
  if (!path || path.length > 400) return 'empty or too long';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\'))
    return 'not a relative forward-slash path';
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'control character';
  if (path.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) return 'empty, "." or ".." segment';
  if (path === MANIFEST_PATH) return 'reserved for the manifest';
  return null;
}

export function manifestProblems(m: ArchiveManifest): string[] {
  const out: string[] = [];
  if (m.format !== ARCHIVE_FORMAT) out.push(`unknown format ${String(m.format)}`);
  const seen = new Set<string>();
  for (const f of m.files) {
    const p = archivePathProblem(f.path);
    if (p) out.push(`${f.path}: ${p}`);
    const folded = f.path.toLowerCase();
    if (seen.has(folded)) out.push(`${f.path}: listed twice (paths must differ in more than case)`);
    seen.add(folded);
    if (!/^[0-9a-f]{64}$/.test(f.sha256)) out.push(`${f.path}: SHA-256 must be 64 lower-case hex digits`);
    if (!Number.isSafeInteger(f.bytes) || f.bytes < 0) out.push(`${f.path}: size must be a whole number of bytes`);
    if (!(ARCHIVE_KINDS as readonly string[]).includes(f.kind)) out.push(`${f.path}: unknown kind ${f.kind}`);
  }
  return out;
}

export interface ArchiveCheck {
  ok: boolean;
  /** Listed, not found. */
  missing: string[];
  /** Found with another size or hash. */
  altered: string[];
  /** Found, not listed (other than the manifest itself). */
  unlisted: string[];
}

/** Compares a manifest with the files found (their paths, sizes and hashes as computed by the checker). */
export function checkArchive(
  m: ArchiveManifest,
  found: readonly { path: string; bytes: number; sha256: string }[],
): ArchiveCheck {
  const byPath = new Map(found.map((f) => [f.path.normalize('NFC'), f]));
  const listed = new Set(m.files.map((f) => f.path));
  const missing: string[] = [];
  const altered: string[] = [];
  for (const f of m.files) {
    const g = byPath.get(f.path);
    if (!g) missing.push(f.path);
    else if (g.bytes !== f.bytes || g.sha256.toLowerCase() !== f.sha256) altered.push(f.path);
  }
  const unlisted = [...byPath.keys()].filter((p) => p !== MANIFEST_PATH && !listed.has(p));
  return { ok: !missing.length && !altered.length && !unlisted.length, missing, altered, unlisted };
}

/** `data/media.json` as the exporter writes it: the parts the checker compares with the manifest. */
export interface MediaList {
  /** Whether the originals are in the archive. */
  included: boolean;
  /** The originals, with the SHA-256 recorded when each upload was accepted (null for an old upload without one). */
  files: { path: string; bytes: number; sha256: string | null }[];
  /** Whether the streaming set (ladder, poster, strip, subtitles) is in the archive; absent in older archives. */
  streamingIncluded?: boolean;
  streaming?: { path: string; bytes: number }[];
}

/**
 * What the media list says the archive holds and the manifest does not confirm: a file the list announces that the
 * manifest does not list, or an original whose archived bytes differ from what was recorded at upload (the stored
 * copy changed before the export, which the manifest alone cannot show: it was computed from that copy).
 */
export function mediaListProblems(list: MediaList, m: ArchiveManifest): string[] {
  const byPath = new Map(m.files.map((f) => [f.path, f]));
  const out: string[] = [];
  if (list.included)
    for (const f of list.files) {
      const g = byPath.get(f.path);
      if (!g) out.push(`${f.path}: in data/media.json, not in the manifest`);
      else if (f.sha256 && (g.sha256 !== f.sha256.toLowerCase() || g.bytes !== f.bytes))
        out.push(`${f.path}: differs from the SHA-256 recorded when the upload was accepted`);
    }
  if (list.streamingIncluded)
    for (const f of list.streaming ?? []) {
      const g = byPath.get(f.path);
      if (!g) out.push(`${f.path}: in data/media.json, not in the manifest`);
      else if (g.bytes !== f.bytes) out.push(`${f.path}: size differs from data/media.json`);
    }
  return out;
}
