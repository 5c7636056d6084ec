import { describe, expect, it } from 'vitest';
import { certificatesToIssue, type WinnerForCertificate } from './certificate-issue.ts';

const entry = (entryId: number, unit: string | null, author = 'Nguyễn Thị Ỷ') => ({
  entryId,
  code: `VL-${entryId}`,
  title: `Tác phẩm ${entryId}`,
  unit: unit ? { id: entryId, name: unit } : null,
  isGroup: false,
  groupName: '',
  authors: [{ fullName: author, unitName: 'Xã Vĩnh Thái' }],
});
const w = (prizeIndex: number, place: number, e: ReturnType<typeof entry>): WinnerForCertificate => ({
  prizeIndex,
  place,
  prize: { name: `Giải ${prizeIndex}` },
  entry: e,
});

describe('certificates to issue', () => {
  const winners = [
    w(2, 1, entry(9, null)),
    w(0, 0, entry(7, 'UBND xã Vĩnh Thái')),
    w(2, 0, entry(8, 'UBND xã Vĩnh Thái')),
  ];

  it('numbers one per prize won in the structure’s order, a unit that won twice twice', () => {
    const out = certificatesToIssue(winners, [], [], 'BTC');
    expect(out.map((c) => [c.number, c.recipient.name])).toEqual([
      ['01/GCN-BTC', 'UBND xã Vĩnh Thái'],
      ['02/GCN-BTC', 'UBND xã Vĩnh Thái'],
      ['03/GCN-BTC', 'Nguyễn Thị Ỷ'],
    ]);
  });

  it('makes only the missing ones when issued again, numbered after the year’s last', () => {
    const issued = [{ prizeIndex: 0, place: 0, entryId: 7, status: 'valid' as const }];
    const out = certificatesToIssue(winners, issued, [1, 2, 5], 'BTC');
    expect(out.map((c) => c.number)).toEqual(['06/GCN-BTC', '07/GCN-BTC']);
  });

  it('does not issue again a place whose certificate was revoked (that is a reissue)', () => {
    const issued = winners.map((x) => ({
      prizeIndex: x.prizeIndex,
      place: x.place,
      entryId: x.entry.entryId,
      status: 'revoked' as const,
    }));
    expect(certificatesToIssue(winners, issued, [1, 2, 3], 'BTC')).toEqual([]);
  });

  it('gives a new certificate when the place went to another entry by an amendment', () => {
    const issued = [{ prizeIndex: 0, place: 0, entryId: 99, status: 'revoked' as const }];
    expect(certificatesToIssue([winners[1]!], issued, [1], 'BTC').map((c) => c.number)).toEqual(['02/GCN-BTC']);
  });
});
