import { describe, expect, it } from 'vitest';
import { describeProblem, problem, VOTING_MESSAGES, type VotingMessageCode, votingMessage } from './messages.ts';
import { REASONS } from './reasons.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const VN = 'Asia/Ho_Chi_Minh';

describe('VOTING_MESSAGES', () => {
  const codes = Object.keys(VOTING_MESSAGES) as VotingMessageCode[];

  it('has a message in both languages for every code, with the same placeholders', () => {
    for (const code of codes) {
      const m = VOTING_MESSAGES[code];
      expect(m.vi.trim(), code).not.toBe('');
      expect(m.en.trim(), code).not.toBe('');
      expect(m.vi, code).not.toBe(m.en);
      expect(placeholders(m.vi), code).toEqual(placeholders(m.en));
      expect(m.vi, code).toBe(m.vi.normalize('NFC'));
    }
  });

  it('uses client-error or unavailable statuses', () => {
    for (const code of codes) {
      const { status } = VOTING_MESSAGES[code];
      expect((status >= 400 && status < 500) || status === 503, code).toBe(true);
    }
  });

  it('does not show internal rule codes such as R14 to voters', () => {
    for (const code of codes) expect(VOTING_MESSAGES[code].vi + VOTING_MESSAGES[code].en).not.toMatch(/\bR\d+\b/);
  });
});

describe('votingMessage', () => {
  it('writes instants in the contest zone and in the reader’s language', () => {
    const next = new Date('2024-07-01T17:00:00Z');
    expect(votingMessage('send.smsBudget', 'vi', { next }, VN)).toContain('từ 00:00 ngày 02/07/2024 (giờ Việt Nam)');
    expect(votingMessage('send.smsBudget', 'en', { next }, VN)).toContain('from 00:00 on 02/07/2024 (Vietnam time)');
  });

  it('takes a parameter already written in both languages', () => {
    const window = { vi: '1 giờ', en: 'an hour' };
    const params = { max: 3, window, identity: '•••• •• 5678', minutes: 12 };
    expect(votingMessage('send.identityLimit', 'vi', params, VN)).toBe(
      'Đã gửi 3 mã tới •••• •• 5678 trong 1 giờ, mức tối đa để chống lạm dụng. ' +
        'Hãy dùng mã đã nhận, hoặc thử lại sau 12 phút.',
    );
    expect(votingMessage('send.identityLimit', 'en', params, VN)).toContain('within an hour');
  });

  it('leaves a missing parameter visible and inserts values literally', () => {
    expect(votingMessage('vote.allUsed', 'en', {}, VN)).toContain('{total}');
    expect(votingMessage('email.disposable', 'en', { domain: '$&x' }, VN)).toContain('($&x)');
  });

  it('describes a problem in both languages at once', () => {
    expect(describeProblem(problem('code.wrong', { left: 2 }), VN)).toEqual({
      vi: 'Mã xác minh không đúng. Bạn còn 2 lần nhập cho mã này.',
      en: 'The verification code is wrong. You have 2 more tries with this code.',
    });
  });
});

describe('REASONS', () => {
  it('has text in both languages and codes the vote log accepts', () => {
    for (const [code, t] of Object.entries(REASONS)) {
      expect(code).toMatch(/^[a-z][a-z0-9_]{0,39}$/);
      expect(t.vi).not.toBe(t.en);
      expect(t.vi).toBe(t.vi.normalize('NFC'));
    }
  });
});
