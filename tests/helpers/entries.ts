import crypto from 'node:crypto';
import type { EntryDraft } from '../../core/entry.ts';
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
    authors: [{ fullName: 'Nguyễn Văn An', position: 'Công chức Văn phòng - Thống kê', unitName: 'UBND xã Vĩnh Thái', address: 'Thôn Tân Mỹ, xã Vĩnh Thái', phone: '0912 345 678', email: '' }],
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
export async function attachAcceptedFile(t: TestApp, entryId: number, opts: { createdAt?: string } = {}): Promise<string> {
  const id = crypto.randomBytes(24).toString('base64url');
  const at = opts.createdAt ?? new Date().toISOString();
  await t.deps.db
    .insertInto('uploads')
    .values({
      id, entry_id: entryId, user_id: null, size_bytes: 123_456_789, filename: 'phong-su.mp4', status: 'accepted', sha256: 'a'.repeat(64),
      verdict_json: JSON.stringify({ ok: true, failures: [], passed: ['container', 'video_track', 'duration', 'resolution', 'aspect_ratio', 'size', 'integrity', 'decode'], probe: {} }),
      created_at: at, completed_at: at, checked_at: at,
    })
    .execute();
  await t.deps.db.updateTable('entries').set({ active_upload_id: id, accepted_upload_id: id }).where('id', '=', entryId).execute();
  return id;
}

export async function unitId(t: TestApp, name: string): Promise<number> {
  const row = await t.deps.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return Number(row.id);
}
