import { describe, expect, it } from 'vitest';
import { parseIdentity } from './identity.ts';
import { describeProblem } from './messages.ts';
import { resolveVotingSettings } from './settings.ts';

describe('parseIdentity', () => {
  const s = resolveVotingSettings({});

  it('a phone: E.164 to send to, a hash input that names the kind, the last digits to show', () => {
    expect(parseIdentity('phone', '0912 345 678', s)).toEqual({
      ok: true,
      identity: {
        kind: 'phone',
        value: '+84912345678',
        hashInput: 'phone:+84912345678',
        display: '•••• •• 5678',
        emailDomain: null,
      },
    });
  });

  it('an e-mail: its canonical form and domain', () => {
    const r = parseIdentity('email', 'Lan.Tran+vote@gmail.com', s);
    expect(r).toEqual({
      ok: true,
      identity: {
        kind: 'email',
        value: 'lantran@gmail.com',
        hashInput: 'email:lantran@gmail.com',
        display: 'l•••@gmail.com',
        emailDomain: 'gmail.com',
      },
    });
  });

  it('passes on the reason a phone or an e-mail is refused', () => {
    const p = parseIdentity('phone', '+1 415 555 0100', s);
    expect(!p.ok && p.problem.code).toBe('phone.foreign');
    const e = parseIdentity('email', 'x@yopmail.com', s);
    expect(!e.ok && e.problem.code).toBe('email.disposable');
  });

  it('refuses a kind the contest does not use, saying which one it does', () => {
    const r = parseIdentity('email', 'a@gmail.com', resolveVotingSettings({ residentListOnly: true }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(describeProblem(r.problem, 'Asia/Ho_Chi_Minh')).toEqual({
        vi: 'Cuộc thi này chỉ xác minh người bình chọn bằng số điện thoại di động. Hãy dùng cách xác minh đó.',
        en: 'This contest verifies voters only by mobile phone number. Please use that.',
      });
    }
    const phoneOnly = parseIdentity('phone', '0912345678', resolveVotingSettings({ identities: ['email'] }));
    expect(!phoneOnly.ok && phoneOnly.problem.code).toBe('vote.identityKindNotAllowed');
  });
});
