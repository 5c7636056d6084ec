import { describe, expect, it } from 'vitest';
import { entryDraftSchema } from '../entry.ts';
import { BLIND_CODE_PREFIX, drawBlindCodes, jurorEntryView, type EntryForJury } from './blind.ts';
import { seededRandom } from './seeded-random.ts';

const PERSONAL = [
  'Nguyễn Văn Bình',
  'Trần Thị Hoa',
  '0912345678',
  'Thôn 3, xã Vĩnh Hà',
  'binh@vinhha.gov.vn',
  'UBND xã Vĩnh Hà',
  'Nhóm Phóng viên trẻ',
  'binh_0912345678_final.mp4',
  'VL2024-007',
];

const entry: EntryForJury = {
  id: 7,
  code: 'VL2024-007',
  draft: entryDraftSchema.parse({
    title: 'Một cửa điện tử',
    form: 'report',
    synopsis: 'Phóng sự về bộ phận một cửa.',
    topicIndex: 2,
    party: { kind: 'unit', unitId: 4 },
    isGroup: true,
    groupName: 'Nhóm Phóng viên trẻ',
    authors: [
      {
        fullName: 'Nguyễn Văn Bình',
        position: 'Công chức',
        unitName: 'UBND xã Vĩnh Hà',
        address: 'Thôn 3, xã Vĩnh Hà',
        phone: '0912345678',
        email: 'binh@vinhha.gov.vn',
      },
      {
        fullName: 'Trần Thị Hoa',
        position: 'Viên chức',
        unitName: 'UBND xã Vĩnh Hà',
        address: 'Thôn 3, xã Vĩnh Hà',
        phone: '0912345678',
      },
    ],
    thirdPartyMaterial: 'Nhạc nền của Nguyễn Văn Bình',
    originalityDeclared: true,
    consentGiven: true,
  }),
  unitName: 'UBND xã Vĩnh Hà',
  ownerUserId: 31,
  originalFileName: 'binh_0912345678_final.mp4',
  durationSec: 420,
  submittedAt: '2024-06-21T02:00:00Z',
};

describe('jurorEntryView', () => {
  it('in blind mode hides author, group, unit, phone, address, account, file name, entry code and id', () => {
    const view = jurorEntryView(entry, { blind: true, blindCode: 'P-417' });
    expect(view).toEqual({
      ref: 'P-417',
      title: 'Một cửa điện tử',
      form: 'report',
      topicIndex: 2,
      synopsis: 'Phóng sự về bộ phận một cửa.',
      durationSec: 420,
      credit: null,
      downloadName: 'P-417.mp4',
    });
    const text = JSON.stringify(view);
    for (const p of PERSONAL) expect(text, p).not.toContain(p);
    expect(text).not.toContain('2024-06-21');
    expect(Object.values(view)).not.toContain(7); // the id: the gallery's address of the entry is /c/…/e/7
    expect(text).not.toContain('31'); // the owner's account
  });

  it('outside blind mode credits the authors, group and unit, but never shows phones, addresses or e-mails', () => {
    const view = jurorEntryView(entry, { blind: false });
    expect(view.ref).toBe('VL2024-007');
    expect(view.credit).toEqual({
      authors: ['Nguyễn Văn Bình', 'Trần Thị Hoa'],
      groupName: 'Nhóm Phóng viên trẻ',
      unitName: 'UBND xã Vĩnh Hà',
    });
    expect(view.downloadName).toBe('VL2024-007.mp4');
    const text = JSON.stringify(view);
    for (const p of ['0912345678', 'Thôn 3', 'binh@vinhha.gov.vn', 'binh_0912345678_final.mp4'])
      expect(text).not.toContain(p);
  });
});

describe('drawBlindCodes', () => {
  it('draws distinct codes of at least three digits, unrelated to the order of the entries', () => {
    const ids = Array.from({ length: 18 }, (_, i) => i + 1);
    const codes = drawBlindCodes(ids, new Map(), seededRandom(5));
    const values = ids.map((id) => codes.get(id)!);
    expect(new Set(values).size).toBe(18);
    for (const c of values) expect(c).toMatch(new RegExp(`^${BLIND_CODE_PREFIX}[1-9]\\d{2}$`));
    const numbers = values.map((c) => Number(c.slice(BLIND_CODE_PREFIX.length)));
    expect(numbers).not.toEqual([...numbers].sort((a, b) => a - b));
  });

  it('keeps the codes already drawn and draws only for new entries', () => {
    const first = drawBlindCodes([1, 2, 3], new Map(), seededRandom(1));
    const again = drawBlindCodes([1, 2, 3, 4], first, seededRandom(999));
    expect([1, 2, 3].map((id) => again.get(id))).toEqual([1, 2, 3].map((id) => first.get(id)));
    expect(new Set(again.values()).size).toBe(4);
  });

  it('widens the codes so that most numbers stay unused', () => {
    const ids = Array.from({ length: 100 }, (_, i) => i + 1);
    const codes = drawBlindCodes(ids, new Map(), seededRandom(3));
    // 3 digits give 900 numbers, fewer than 10 × 100: four digits (9,000 numbers).
    for (const c of codes.values()) expect(c).toMatch(/^P-[1-9]\d{3}$/);
  });

  it('depends only on the draw, not on the entries: another source gives other codes', () => {
    const a = drawBlindCodes([1, 2, 3], new Map(), seededRandom(1));
    const b = drawBlindCodes([1, 2, 3], new Map(), seededRandom(2));
    expect([...a.values()]).not.toEqual([...b.values()]);
  });
});
