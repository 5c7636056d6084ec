import { describe, expect, it } from 'vitest';
import {
  confirmationProblem,
  fanpageFinal,
  fanpageScore,
  type FanpageRow,
  formulaInWords,
  isFacebookPostUrl,
} from './fanpage.ts';

describe('fanpageScore / formulaInWords', () => {
  it('weighs reactions, shares and comments', () => {
    expect(fanpageScore({ reactions: 100, shares: 20, comments: 7 }, { reactions: 1, shares: 2, comments: 0 })).toBe(
      140,
    );
  });

  it('states the formula in words, naming what is not counted', () => {
    const f = { reactions: 1, shares: 2, comments: 0 };
    expect(formulaInWords(f, 'vi')).toBe(
      'Điểm fanpage = số lượt bày tỏ cảm xúc + 2 × số lượt chia sẻ (không tính số bình luận).',
    );
    expect(formulaInWords(f, 'en')).toBe('Fanpage score = reactions + 2 × shares (comments not counted).');
    expect(formulaInWords({ reactions: 1, shares: 1, comments: 1 }, 'en')).toBe(
      'Fanpage score = reactions + shares + comments.',
    );
    expect(formulaInWords({ reactions: 0, shares: 1, comments: 0 }, 'vi')).toBe(
      'Điểm fanpage = số lượt chia sẻ (không tính số lượt bày tỏ cảm xúc và số bình luận).',
    );
  });
});

describe('confirmationProblem', () => {
  const row = (entry: string, over: Partial<FanpageRow> = {}): FanpageRow => ({
    entry,
    postUrl: 'https://www.facebook.com/dai.vinhlinh/posts/1',
    reactions: 1,
    shares: 1,
    comments: 1,
    evidence: `shots/${entry}.png`,
    editedBy: 7,
    confirmedBy: null,
    ...over,
  });
  const names = new Map([[7, 'Lê Thị Hoa']]);

  it('lets a second person confirm', () => {
    expect(confirmationProblem([row('VL-01'), row('VL-02')], 8, names)).toBeNull();
  });

  it('refuses the person who last entered or changed any figure, naming them', () => {
    const p = confirmationProblem([row('VL-01'), row('VL-02', { editedBy: 8 })], 8, names);
    expect(p).toEqual({ code: 'fanpage.sameEditor', params: { editors: 'Lê Thị Hoa, #8' } });
  });

  it('needs a screenshot for every figure', () => {
    expect(confirmationProblem([row('VL-01', { evidence: null }), row('VL-02', { evidence: null })], 8)).toEqual({
      code: 'fanpage.evidenceRequired',
      params: { codes: 'VL-01, VL-02' },
    });
  });

  it('has nothing to confirm when every figure is already confirmed, or there are none', () => {
    expect(confirmationProblem([row('VL-01', { confirmedBy: 9 })], 8)?.code).toBe('fanpage.nothingToConfirm');
    expect(confirmationProblem([], 8)?.code).toBe('fanpage.nothingToConfirm');
  });

  it('the figures are final once every published entry’s row is confirmed', () => {
    const done = [row('VL-01', { confirmedBy: 8 }), row('VL-02', { confirmedBy: 8 })];
    expect(fanpageFinal(done, ['VL-01', 'VL-02'])).toBe(true);
    expect(fanpageFinal(done, ['VL-01', 'VL-02', 'VL-03'])).toBe(false);
    expect(fanpageFinal([done[0]!, row('VL-02')], ['VL-01', 'VL-02'])).toBe(false);
    expect(fanpageFinal([], [])).toBe(false);
  });
});

describe('isFacebookPostUrl', () => {
  it('accepts links to posts on Facebook’s hosts', () => {
    for (const u of [
      'https://www.facebook.com/dai.vinhlinh/posts/pfbid0abc',
      'https://m.facebook.com/story.php?story_fbid=1',
      'http://facebook.com/watch/?v=123',
      'https://fb.watch/abc123/',
    ]) {
      expect(isFacebookPostUrl(u), u).toBe(true);
    }
  });

  it('refuses other sites, look-alikes, bare hosts and non-links', () => {
    for (const u of [
      'https://www.youtube.com/watch?v=1',
      'https://facebook.com.evil.vn/p/1',
      'https://www.facebook.com/',
      'javascript:alert(1)',
      'facebook.com/p/1',
      '',
    ]) {
      expect(isFacebookPostUrl(u), u).toBe(false);
    }
  });
});
