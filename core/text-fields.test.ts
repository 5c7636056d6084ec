import { describe, expect, it } from 'vitest';
import { registerSchema } from './account.ts';
import { contestSettingsSchema } from './contest.ts';
import { entryDraftSchema } from './entry.ts';
import { cleanText, isInvisibleText } from './normalize.ts';
import { rosterMemberInputSchema } from './roster.ts';
import { titleText } from './text-fields.ts';
import { parseUnitRows, unitInputSchema } from './units.ts';
import { localizeIssue } from './validation-messages.ts';

const RLO = '\u202e';
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];

describe('cleanText', () => {
  it('removes every bidirectional embedding, override and isolate, and trims', () => {
    for (const c of BIDI) expect(cleanText(` Cầu${c} Hiền Lương${c} `)).toBe('Cầu Hiền Lương');
    expect(cleanText(`Phóng sự ${RLO}4pm.exe`)).toBe('Phóng sự 4pm.exe');
  });

  it('gives NFC and keeps ordinary marks, including right-to-left and left-to-right marks', () => {
    expect(cleanText('Vĩnh Thái'.normalize('NFD'))).toBe('Vĩnh Thái'.normalize('NFC'));
    expect(cleanText('a\u200fb')).toBe('a\u200fb');
  });
});

describe('isInvisibleText', () => {
  it('is true for spaces and zero-width characters only', () => {
    expect(isInvisibleText('')).toBe(true);
    expect(isInvisibleText(ZERO_WIDTH.join(' \u00a0\t'))).toBe(true);
    expect(isInvisibleText(`\u200b${RLO}\u2066`)).toBe(true);
  });

  it('is false once one visible character is there', () => {
    expect(isInvisibleText('\u200ba\u200b')).toBe(false);
    expect(isInvisibleText('.')).toBe(false);
  });
});

describe('titleText', () => {
  const schema = titleText(2, 20);

  it('stores the cleaned value', () => {
    expect(schema.parse(`  An${RLO} Bình `)).toBe('An Bình');
  });

  it('refuses a value that is only zero-width characters and spaces, with a message in both languages', () => {
    const r = schema.safeParse('\u200b \u200c\u200d\ufeff');
    expect(r.success).toBe(false);
    const issue = { ...r.error!.issues.find((i) => i.message === 'text.invisible')! };
    expect(issue).toBeDefined();
    expect(localizeIssue(issue, 'vi')).toMatch(/không nhìn thấy/);
    expect(localizeIssue(issue, 'en')).toMatch(/zero-width/);
  });

  it('lets a draft field stay empty when its minimum is 0', () => {
    expect(titleText(0, 10).parse('   ')).toBe('');
    expect(titleText(0, 10).safeParse('\u200b').success).toBe(false);
  });

  it('counts the length after cleaning', () => {
    expect(titleText(1, 3).parse(`${RLO}abc${RLO}`)).toBe('abc');
    expect(titleText(1, 3).safeParse('abcd').success).toBe(false);
  });
});

describe('titles and names across the schemas', () => {
  const invisible = '\u200b\u200b\u200b';

  it('entry title, group name and author names', () => {
    const base = { party: { kind: 'person' } };
    expect(entryDraftSchema.parse({ ...base, title: `Đêm ${RLO}hội` }).title).toBe('Đêm hội');
    for (const bad of [
      { title: invisible },
      { groupName: invisible },
      { authors: [{ fullName: invisible }] },
      { authors: [{ fullName: `${RLO}\u2066 \u200b` }] },
    ])
      expect(entryDraftSchema.safeParse({ ...base, ...bad }).success).toBe(false);
    expect(entryDraftSchema.parse({ ...base, synopsis: `x${RLO}y` }).synopsis).toBe('xy');
  });

  it('account, roster, unit and contest names', () => {
    expect(registerSchema.safeParse({ fullName: invisible, password: 'x' }).success).toBe(false);
    expect(registerSchema.parse({ fullName: `Lê ${RLO}Văn`, password: 'x' }).fullName).toBe('Lê Văn');
    expect(rosterMemberInputSchema.safeParse({ body: 'jury', fullName: invisible }).success).toBe(false);
    expect(rosterMemberInputSchema.parse({ body: 'jury', fullName: `Hồ ${RLO}Thị` }).fullName).toBe('Hồ Thị');
    expect(unitInputSchema.safeParse({ name: '\u200b', categoryCode: 'commune' }).success).toBe(false);
    expect(contestSettingsSchema.shape.name.safeParse(`\u200b\u200b\u200b\u200b`).success).toBe(false);
  });

  it('the units import refuses an invisible name and cleans a visible one', () => {
    const cats = [{ code: 'commune', name: 'Xã', minEntries: 0, maxEntries: 2 }];
    const r = parseUnitRows(
      [
        ['Tên', 'Loại'],
        ['\u200b\u200b', 'commune'],
        [`Xã ${RLO}Vĩnh Thái`, 'commune'],
      ],
      cats,
    );
    expect(r.errors.map((e) => e.row)).toEqual([2]);
    expect(r.units).toEqual([{ name: 'Xã Vĩnh Thái', categoryCode: 'commune' }]);
  });
});
