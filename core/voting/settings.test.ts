import { describe, expect, it } from 'vitest';
import { lockedFieldsChanged, resolveVotingSettings, usableIdentityKinds, votingSettingsSchema } from './settings.ts';

const issues = (input: unknown) =>
  votingSettingsSchema.safeParse(input).error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) ??
  [];

describe('votingSettingsSchema defaults', () => {
  it('gives the usual setting to a contest that never set any: one vote per verified person per day', () => {
    const s = resolveVotingSettings(undefined);
    expect(s.rule).toEqual({ kind: 'per_person_per_day' });
    expect(s.tallies).toBe('live');
    expect(s.prizeSource).toEqual({ show: 'both', deciding: 'fanpage' });
    expect(s.fanpageFormula).toEqual({ reactions: 1, shares: 1, comments: 0 });
    expect(s.tieRule).toBe('earliest_to_final');
    expect(s.identities).toEqual(['phone', 'email']);
    expect(s.residentListOnly).toBe(false);
    expect(s.hashRetentionDays).toBe(90);
    expect(s.integrity.addressEntryPerWindow).toBe(20);
    expect(s.sendLimits.identityPerDay).toBe(5);
    expect(resolveVotingSettings(null)).toEqual(s);
  });

  it('fills the fields a partial object leaves out, keeping the ones it gives', () => {
    const s = resolveVotingSettings({ rule: { kind: 'total', votes: 3 }, integrity: { deviceIdentitiesPerDay: 6 } });
    expect(s.rule).toEqual({ kind: 'total', votes: 3 });
    expect(s.integrity.deviceIdentitiesPerDay).toBe(6);
    expect(s.integrity.regularGaps).toBe(20);
    expect(s.fanpageFormula.reactions).toBe(1);
  });

  it('lower-cases and trims disposable domains the contest adds', () => {
    const s = resolveVotingSettings({ disposableDomains: { extra: [' Spam.Example.VN '] } });
    expect(s.disposableDomains).toEqual({ extra: ['spam.example.vn'], allowed: [] });
  });
});

describe('votingSettingsSchema refusals', () => {
  it('refuses a total of zero votes and an unknown rule', () => {
    expect(issues({ rule: { kind: 'total', votes: 0 } })).toHaveLength(1);
    expect(issues({ rule: { kind: 'per_hour' } })).toHaveLength(1);
  });

  it('needs the deciding source when both counts are shown', () => {
    expect(issues({ prizeSource: { show: 'both' } })[0]?.path).toBe('prizeSource.deciding');
    expect(issues({ prizeSource: { show: 'fanpage' } })).toEqual([]);
  });

  it('refuses a fanpage formula that counts nothing, and negative or fractional weights', () => {
    expect(issues({ fanpageFormula: { reactions: 0, shares: 0, comments: 0 } })).toEqual([
      { path: 'fanpageFormula', message: 'voting.formulaAllZero' },
    ]);
    expect(issues({ fanpageFormula: { reactions: -1, shares: 5 } })).toHaveLength(1);
    expect(issues({ fanpageFormula: { shares: 1.5 } })).toHaveLength(1);
  });

  it('refuses no identity kind and the same kind twice', () => {
    expect(issues({ identities: [] })).toHaveLength(1);
    expect(issues({ identities: ['phone', 'phone'] })).toEqual([
      { path: 'identities', message: 'voting.identitiesDuplicate' },
    ]);
  });

  it('refuses a resident list without phone verification, since the list holds numbers', () => {
    expect(issues({ identities: ['email'], residentListOnly: true })).toEqual([
      { path: 'residentListOnly', message: 'voting.residentListNeedsPhone' },
    ]);
  });

  it('refuses phone verification with no SMS budget', () => {
    expect(issues({ sendLimits: { smsPerDay: 0 } })).toEqual([
      { path: 'sendLimits.smsPerDay', message: 'voting.phoneNeedsSmsBudget' },
    ]);
    expect(issues({ identities: ['email'], sendLimits: { smsPerDay: 0 } })).toEqual([]);
  });

  it('refuses a retention beyond a year and a malformed domain', () => {
    expect(issues({ hashRetentionDays: 366 })).toHaveLength(1);
    expect(issues({ disposableDomains: { extra: ['not a domain'] } })[0]?.message).toBe('voting.domainInvalid');
  });

  it('refuses thresholds outside their bounds', () => {
    expect(issues({ integrity: { deviceIdentitiesPerDay: 1 } })).toHaveLength(1);
    expect(issues({ integrity: { concentration: 1.5 } })).toHaveLength(1);
  });
});

describe('usableIdentityKinds', () => {
  it('keeps only phones when a resident list is in force', () => {
    const s = resolveVotingSettings({ residentListOnly: true });
    expect(usableIdentityKinds(s)).toEqual(['phone']);
    expect(usableIdentityKinds(resolveVotingSettings({}))).toEqual(['phone', 'email']);
  });
});

describe('lockedFieldsChanged', () => {
  const before = resolveVotingSettings({});
  const start = '2024-07-01T01:00:00.000Z';

  it('allows any change before voting starts', () => {
    const after = resolveVotingSettings({ rule: { kind: 'per_entry_per_day' }, residentListOnly: true });
    expect(lockedFieldsChanged(before, after, start, new Date('2024-07-01T00:59:59Z'))).toEqual([]);
    expect(lockedFieldsChanged(before, after, null, new Date('2030-01-01T00:00:00Z'))).toEqual([]);
  });

  it('names the rule, the identity kinds and the resident list once voting has started', () => {
    const after = resolveVotingSettings({
      rule: { kind: 'per_entry_per_day' },
      identities: ['phone'],
      residentListOnly: true,
    });
    expect(lockedFieldsChanged(before, after, start, new Date(start))).toEqual([
      'rule',
      'identities',
      'residentListOnly',
    ]);
  });

  it('lets the rest change during voting, and the same identity kinds in another order', () => {
    const after = resolveVotingSettings({
      identities: ['email', 'phone'],
      tallies: 'at_end',
      fanpageFormula: { shares: 2 },
      tieRule: 'committee',
    });
    expect(lockedFieldsChanged(before, after, start, new Date('2024-07-05T00:00:00Z'))).toEqual([]);
  });
});
