import { describe, expect, it } from 'vitest';
import { votingMessage } from './messages.ts';
import { freeSlot, ruleProblem, slotOfKey, voteKeys } from './vote-key.ts';

const VN = 'Asia/Ho_Chi_Minh';
const at = (iso: string) => new Date(iso);
const END = '2024-07-10T17:00:00.000Z';

describe('voteKeys', () => {
  it('one vote a day: the key is the Vietnamese day, whatever the entry', () => {
    const rule = { kind: 'per_person_per_day' } as const;
    const a = voteKeys(rule, { entryId: 1, at: at('2024-07-01T16:59:59Z'), timeZone: VN });
    const b = voteKeys(rule, { entryId: 2, at: at('2024-07-01T01:00:00Z'), timeZone: VN });
    const c = voteKeys(rule, { entryId: 1, at: at('2024-07-01T17:00:00Z'), timeZone: VN });
    expect(a).toEqual({ ruleKey: 'any@2024-07-01', entryKey: null });
    expect(b.ruleKey).toBe(a.ruleKey);
    expect(c.ruleKey).toBe('any@2024-07-02');
  });

  it('one vote a day per entry: the key names the entry and the day', () => {
    const rule = { kind: 'per_entry_per_day' } as const;
    expect(voteKeys(rule, { entryId: 7, at: at('2024-07-01T05:00:00Z'), timeZone: VN })).toEqual({
      ruleKey: 'entry:7@2024-07-01',
      entryKey: null,
    });
    expect(voteKeys(rule, { entryId: 8, at: at('2024-07-01T05:00:00Z'), timeZone: VN }).ruleKey).toBe(
      'entry:8@2024-07-01',
    );
  });

  it('a fixed total: a slot key for the count and an entry key so that each vote goes elsewhere', () => {
    const rule = { kind: 'total', votes: 3 } as const;
    expect(voteKeys(rule, { entryId: 7, at: at('2024-07-01T05:00:00Z'), timeZone: VN, slot: 2 })).toEqual({
      ruleKey: 'slot:2@all',
      entryKey: 'entry:7@all',
    });
  });

  it('refuses a slot outside 1…total', () => {
    const rule = { kind: 'total', votes: 3 } as const;
    const c = { entryId: 7, at: at('2024-07-01T05:00:00Z'), timeZone: VN };
    expect(() => voteKeys(rule, c)).toThrow(RangeError);
    expect(() => voteKeys(rule, { ...c, slot: 0 })).toThrow(RangeError);
    expect(() => voteKeys(rule, { ...c, slot: 4 })).toThrow(RangeError);
    expect(() => voteKeys(rule, { ...c, slot: 1.5 })).toThrow(RangeError);
  });
});

describe('freeSlot / slotOfKey', () => {
  it('takes the lowest unused slot and none when all are used', () => {
    expect(freeSlot([], 3)).toBe(1);
    expect(freeSlot([1, 3], 3)).toBe(2);
    expect(freeSlot([2, 1, 3], 3)).toBeNull();
  });

  it('reads the slot back from a key', () => {
    expect(slotOfKey('slot:2@all')).toBe(2);
    expect(slotOfKey('any@2024-07-01')).toBeNull();
  });
});

describe('ruleProblem', () => {
  const daily = { kind: 'per_person_per_day' } as const;

  it('lets the first vote of the day through', () => {
    expect(ruleProblem(daily, [], { entryId: 1, at: at('2024-07-01T05:00:00Z') }, VN, END)).toBeNull();
    const yesterday = [{ entryId: 1, at: at('2024-07-01T16:59:59Z') }];
    expect(ruleProblem(daily, yesterday, { entryId: 1, at: at('2024-07-01T17:00:00Z') }, VN, END)).toBeNull();
  });

  it('refuses a second vote the same day and says when the next one opens, in both languages', () => {
    const past = [{ entryId: 1, at: at('2024-07-01T01:00:00Z') }];
    const p = ruleProblem(daily, past, { entryId: 2, at: at('2024-07-01T10:00:00Z') }, VN, END)!;
    expect(p.code).toBe('vote.alreadyToday');
    expect(votingMessage(p.code, 'vi', p.params, VN)).toBe(
      'Bạn đã bình chọn hôm nay. Mỗi người được bình chọn một lần mỗi ngày; ' +
        'lượt bình chọn tiếp theo của bạn mở lúc 00:00 ngày 02/07/2024 (giờ Việt Nam).',
    );
    expect(votingMessage(p.code, 'en', p.params, VN)).toBe(
      'You have voted today. Each person may vote once a day; ' +
        'your next vote opens at 00:00 on 02/07/2024 (Vietnam time).',
    );
  });

  it('on the last day says that voting closes instead of naming a midnight after the end', () => {
    const past = [{ entryId: 1, at: at('2024-07-10T01:00:00Z') }];
    const p = ruleProblem(daily, past, { entryId: 2, at: at('2024-07-10T10:00:00Z') }, VN, END)!;
    expect(p.code).toBe('vote.alreadyTodayLastDay');
    expect(votingMessage(p.code, 'vi', p.params, VN)).toContain('kết thúc 00:00 ngày 11/07/2024 (giờ Việt Nam)');
  });

  it('per entry: another entry the same day is fine, the same entry is refused', () => {
    const rule = { kind: 'per_entry_per_day' } as const;
    const past = [{ entryId: 1, at: at('2024-07-01T01:00:00Z') }];
    expect(ruleProblem(rule, past, { entryId: 2, at: at('2024-07-01T02:00:00Z') }, VN, END)).toBeNull();
    expect(ruleProblem(rule, past, { entryId: '1', at: at('2024-07-01T02:00:00Z') }, VN, END)?.code).toBe(
      'vote.alreadyEntryToday',
    );
    expect(ruleProblem(rule, past, { entryId: 1, at: at('2024-07-01T17:00:00Z') }, VN, END)).toBeNull();
    const last = [{ entryId: 1, at: at('2024-07-10T01:00:00Z') }];
    expect(ruleProblem(rule, last, { entryId: 1, at: at('2024-07-10T02:00:00Z') }, VN, END)?.code).toBe(
      'vote.alreadyEntryTodayLastDay',
    );
  });

  it('a fixed total: counts every vote cast, on any day, and refuses the same entry twice', () => {
    const rule = { kind: 'total', votes: 2 } as const;
    const one = [{ entryId: 1, at: at('2024-07-01T01:00:00Z') }];
    expect(ruleProblem(rule, one, { entryId: 2, at: at('2024-07-01T02:00:00Z') }, VN, END)).toBeNull();
    const same = ruleProblem(rule, one, { entryId: 1, at: at('2024-07-05T02:00:00Z') }, VN, END)!;
    expect(same).toEqual({ code: 'vote.alreadyEntry', params: { left: 1 } });
    const two = [...one, { entryId: 2, at: at('2024-07-02T01:00:00Z') }];
    expect(ruleProblem(rule, two, { entryId: 3, at: at('2024-07-09T01:00:00Z') }, VN, END)).toEqual({
      code: 'vote.allUsed',
      params: { total: 2 },
    });
  });
});
