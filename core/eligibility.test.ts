import { describe, expect, it } from 'vitest';
import { defaultEntryRules, type EntryRules } from './contest.ts';
import { canContinueUpload, canStartUpload, quotaKey, rosterConflict, submissionWindow } from './eligibility.ts';
import { normalizeEmail, normalizePhone } from './normalize.ts';
import type { Phase } from './phases.ts';

/**
 * Submissions 20/06–25/06 in Vietnam time: the window opens 2024-06-19T17:00:00Z and the deadline is
 * 2024-06-25T17:00:00Z. With the default 60-minute grace period, the grace period ends 2024-06-25T18:00:00Z.
 */
const START = '2024-06-19T17:00:00.000Z';
const END = '2024-06-25T17:00:00.000Z';
const GRACE_END = '2024-06-25T18:00:00.000Z';

const PHASES: Phase[] = [
  { kind: 'production', startsAt: '2024-03-15T00:00:00+07:00', endsAt: '2024-06-21T00:00:00+07:00' },
  { kind: 'submission', startsAt: '2024-06-20T00:00:00+07:00', endsAt: '2024-06-26T00:00:00+07:00' },
  { kind: 'review', startsAt: '2024-06-26T00:00:00+07:00', endsAt: '2024-07-10T00:00:00+07:00' },
];
/** A schedule that has phases but no submission phase. */
const NO_SUBMISSION: Phase[] = PHASES.filter((p) => p.kind !== 'submission');

const RULES: EntryRules = defaultEntryRules();
const withGrace = (minutes: number): EntryRules => ({ ...RULES, uploadGraceMinutes: minutes });

const at = (iso: string) => new Date(iso);
/** `iso` shifted by `ms` milliseconds, as an ISO string. */
const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const MIN = 60_000;

const OPEN = { ok: true, inGrace: false } as const;
const GRACE = { ok: true, inGrace: true } as const;
const CLOSED = { ok: false, reason: 'closed' } as const;
const NOT_OPEN = { ok: false, reason: 'notOpenYet' } as const;
const UNSCHEDULED = { ok: false, reason: 'unscheduled' } as const;

describe('fixture', () => {
  it('uses the default 60-minute grace period that the instants above assume', () => {
    expect(RULES.uploadGraceMinutes).toBe(60);
    expect(Date.parse(GRACE_END) - Date.parse(END)).toBe(60 * MIN);
  });
});

describe('submissionWindow', () => {
  it('is unscheduled without a submission phase', () => {
    expect(submissionWindow([], RULES, at(START))).toEqual(UNSCHEDULED);
    expect(submissionWindow(NO_SUBMISSION, RULES, at(START))).toEqual(UNSCHEDULED);
    expect(submissionWindow(NO_SUBMISSION, RULES, at(shift(END, 1)), shift(END, -MIN))).toEqual(UNSCHEDULED);
  });

  it('is not open yet before the submission phase starts, even while another phase is open', () => {
    expect(submissionWindow(PHASES, RULES, at('2024-01-01T00:00:00Z'))).toEqual(NOT_OPEN);
    expect(submissionWindow(PHASES, RULES, at(shift(START, -1)))).toEqual(NOT_OPEN);
  });

  it('does not let an upload begun early open the window before it starts', () => {
    expect(submissionWindow(PHASES, RULES, at(shift(START, -1)), shift(START, -MIN))).toEqual(NOT_OPEN);
  });

  it('opens at the start instant (start inclusive)', () => {
    expect(submissionWindow(PHASES, RULES, at(START))).toEqual(OPEN);
  });

  it('is open, not in grace, inside the window whether or not an upload has begun', () => {
    expect(submissionWindow(PHASES, RULES, at('2024-06-22T05:00:00Z'))).toEqual(OPEN);
    expect(submissionWindow(PHASES, RULES, at('2024-06-22T05:00:00Z'), null)).toEqual(OPEN);
    expect(submissionWindow(PHASES, RULES, at('2024-06-22T05:00:00Z'), '2024-06-21T00:00:00Z')).toEqual(OPEN);
  });

  it('is still open, not in grace, one millisecond before the deadline', () => {
    expect(submissionWindow(PHASES, RULES, at(shift(END, -1)))).toEqual(OPEN);
    expect(submissionWindow(PHASES, RULES, at(shift(END, -1)), shift(END, -2))).toEqual(OPEN);
  });

  it('closes at the deadline instant without an upload (end exclusive)', () => {
    expect(submissionWindow(PHASES, RULES, at(END))).toEqual(CLOSED);
    expect(submissionWindow(PHASES, RULES, at(END), null)).toEqual(CLOSED);
    expect(submissionWindow(PHASES, RULES, at(shift(END, 30 * MIN)))).toEqual(CLOSED);
  });

  it('is in grace at and after the deadline for an upload begun before it', () => {
    const begun = shift(END, -10 * MIN);
    expect(submissionWindow(PHASES, RULES, at(END), begun)).toEqual(GRACE);
    expect(submissionWindow(PHASES, RULES, at(shift(END, 30 * MIN)), begun)).toEqual(GRACE);
    expect(submissionWindow(PHASES, RULES, at(shift(GRACE_END, -1)), begun)).toEqual(GRACE);
  });

  it('gives grace to an upload begun one millisecond before the deadline, or even before the window opened', () => {
    expect(submissionWindow(PHASES, RULES, at(shift(END, MIN)), shift(END, -1))).toEqual(GRACE);
    expect(submissionWindow(PHASES, RULES, at(shift(END, MIN)), shift(START, -MIN))).toEqual(GRACE);
  });

  it('closes when the grace period ends (grace end exclusive)', () => {
    const begun = shift(END, -10 * MIN);
    expect(submissionWindow(PHASES, RULES, at(GRACE_END), begun)).toEqual(CLOSED);
    expect(submissionWindow(PHASES, RULES, at(shift(GRACE_END, 1)), begun)).toEqual(CLOSED);
    expect(submissionWindow(PHASES, RULES, at('2024-07-01T00:00:00Z'), begun)).toEqual(CLOSED);
  });

  it('gives no grace to an upload begun at or after the deadline (strictly before)', () => {
    expect(submissionWindow(PHASES, RULES, at(shift(END, MIN)), END)).toEqual(CLOSED);
    expect(submissionWindow(PHASES, RULES, at(shift(END, 2 * MIN)), shift(END, MIN))).toEqual(CLOSED);
  });

  it('accepts the upload instant with any offset (it compares instants, not strings)', () => {
    // 25/06 23:59 in Vietnam is before the deadline; 26/06 00:01 is after it.
    expect(submissionWindow(PHASES, RULES, at(shift(END, MIN)), '2024-06-25T23:59:00+07:00')).toEqual(GRACE);
    expect(submissionWindow(PHASES, RULES, at(shift(END, 2 * MIN)), '2024-06-26T00:01:00+07:00')).toEqual(CLOSED);
  });

  it('follows the contest’s grace period', () => {
    const begun = shift(END, -MIN);
    expect(submissionWindow(PHASES, withGrace(0), at(END), begun)).toEqual(CLOSED);
    expect(submissionWindow(PHASES, withGrace(15), at(shift(END, 15 * MIN - 1)), begun)).toEqual(GRACE);
    expect(submissionWindow(PHASES, withGrace(15), at(shift(END, 15 * MIN)), begun)).toEqual(CLOSED);
    expect(submissionWindow(PHASES, withGrace(120), at(shift(END, 90 * MIN)), begun)).toEqual(GRACE);
  });

  it('finds the submission phase wherever it is in the list', () => {
    const reversed = [...PHASES].reverse();
    expect(submissionWindow(reversed, RULES, at(shift(START, -1)))).toEqual(NOT_OPEN);
    expect(submissionWindow(reversed, RULES, at(START))).toEqual(OPEN);
    expect(submissionWindow(reversed, RULES, at(END))).toEqual(CLOSED);
  });
});

describe('canStartUpload', () => {
  it('allows an upload before the window opens (files may be sent early)', () => {
    expect(canStartUpload(PHASES, at('2024-01-01T00:00:00Z'))).toEqual(OPEN);
    expect(canStartUpload(PHASES, at(shift(START, -1)))).toEqual(OPEN);
  });

  it('allows an upload inside the window, up to one millisecond before the deadline', () => {
    expect(canStartUpload(PHASES, at(START))).toEqual(OPEN);
    expect(canStartUpload(PHASES, at(shift(END, -1)))).toEqual(OPEN);
  });

  it('refuses a new upload from the deadline on, grace period or not', () => {
    expect(canStartUpload(PHASES, at(END))).toEqual(CLOSED);
    expect(canStartUpload(PHASES, at(shift(END, 30 * MIN)))).toEqual(CLOSED);
    expect(canStartUpload(PHASES, at(GRACE_END))).toEqual(CLOSED);
  });

  it('is unscheduled without a submission phase', () => {
    expect(canStartUpload([], at(START))).toEqual(UNSCHEDULED);
    expect(canStartUpload(NO_SUBMISSION, at(START))).toEqual(UNSCHEDULED);
  });
});

describe('canContinueUpload', () => {
  const begun = shift(END, -10 * MIN);

  it('lets an upload begun before the deadline go on before the deadline', () => {
    expect(canContinueUpload(PHASES, RULES, shift(START, -MIN), at(START))).toBe(true);
    expect(canContinueUpload(PHASES, RULES, begun, at(shift(END, -1)))).toBe(true);
  });

  it('lets it go on through the grace period, grace end exclusive', () => {
    expect(canContinueUpload(PHASES, RULES, begun, at(END))).toBe(true);
    expect(canContinueUpload(PHASES, RULES, begun, at(shift(GRACE_END, -1)))).toBe(true);
    expect(canContinueUpload(PHASES, RULES, begun, at(GRACE_END))).toBe(false);
    expect(canContinueUpload(PHASES, RULES, begun, at(shift(GRACE_END, 1)))).toBe(false);
  });

  it('stops an upload begun at or after the deadline', () => {
    expect(canContinueUpload(PHASES, RULES, END, at(shift(END, MIN)))).toBe(false);
    expect(canContinueUpload(PHASES, RULES, shift(END, MIN), at(shift(END, 2 * MIN)))).toBe(false);
  });

  it('counts the last millisecond before the deadline as in time', () => {
    expect(canContinueUpload(PHASES, RULES, shift(END, -1), at(shift(END, MIN)))).toBe(true);
  });

  it('follows the contest’s grace period', () => {
    expect(canContinueUpload(PHASES, withGrace(0), begun, at(END))).toBe(false);
    expect(canContinueUpload(PHASES, withGrace(0), begun, at(shift(END, -1)))).toBe(true);
    expect(canContinueUpload(PHASES, withGrace(120), begun, at(shift(END, 119 * MIN)))).toBe(true);
    expect(canContinueUpload(PHASES, withGrace(120), begun, at(shift(END, 120 * MIN)))).toBe(false);
  });

  it('is false without a submission phase', () => {
    expect(canContinueUpload([], RULES, begun, at(shift(END, -MIN)))).toBe(false);
    expect(canContinueUpload(NO_SUBMISSION, RULES, begun, at(shift(END, -MIN)))).toBe(false);
  });
});

describe('quotaKey', () => {
  it('keys a unit entry by the unit', () => {
    expect(quotaKey({ kind: 'unit', unitId: 42 })).toBe('unit:42');
    expect(quotaKey({ kind: 'unit', unitId: 7 })).not.toBe(quotaKey({ kind: 'unit', unitId: 42 }));
  });

  it('keys a person by phone when one is known, in preference to the account', () => {
    expect(quotaKey({ kind: 'person', phone: '0912345678', userId: 5 })).toBe('phone:0912345678');
    expect(quotaKey({ kind: 'person', phone: '0912345678', userId: null })).toBe('phone:0912345678');
  });

  it('gives every spelling of a phone one key, so online and in-person entries count together', () => {
    // Callers pass the phone through normalizePhone (resolve-party); the key is built from that normalized form.
    const key = 'phone:0912345678';
    for (const spelling of ['+84 912 345 678', '84912345678', '0912.345.678', '0912345678']) {
      expect(quotaKey({ kind: 'person', phone: normalizePhone(spelling), userId: 5 }), spelling).toBe(key);
      expect(quotaKey({ kind: 'person', phone: normalizePhone(spelling), userId: null }), spelling).toBe(key);
    }
    expect(quotaKey({ kind: 'person', phone: normalizePhone('0233 3863 123'), userId: null })).toBe(
      'phone:02333863123',
    );
  });

  it('falls back to the account when the phone does not normalize', () => {
    expect(quotaKey({ kind: 'person', phone: normalizePhone('0905777888 (Zalo)'), userId: 9 })).toBe('user:9');
  });

  it('keys a person without a phone by the account', () => {
    expect(quotaKey({ kind: 'person', phone: null, userId: 5 })).toBe('user:5');
    expect(quotaKey({ kind: 'person', phone: '', userId: 5 })).toBe('user:5');
    expect(quotaKey({ kind: 'person', phone: null, userId: 0 })).toBe('user:0');
  });

  it('throws for a person with neither phone nor account', () => {
    expect(() => quotaKey({ kind: 'person', phone: null, userId: null })).toThrow();
    expect(() => quotaKey({ kind: 'person', phone: '', userId: null })).toThrow();
  });
});

describe('normalizing inside the rules', () => {
  it('quotaKey and rosterConflict normalize raw phones and e-mails themselves', () => {
    expect(quotaKey({ kind: 'person', phone: '+84 912 345 678', userId: 5 })).toBe('phone:0912345678');
    expect(quotaKey({ kind: 'person', phone: 'không có', userId: 5 })).toBe('user:5');
    expect(rosterConflict([{ phone: '0912.345.678' }], [{ email: null, phone: '+84912345678' }])).toEqual({
      phone: '0912345678',
    });
    expect(rosterConflict([{ email: ' Chair@Example.VN ' }], [{ email: 'chair@example.vn', phone: null }])).toEqual({
      email: 'chair@example.vn',
    });
  });
});

describe('rosterConflict', () => {
  const ROSTER = [
    { email: 'chair@example.vn', phone: '0912345678' },
    { email: null, phone: '0987654321' },
    { email: 'juror@example.vn', phone: null },
    { email: '', phone: '' },
  ];

  it('is null when no contact is on the roster', () => {
    expect(rosterConflict([], ROSTER)).toBeNull();
    expect(rosterConflict([{ email: 'someone@example.vn', phone: '0900000000' }], ROSTER)).toBeNull();
    expect(rosterConflict([{ email: 'chair@example.vn' }], [])).toBeNull();
  });

  it('finds a contact by e-mail', () => {
    expect(rosterConflict([{ email: 'juror@example.vn', phone: '0900000000' }], ROSTER)).toEqual({
      email: 'juror@example.vn',
    });
  });

  it('finds a contact by phone', () => {
    expect(rosterConflict([{ email: 'someone@example.vn', phone: '0987654321' }], ROSTER)).toEqual({
      phone: '0987654321',
    });
    expect(rosterConflict([{ phone: '0912345678' }], ROSTER)).toEqual({ phone: '0912345678' });
  });

  it('matches a differently written e-mail or phone once normalized, as the roster stores them', () => {
    // check-staff-exclusion passes contacts through normalizeEmail / normalizePhone; the roster holds the same forms.
    expect(rosterConflict([{ email: normalizeEmail('  Juror@Example.VN ') }], ROSTER)).toEqual({
      email: 'juror@example.vn',
    });
    expect(rosterConflict([{ phone: normalizePhone('+84 987 654 321') }], ROSTER)).toEqual({ phone: '0987654321' });
    expect(rosterConflict([{ phone: normalizePhone('0987.654.321') }], ROSTER)).toEqual({ phone: '0987654321' });
  });

  it('does not match a phone that does not normalize (null), nor confuse e-mails with phones', () => {
    expect(rosterConflict([{ phone: normalizePhone('0987654321 (Zalo)') }], ROSTER)).toBeNull();
    expect(rosterConflict([{ email: '0912345678', phone: 'chair@example.vn' }], ROSTER)).toBeNull();
  });

  it('ignores null and empty contacts, even against empty roster rows', () => {
    expect(rosterConflict([{ email: null, phone: null }, { email: '', phone: '' }, {}], ROSTER)).toBeNull();
  });

  it('ignores null and empty roster rows', () => {
    const roster = [
      { email: null, phone: null },
      { email: '', phone: '' },
    ];
    expect(
      rosterConflict(
        [
          { email: '', phone: '' },
          { email: null, phone: null },
        ],
        roster,
      ),
    ).toBeNull();
    expect(rosterConflict([{ email: 'a@example.vn', phone: '0912345678' }], roster)).toBeNull();
  });

  it('returns the first conflict among the contacts', () => {
    const contacts = [
      { email: 'someone@example.vn', phone: null },
      { email: null, phone: '0987654321' },
      { email: 'chair@example.vn', phone: null },
    ];
    expect(rosterConflict(contacts, ROSTER)).toEqual({ phone: '0987654321' });
    expect(rosterConflict([...contacts].reverse(), ROSTER)).toEqual({ email: 'chair@example.vn' });
  });
});
