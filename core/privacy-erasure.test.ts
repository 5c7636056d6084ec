import { describe, expect, it } from 'vitest';
import type { EntryDraft } from './entry.ts';
import {
  ERASED_NAME,
  entrantDataDueAt,
  eraseDraft,
  erasureDueAt,
  hoursLeft,
  voterHashesDueAt,
} from './privacy-erasure.ts';

const draft: EntryDraft = {
  title: 'Sông quê',
  form: 'report',
  synopsis: '',
  topicIndex: null,
  party: { kind: 'person' },
  isGroup: true,
  groupName: 'Nhóm A',
  authors: [
    {
      fullName: 'Nguyễn Thị Ánh',
      position: 'Chuyên viên',
      unitName: 'Xã A',
      address: 'Thôn 1',
      phone: '0912345678',
      email: 'a@x.vn',
    },
    { fullName: 'Lê Văn Bình', position: '', unitName: '', address: '', phone: '0987654321', email: '' },
  ],
  originalityDeclared: true,
  thirdPartyMaterial: '',
  consentGiven: true,
};

describe('erasing an entry', () => {
  it("keeps a winner's names and units and clears every contact detail", () => {
    const r = eraseDraft(draft, 'keepNames');
    expect(r.draft.authors.map((a) => [a.fullName, a.unitName, a.position])).toEqual([
      ['Nguyễn Thị Ánh', 'Xã A', 'Chuyên viên'],
      ['Lê Văn Bình', '', ''],
    ]);
    expect(r.draft.authors.every((a) => a.phone === '' && a.address === '' && a.email === '')).toBe(true);
    expect(r.cleared).toBe(4);
    expect(r.draft.title).toBe('Sông quê');
  });

  it("clears a non-winner's names and positions too, but not the unit (a public body)", () => {
    const r = eraseDraft(draft, 'all');
    expect(r.draft.authors.map((a) => a.fullName)).toEqual([ERASED_NAME, ERASED_NAME]);
    expect(r.draft.authors[0]!.position).toBe('');
    expect(r.draft.authors[0]!.unitName).toBe('Xã A');
    expect(r.cleared).toBe(7);
  });

  it('changes nothing more the second time', () => {
    expect(eraseDraft(eraseDraft(draft, 'all').draft, 'all').cleared).toBe(0);
    expect(eraseDraft(eraseDraft(draft, 'keepNames').draft, 'keepNames').cleared).toBe(0);
  });
});

describe('deadlines', () => {
  it('makes a request due after the deadline and counts the hours left, negative once overdue', () => {
    const at = new Date('2026-12-01T03:00:00Z');
    const due = erasureDueAt(at, 72);
    expect(due.toISOString()).toBe('2026-12-04T03:00:00.000Z');
    expect(hoursLeft(due, new Date('2026-12-03T03:30:00Z'))).toBe(23);
    expect(hoursLeft(due, new Date('2026-12-04T05:00:00Z'))).toBe(-2);
  });

  it("removes entrants' contact details months after the results, clamping to a short month's end", () => {
    expect(entrantDataDueAt(null, 12)).toBeNull();
    expect(entrantDataDueAt(new Date('2026-10-15T02:00:00Z'), 12)!.toISOString()).toBe('2027-10-15T02:00:00.000Z');
    expect(entrantDataDueAt(new Date('2026-08-31T02:00:00Z'), 6)!.toISOString()).toBe('2027-02-28T02:00:00.000Z');
    expect(entrantDataDueAt(new Date('2026-10-15T02:00:00Z'), 0)!.toISOString()).toBe('2026-10-15T02:00:00.000Z');
  });

  it("removes voters' hashes days after the later of the close and the results", () => {
    const closed = new Date('2026-09-30T17:00:00Z');
    const results = new Date('2026-10-10T03:00:00Z');
    expect(voterHashesDueAt(closed, null, 90)).toBeNull();
    expect(voterHashesDueAt(null, results, 90)).toBeNull();
    expect(voterHashesDueAt(closed, results, 30)!.toISOString()).toBe('2026-11-09T03:00:00.000Z');
    expect(voterHashesDueAt(results, closed, 0)!.toISOString()).toBe('2026-10-10T03:00:00.000Z');
  });
});
