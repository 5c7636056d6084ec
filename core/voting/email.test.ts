import { describe, expect, it } from 'vitest';
import { isDisposableDomain, parseEmail } from './email.ts';

const canonical = (s: string) => {
  const r = parseEmail(s);
  return r.ok ? r.canonical : r.problem.code;
};

describe('parseEmail', () => {
  it('lower-cases, trims and normalizes to NFC', () => {
    expect(canonical('  Nguyen.Van.A@VinhLinh.QuangTri.Gov.VN ')).toBe('nguyen.van.a@vinhlinh.quangtri.gov.vn');
  });

  it('folds "+tag" aliases into one mailbox on any domain', () => {
    expect(canonical('an+binhchon@yahoo.com')).toBe('an@yahoo.com');
    expect(canonical('an+1@quangtri.gov.vn')).toBe('an@quangtri.gov.vn');
  });

  it('drops the dots Gmail ignores, and reads googlemail.com as gmail.com', () => {
    expect(canonical('Nguyen.Van.An@gmail.com')).toBe('nguyenvanan@gmail.com');
    expect(canonical('n.g.u.y.e.n.van.an+x@googlemail.com')).toBe('nguyenvanan@gmail.com');
    expect(canonical('nguyen.van.an@yahoo.com')).toBe('nguyen.van.an@yahoo.com');
  });

  it('gives the domain and a display form with the first letter only', () => {
    const r = parseEmail('lan.tran@gmail.com');
    expect(r).toEqual({ ok: true, canonical: 'lantran@gmail.com', domain: 'gmail.com', display: 'l•••@gmail.com' });
  });

  it.each(['', '   '])('refuses empty input %j', (s) => {
    expect(canonical(s)).toBe('email.empty');
  });

  it.each([
    'no-at-sign.vn',
    '@gmail.com',
    'a@',
    'a@b',
    'a b@gmail.com',
    'a..b@gmail.com',
    '.a@gmail.com',
    'a@-gmail.com',
    'a@gmail..com',
    '+tag@gmail.com',
    `${'x'.repeat(65)}@gmail.com`,
  ])('refuses %j as not an address', (s) => {
    expect(canonical(s)).toBe('email.format');
  });

  it('refuses disposable mailboxes, naming the domain', () => {
    const r = parseEmail('a@mailinator.com');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toEqual({ code: 'email.disposable', params: { domain: 'mailinator.com' } });
    expect(canonical('a@sub.yopmail.com')).toBe('email.disposable');
  });
});

describe('isDisposableDomain', () => {
  it('matches a listed domain and its subdomains, not look-alikes', () => {
    expect(isDisposableDomain('guerrillamail.com')).toBe(true);
    expect(isDisposableDomain('x.guerrillamail.com')).toBe(true);
    expect(isDisposableDomain('notguerrillamail.com')).toBe(false);
    expect(isDisposableDomain('gmail.com')).toBe(false);
  });

  it('takes the contest’s additions and exceptions, the exception winning', () => {
    const o = { extra: ['rac.vn'], allowed: ['yopmail.com'] };
    expect(isDisposableDomain('rac.vn', o)).toBe(true);
    expect(isDisposableDomain('mail.rac.vn', o)).toBe(true);
    expect(isDisposableDomain('yopmail.com', o)).toBe(false);
    expect(parseEmail('a@rac.vn', o).ok).toBe(false);
  });
});
