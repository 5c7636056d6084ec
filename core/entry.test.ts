import { describe, expect, it } from 'vitest';
import { ENTRY_FORMS } from './contest.ts';
import { type Author, entryCode, type EntryDraft, entryDraftSchema, missingForSubmission } from './entry.ts';

const ALL_FORMS: readonly string[] = [...ENTRY_FORMS];

/** NFD spelling of "Vĩnh Thái": letters followed by combining marks. */
const NFD_NAME = 'Vĩnh Thái'.normalize('NFD');
const NFC_NAME = 'Vĩnh Thái'.normalize('NFC');

const AUTHOR: Author = {
  fullName: 'Nguyễn Văn An',
  position: 'Phóng viên',
  unitName: 'Đài Phát thanh - Truyền hình Vĩnh Long',
  address: '1 Đường 3/2, Phường 1, Vĩnh Long',
  phone: '0912345678',
  email: 'an@example.vn',
};

function complete(overrides: Partial<EntryDraft> = {}): EntryDraft {
  return entryDraftSchema.parse({
    title: 'Vĩnh Long vươn mình',
    form: 'video_clip',
    synopsis: 'Một ngày của người thợ gốm.',
    topicIndex: 0,
    party: { kind: 'person' },
    isGroup: false,
    groupName: '',
    authors: [AUTHOR],
    originalityDeclared: true,
    thirdPartyMaterial: '',
    consentGiven: true,
    ...overrides,
  });
}

const fields = (d: EntryDraft, forms: readonly string[] = ALL_FORMS) =>
  missingForSubmission(d, forms).map((m) => m.field);

describe('entryDraftSchema', () => {
  it('fills every default from just the party', () => {
    expect(entryDraftSchema.parse({ party: { kind: 'person' } })).toEqual({
      title: '',
      form: null,
      synopsis: '',
      topicIndex: null,
      party: { kind: 'person' },
      isGroup: false,
      groupName: '',
      authors: [],
      originalityDeclared: false,
      thirdPartyMaterial: '',
      consentGiven: false,
    });
  });

  it('requires a party, and a unit party needs a positive unit id', () => {
    expect(entryDraftSchema.safeParse({}).success).toBe(false);
    expect(entryDraftSchema.safeParse({ party: { kind: 'unit' } }).success).toBe(false);
    expect(entryDraftSchema.safeParse({ party: { kind: 'unit', unitId: 0 } }).success).toBe(false);
    expect(entryDraftSchema.parse({ party: { kind: 'unit', unitId: 3 } }).party).toEqual({ kind: 'unit', unitId: 3 });
  });

  it('fills an author’s defaults from the full name', () => {
    const d = entryDraftSchema.parse({ party: { kind: 'person' }, authors: [{ fullName: 'Trần Thị Bình' }] });
    expect(d.authors).toEqual([
      { fullName: 'Trần Thị Bình', position: '', unitName: '', address: '', phone: '', email: '' },
    ]);
  });

  it('requires an author’s full name of at least two characters after trimming', () => {
    expect(entryDraftSchema.safeParse({ party: { kind: 'person' }, authors: [{}] }).success).toBe(false);
    expect(entryDraftSchema.safeParse({ party: { kind: 'person' }, authors: [{ fullName: '  A  ' }] }).success).toBe(
      false,
    );
    expect(entryDraftSchema.safeParse({ party: { kind: 'person' }, authors: [{ fullName: 'An' }] }).success).toBe(true);
  });

  it('rejects a form outside the list', () => {
    expect(entryDraftSchema.safeParse({ party: { kind: 'person' }, form: 'podcast' }).success).toBe(false);
    expect(entryDraftSchema.parse({ party: { kind: 'person' }, form: 'animation' }).form).toBe('animation');
  });

  it('normalizes the entry’s text to NFC and trims it', () => {
    expect(NFD_NAME).not.toBe(NFC_NAME);
    const d = entryDraftSchema.parse({
      party: { kind: 'person' },
      title: `  ${NFD_NAME}  `,
      synopsis: `${NFD_NAME}\n`,
      groupName: ` ${NFD_NAME}`,
      thirdPartyMaterial: NFD_NAME,
    });
    expect(d.title).toBe(NFC_NAME);
    expect(d.synopsis).toBe(NFC_NAME);
    expect(d.groupName).toBe(NFC_NAME);
    expect(d.thirdPartyMaterial).toBe(NFC_NAME);
  });

  it('normalizes each author’s name, position, unit and address to NFC', () => {
    const d = entryDraftSchema.parse({
      party: { kind: 'person' },
      authors: [{ fullName: ` ${NFD_NAME} `, position: NFD_NAME, unitName: NFD_NAME, address: NFD_NAME }],
    });
    const [a] = d.authors;
    expect(a).toMatchObject({ fullName: NFC_NAME, position: NFC_NAME, unitName: NFC_NAME, address: NFC_NAME });
  });

  it('treats a whitespace-only title as empty', () => {
    expect(entryDraftSchema.parse({ party: { kind: 'person' }, title: '   ' }).title).toBe('');
  });

  it('limits lengths', () => {
    expect(entryDraftSchema.safeParse({ party: { kind: 'person' }, title: 'x'.repeat(300) }).success).toBe(true);
    expect(entryDraftSchema.safeParse({ party: { kind: 'person' }, title: 'x'.repeat(301) }).success).toBe(false);
    expect(
      entryDraftSchema.safeParse({ party: { kind: 'person' }, authors: Array.from({ length: 31 }, () => AUTHOR) })
        .success,
    ).toBe(false);
  });
});

describe('missingForSubmission', () => {
  it('finds nothing missing in a complete draft', () => {
    expect(missingForSubmission(complete(), ALL_FORMS)).toEqual([]);
  });

  it('finds nothing missing in a complete group draft with several authors', () => {
    const d = complete({
      isGroup: true,
      groupName: 'Nhóm Sông Cổ Chiên',
      authors: [AUTHOR, { ...AUTHOR, fullName: 'Lê Thị Cúc', phone: '+84 987 654 321' }],
    });
    expect(missingForSubmission(d, ALL_FORMS)).toEqual([]);
  });

  it('lists everything an empty draft lacks, in order', () => {
    expect(fields(entryDraftSchema.parse({ party: { kind: 'person' } }))).toEqual([
      'title',
      'form',
      'synopsis',
      'authors',
      'originalityDeclared',
      'consentGiven',
    ]);
  });

  it('lists each missing item by itself', () => {
    expect(fields(complete({ title: '' }))).toEqual(['title']);
    expect(fields(complete({ form: null }))).toEqual(['form']);
    expect(fields(complete({ synopsis: '' }))).toEqual(['synopsis']);
    expect(fields(complete({ authors: [] }))).toEqual(['authors']);
    expect(fields(complete({ originalityDeclared: false }))).toEqual(['originalityDeclared']);
    expect(fields(complete({ consentGiven: false }))).toEqual(['consentGiven']);
  });

  it('reports a form the rules do not allow, with its own message', () => {
    const notAllowed = missingForSubmission(complete({ form: 'animation' }), ['video_clip', 'report']);
    const none = missingForSubmission(complete({ form: null }), ['video_clip', 'report']);
    expect(notAllowed.map((m) => m.field)).toEqual(['form']);
    expect(none.map((m) => m.field)).toEqual(['form']);
    expect(notAllowed[0]!.message).not.toEqual(none[0]!.message);
    expect(notAllowed[0]!.message.en).toMatch(/not allow/i);
    expect(fields(complete({ form: 'report' }), ['video_clip', 'report'])).toEqual([]);
  });

  it('needs a group name only for a group', () => {
    expect(fields(complete({ isGroup: true, groupName: '' }))).toEqual(['groupName']);
    expect(fields(complete({ isGroup: false, groupName: '' }))).toEqual([]);
  });

  it('needs each author’s position, unit, address and phone (R8)', () => {
    const bare = { ...AUTHOR, position: '', unitName: '', address: '', phone: '' };
    expect(fields(complete({ authors: [bare] }))).toEqual([
      'authors.0.position',
      'authors.0.unitName',
      'authors.0.address',
      'authors.0.phone',
    ]);
  });

  it('names the author by index in the field and by number in the message', () => {
    const d = complete({ authors: [AUTHOR, { ...AUTHOR, unitName: '' }, { ...AUTHOR, address: '' }] });
    const missing = missingForSubmission(d, ALL_FORMS);
    expect(missing.map((m) => m.field)).toEqual(['authors.1.unitName', 'authors.2.address']);
    expect(missing[0]!.message.vi).toContain('Tác giả 2');
    expect(missing[0]!.message.en).toContain('Author 2');
    expect(missing[1]!.message.vi).toContain('Tác giả 3');
    expect(missing[1]!.message.en).toContain('Author 3');
  });

  it('does not require an author’s e-mail', () => {
    expect(fields(complete({ authors: [{ ...AUTHOR, email: '' }] }))).toEqual([]);
  });

  it('reports an author e-mail that is not one plain address, so it cannot dodge the roster check', () => {
    for (const email of ['juror@x.vn (công việc)', 'khong-phai-email', 'a@b']) {
      const missing = missingForSubmission(complete({ authors: [{ ...AUTHOR, email }] }), ALL_FORMS);
      expect(
        missing.map((m) => m.field),
        email,
      ).toEqual(['authors.0.email']);
      expect(missing[0]!.message.vi).toContain('không hợp lệ');
    }
    expect(fields(complete({ authors: [{ ...AUTHOR, email: 'tac.gia@example.vn' }] }))).toEqual([]);
  });

  it('accepts any Vietnamese phone spelling that normalizes', () => {
    for (const phone of [
      '0912345678',
      '+84 912 345 678',
      '84912345678',
      '0912.345.678',
      '(091) 234-5678',
      '0233 3863 123',
      '+84 233 3863 123',
    ]) {
      expect(fields(complete({ authors: [{ ...AUTHOR, phone }] })), phone).toEqual([]);
    }
  });

  it('reports an author’s phone that is not a Vietnamese number', () => {
    for (const phone of [
      '12345',
      '091234567',
      '09123456789',
      '+1 202 555 0100',
      'không có',
      '0912abc678',
      '0905777888 (Zalo)',
      '0105777888',
    ]) {
      const missing = missingForSubmission(complete({ authors: [AUTHOR, { ...AUTHOR, phone }] }), ALL_FORMS);
      expect(
        missing.map((m) => m.field),
        phone,
      ).toEqual(['authors.1.phone']);
      expect(missing[0]!.message.vi, phone).toContain('Tác giả 2');
      expect(missing[0]!.message.en, phone).toContain('Author 2');
    }
  });

  it('tells an invalid phone apart from a missing one', () => {
    const [absent] = missingForSubmission(complete({ authors: [{ ...AUTHOR, phone: '' }] }), ALL_FORMS);
    const [invalid] = missingForSubmission(complete({ authors: [{ ...AUTHOR, phone: '12345' }] }), ALL_FORMS);
    expect(absent!.field).toBe('authors.0.phone');
    expect(invalid!.field).toBe('authors.0.phone');
    expect(invalid!.message.vi).not.toBe(absent!.message.vi);
    expect(invalid!.message.en).not.toBe(absent!.message.en);
    expect(absent!.message.en).toMatch(/missing/i);
    expect(absent!.message.vi).toMatch(/thiếu/i);
    expect(invalid!.message.en).not.toMatch(/missing/i);
    expect(invalid!.message.vi).not.toMatch(/thiếu/i);
  });

  it('gives every item a Vietnamese and an English message', () => {
    const everything = entryDraftSchema.parse({
      party: { kind: 'person' },
      isGroup: true,
      authors: [{ fullName: 'Nguyễn Văn An' }, { fullName: 'Lê Thị Cúc', phone: '12345' }],
    });
    const missing = missingForSubmission(everything, ALL_FORMS);
    expect(missing.map((m) => m.field)).toEqual([
      'title',
      'form',
      'synopsis',
      'groupName',
      'authors.0.position',
      'authors.0.unitName',
      'authors.0.address',
      'authors.0.phone',
      'authors.1.position',
      'authors.1.unitName',
      'authors.1.address',
      'authors.1.phone',
      'originalityDeclared',
      'consentGiven',
    ]);
    for (const m of missing) {
      expect(m.message.vi.trim(), m.field).not.toBe('');
      expect(m.message.en.trim(), m.field).not.toBe('');
      expect(m.message.vi, m.field).not.toBe(m.message.en);
    }
    // Messages are distinct, so an entrant can tell the items apart.
    expect(new Set(missing.map((m) => m.message.en)).size).toBe(missing.length);
    expect(new Set(missing.map((m) => m.message.vi)).size).toBe(missing.length);
  });

  it('does not change the draft', () => {
    const d = complete({ title: '', authors: [{ ...AUTHOR, phone: '' }] });
    const before = structuredClone(d);
    missingForSubmission(d, ALL_FORMS);
    expect(d).toEqual(before);
  });
});

describe('entryCode', () => {
  it('zero-pads the number to three digits', () => {
    expect(entryCode('VL24', 7)).toBe('VL24-007');
    expect(entryCode('VL24', 1)).toBe('VL24-001');
    expect(entryCode('VL24', 42)).toBe('VL24-042');
    expect(entryCode('VL24', 999)).toBe('VL24-999');
  });

  it('does not truncate larger numbers', () => {
    expect(entryCode('VL24', 1000)).toBe('VL24-1000');
    expect(entryCode('VL2024', 12345)).toBe('VL2024-12345');
  });

  it('keeps the prefix as given', () => {
    expect(entryCode('VL2024', 7)).toBe('VL2024-007');
    expect(entryCode('X', 0)).toBe('X-000');
  });
});
