import { describe, expect, it } from 'vitest';
import {
  ARCHIVE_FORMAT,
  archivePathProblem,
  checkArchive,
  manifestProblems,
  mediaListProblems,
  type ArchiveManifest,
} from './archive-manifest.ts';

const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);
const MANIFEST: ArchiveManifest = {
  format: ARCHIVE_FORMAT,
  contestSlug: 'vinh-linh-2024',
  exportedAt: '2026-12-20T03:00:00.000Z',
  files: [
    { path: 'data/contest.json', kind: 'data', bytes: 1200, sha256: H1 },
    { path: 'media/VL2024-001/original.mp4', kind: 'media', bytes: 5_000_000, sha256: H2 },
  ],
};

describe('archive manifest', () => {
  it('accepts relative NFC paths and refuses escapes, absolute paths and duplicates', () => {
    expect(manifestProblems(MANIFEST)).toEqual([]);
    expect(archivePathProblem('documents/giấy-chứng-nhận/07-GCN-BTC.pdf')).toBeNull();
    for (const bad of ['../etc/passwd', '/abs', 'a//b', 'C:/x', 'a\\b', 'x/./y', 'manifest.json', 'tab\there'])
      expect(archivePathProblem(bad)).not.toBeNull();
    expect(archivePathProblem('giấy'.normalize('NFD'))).toBe('not NFC');
    const dup = { ...MANIFEST, files: [...MANIFEST.files, { ...MANIFEST.files[0]!, path: 'DATA/contest.json' }] };
    expect(manifestProblems(dup)).toHaveLength(1);
    expect(manifestProblems({ ...MANIFEST, files: [{ ...MANIFEST.files[0]!, sha256: 'XYZ' }] })).toHaveLength(1);
  });

  it('verifies against the files found: missing, altered and unlisted files are named', () => {
    const found = MANIFEST.files.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256 }));
    expect(checkArchive(MANIFEST, [...found, { path: 'manifest.json', bytes: 10, sha256: H1 }])).toEqual({
      ok: true,
      missing: [],
      altered: [],
      unlisted: [],
    });
    expect(
      checkArchive(MANIFEST, [
        { ...found[0]!, sha256: H2 },
        { path: 'extra.txt', bytes: 1, sha256: H1 },
      ]),
    ).toEqual({
      ok: false,
      missing: ['media/VL2024-001/original.mp4'],
      altered: ['data/contest.json'],
      unlisted: ['extra.txt'],
    });
  });

  it('compares the media list with the manifest: recorded hashes of the originals, every streaming file listed', () => {
    const original = { path: 'media/VL2024-001/original.mp4', bytes: 5_000_000, sha256: H2 };
    expect(mediaListProblems({ included: true, files: [original] }, MANIFEST)).toEqual([]);
    // Not included: the list is only a list of hashes.
    expect(mediaListProblems({ included: false, files: [{ ...original, sha256: H1 }] }, MANIFEST)).toEqual([]);
    expect(mediaListProblems({ included: true, files: [{ ...original, sha256: H1 }] }, MANIFEST)).toEqual([
      'media/VL2024-001/original.mp4: differs from the SHA-256 recorded when the upload was accepted',
    ]);
    // An old upload without a recorded hash is only required to be there.
    expect(mediaListProblems({ included: true, files: [{ ...original, sha256: null }] }, MANIFEST)).toEqual([]);
    const seg = 'media/VL2024-001/renditions/u1/360p/seg_00000.ts';
    const withSeg = {
      ...MANIFEST,
      files: [...MANIFEST.files, { path: seg, kind: 'media' as const, bytes: 752, sha256: H1 }],
    };
    const list = { included: true, files: [original], streamingIncluded: true, streaming: [{ path: seg, bytes: 752 }] };
    expect(mediaListProblems(list, withSeg)).toEqual([]);
    expect(mediaListProblems(list, MANIFEST)).toEqual([`${seg}: in data/media.json, not in the manifest`]);
  });
});
