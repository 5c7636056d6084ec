/**
 * Seeds a contest with published entries straight into the database (benchmarks only): each entry submitted,
 * approved, with an accepted upload, finished renditions (a small poster on disk) and a publication row.
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { hashtagOf, publicCaption, publicCredits } from '@core/caption.ts';
import { ENTRY_FORMS } from '@core/contest.ts';
import type { EntryDraft } from '@core/entry.ts';
import { foldVietnamese } from '@core/normalize.ts';
import type { Deps } from '../server/context.ts';

const WORDS = [
  'Cải cách',
  'hành chính',
  'Vĩnh Linh',
  'một cửa',
  'dịch vụ công',
  'trực tuyến',
  'người dân',
  'chuyển đổi số',
  'xã',
  'thị trấn',
  'Cửa Tùng',
  'Bến Hải',
];
const NAMES = ['Nguyễn Văn An', 'Lê Thị Mai', 'Trần Quốc Bảo', 'Hồ Thị Lan', 'Phan Văn Hùng', 'Đặng Thu Hà'];

export async function seedPublished(
  deps: Deps,
  contestId: number,
  slug: string,
  contestName: string,
  count: number,
): Promise<number[]> {
  const units = await deps.db.selectFrom('units').select(['id', 'name']).where('contest_id', '=', contestId).execute();
  const poster = Buffer.alloc(6000, 0x11);
  poster.set([0xff, 0xd8, 0xff, 0xe0], 0);
  const ids: number[] = [];
  const at = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    const unit = i % 3 === 0 ? null : units[i % units.length]!;
    const title = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7 + 3) % WORDS.length]} — số ${i + 1}`;
    const draft: EntryDraft = {
      title,
      form: ENTRY_FORMS[i % ENTRY_FORMS.length]!,
      synopsis: `Tác phẩm số ${i + 1} về ${WORDS[(i * 5) % WORDS.length]}.`,
      topicIndex: i % 5,
      party: unit ? { kind: 'unit', unitId: Number(unit.id) } : { kind: 'person' },
      isGroup: false,
      groupName: '',
      authors: [
        {
          fullName: NAMES[i % NAMES.length]!,
          position: '',
          unitName: '',
          address: 'Thôn 1',
          phone: `09${String(10_000_000 + i)}`,
          email: '',
        },
      ],
      originalityDeclared: true,
      thirdPartyMaterial: '',
      consentGiven: true,
    };
    const uploadId = crypto.randomBytes(24).toString('base64url');
    const entry = await deps.db
      .insertInto('entries')
      .values({
        contest_id: contestId,
        code: `BENCH-${String(i + 1).padStart(4, '0')}`,
        owner_user_id: null,
        party_kind: unit ? 'unit' : 'person',
        unit_id: unit ? Number(unit.id) : null,
        quota_key: `bench:${i}`,
        status: 'submitted',
        draft_json: JSON.stringify(draft),
        title_folded: foldVietnamese(title),
        submitted_at: at,
        created_at: at,
        updated_at: at,
        review_status: 'approved',
        review_round: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const entryId = Number(entry.id);
    await deps.db
      .insertInto('uploads')
      .values({
        id: uploadId,
        entry_id: entryId,
        user_id: null,
        size_bytes: 1000,
        filename: 'v.mp4',
        status: 'accepted',
        sha256: 'a'.repeat(64),
        verdict_json: JSON.stringify({ ok: true, probe: { durationSec: 300 + i } }),
        created_at: at,
        completed_at: at,
        checked_at: at,
      })
      .execute();
    await deps.db
      .updateTable('entries')
      .set({ accepted_upload_id: uploadId, active_upload_id: uploadId })
      .where('id', '=', entryId)
      .execute();
    const prefix = `contests/${contestId}/entries/${entryId}/renditions/${uploadId}/`;
    await deps.storage.putStream(`${prefix}poster.jpg`, Readable.from([poster]), { contentType: 'image/jpeg' });
    await deps.db
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
    const caption = publicCaption({
      title,
      form: draft.form,
      credits: publicCredits(draft, unit?.name ?? null),
      hashtag: hashtagOf(slug),
      contestName,
    });
    await deps.db
      .insertInto('publications')
      .values({ entry_id: entryId, contest_id: contestId, caption, published_at: at, published_by: null })
      .execute();
    ids.push(entryId);
  }
  return ids;
}
