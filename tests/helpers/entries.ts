import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { saveEntryDraft } from '../../server/services/entries/save-entry-draft.ts';
import { submitEntry } from '../../server/services/entries/submit-entry.ts';
import type { EntryDraft } from '@core/entry.ts';
import type { TestApp } from './test-app.ts';

/** A complete draft that the rules accept, for a unit or a person. */
export function completeDraft(party: EntryDraft['party'], overrides: Partial<EntryDraft> = {}): EntryDraft {
  return {
    title: 'Dịch vụ công trực tuyến — gần dân, vì dân',
    form: 'report',
    synopsis: 'Phóng sự về người dân xã nộp hồ sơ trực tuyến trên Cổng Dịch vụ công.',
    topicIndex: 1,
    party,
    isGroup: false,
    groupName: '',
    authors: [
      {
        fullName: 'Nguyễn Văn An',
        position: 'Công chức Văn phòng - Thống kê',
        unitName: 'UBND xã Vĩnh Thái',
        address: 'Thôn Tân Mỹ, xã Vĩnh Thái',
        phone: '0912 345 678',
        email: '',
      },
    ],
    originalityDeclared: true,
    thirdPartyMaterial: '',
    consentGiven: true,
    ...overrides,
  };
}

/**
 * Gives an entry a file that passed its checks, as the check runner would after a real upload. Used where a test is
 * about quotas or submission rather than about uploading (those have their own tests with real files).
 */
export async function attachAcceptedFile(
  t: TestApp,
  entryId: number,
  opts: { createdAt?: string } = {},
): Promise<string> {
  const id = crypto.randomBytes(24).toString('base64url');
  const at = opts.createdAt ?? new Date().toISOString();
  await t.deps.db
    .insertInto('uploads')
    .values({
      id,
      entry_id: entryId,
      user_id: null,
      size_bytes: 123_456_789,
      filename: 'phong-su.mp4',
      status: 'accepted',
      sha256: 'a'.repeat(64),
      verdict_json: JSON.stringify({
        ok: true,
        failures: [],
        passed: ['container', 'video_track', 'duration', 'resolution', 'aspect_ratio', 'size', 'integrity', 'decode'],
        probe: {},
      }),
      created_at: at,
      completed_at: at,
      checked_at: at,
    })
    .execute();
  await t.deps.db
    .updateTable('entries')
    .set({ active_upload_id: id, accepted_upload_id: id })
    .where('id', '=', entryId)
    .execute();
  return id;
}

export async function unitId(t: TestApp, name: string): Promise<number> {
  const row = await t.deps.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * A submitted entry that the review approved, with stand-in renditions stored (master playlist, one segment and a
 * poster), as publication expects. `ready: false` leaves the renditions unmade. Returns the entry id.
 */
export async function approvedEntry(
  t: TestApp,
  owner: { id: number },
  opts: { draft?: Partial<EntryDraft>; party?: EntryDraft['party']; ready?: boolean; slug?: string } = {},
): Promise<number> {
  const actor = { userId: owner.id, isSiteAdmin: false, ip: null };
  // Each its own author (by phone), so that R3's per-person quota never stands in the way of a test.
  const base = completeDraft(opts.party ?? { kind: 'person' });
  const phone = `09${String(crypto.randomInt(0, 1e8)).padStart(8, '0')}`;
  const draft = { ...base, authors: base.authors.map((a) => ({ ...a, phone })), ...opts.draft };
  const { id } = await saveEntryDraft(t.deps, actor, opts.slug ?? t.demoSlug, draft);
  const uploadId = await attachAcceptedFile(t, id);
  await submitEntry(t.deps, actor, id);
  await t.deps.db.updateTable('entries').set({ review_status: 'approved' }).where('id', '=', id).execute();
  if (opts.ready ?? true) await storeStandInRenditions(t, id, uploadId);
  return id;
}

/**
 * Stand-in renditions of an upload, stored and recorded as the renditions job would: master playlist, one segment,
 * a poster.
 */
export async function storeStandInRenditions(t: TestApp, entryId: number, uploadId: string): Promise<void> {
  const { contest_id } = await t.deps.db
    .selectFrom('entries')
    .select('contest_id')
    .where('id', '=', entryId)
    .executeTakeFirstOrThrow();
  const prefix = `contests/${contest_id}/entries/${entryId}/renditions/${uploadId}/`;
  const put = (key: string, body: Buffer | string) =>
    t.deps.storage.putStream(`${prefix}${key}`, Readable.from([Buffer.from(body)]), {
      contentType: 'application/octet-stream',
    });
  await put('master.m3u8', '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\n360p/index.m3u8\n');
  await put('360p/index.m3u8', '#EXTM3U\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:6.0,\nseg_00000.ts\n#EXT-X-ENDLIST\n');
  await put('360p/seg_00000.ts', Buffer.alloc(188 * 4, 0x47));
  await put('poster.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
  const at = new Date().toISOString();
  await t.deps.db
    .insertInto('renditions')
    .values({
      upload_id: uploadId,
      status: 'done',
      percent: 100,
      error: null,
      variants_json: '[]',
      storage_prefix: prefix,
      created_at: at,
      updated_at: at,
    })
    .execute();
}
