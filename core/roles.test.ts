import { describe, expect, it } from 'vitest';
import { type Action, ACTIONS, can, CONTEST_ROLES, type ContestRole, roleNeedsUnit, STAFF_ROLES } from './roles.ts';

/** Who may do what, written out independently of ACTIONS so that a change there must be deliberate. */
const EXPECTED: Record<Action, ContestRole[]> = {
  'contest.create': [],
  'contest.edit': ['organizer'],
  'contest.viewStaffArea': ['organizer', 'secretariat', 'secretary', 'juror', 'publisher', 'finance'],
  'units.view': ['organizer', 'secretariat', 'secretary'],
  'units.edit': ['organizer', 'secretariat'],
  'units.remind': ['organizer', 'secretariat'],
  'roster.view': ['organizer', 'secretariat', 'secretary'],
  'roster.edit': ['organizer', 'secretariat'],
  'documents.generate': ['organizer', 'secretariat'],
  'documents.settings': ['organizer'],
  'budget.view': ['organizer', 'secretariat', 'finance'],
  'budget.edit': ['organizer', 'secretariat'],
  'budget.review': ['finance'],
  'archive.export': ['organizer'],
  'roles.view': ['organizer'],
  'roles.edit': ['organizer'],
  'audit.view': ['organizer'],
  'entries.viewAll': ['organizer', 'secretariat', 'secretary'],
  'entries.intake': ['organizer', 'secretariat'],
  'entries.delete': ['organizer'],
  'media.manage': ['organizer', 'secretariat'],
  'references.manage': ['organizer'],
  'entries.publish': ['organizer', 'publisher'],
  'reports.handle': ['organizer', 'secretariat'],
  'news.edit': ['organizer'],
  'entries.review': ['organizer', 'secretariat'],
  'entries.settleReview': ['organizer'],
  'awards.view': ['organizer', 'secretariat', 'secretary', 'publisher', 'finance'],
  'awards.allocate': ['organizer', 'secretariat'],
  'awards.decide': ['organizer'],
  'judging.enterPaper': ['secretary'],
  'judging.checkPaper': ['organizer', 'secretary'],
  'judging.manageRounds': ['organizer'],
  'judging.viewProgress': ['organizer', 'secretary'],
  'votes.view': ['organizer', 'secretariat', 'secretary', 'publisher'],
  'votes.review': ['organizer', 'secretariat'],
  'fanpage.record': ['organizer', 'publisher'],
  'fanpage.confirm': ['organizer', 'publisher', 'secretariat'],
};
const ALL_ACTIONS = Object.keys(EXPECTED) as Action[];

describe('can', () => {
  it('knows exactly the actions listed here', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual([...ALL_ACTIONS].sort());
  });

  it('lets a site administrator do everything, even without a role in the contest', () => {
    for (const action of ALL_ACTIONS) expect(can({ isSiteAdmin: true, roles: [] }, action)).toBe(true);
  });

  it('refuses everything to an anonymous caller', () => {
    for (const action of ALL_ACTIONS) expect(can(null, action)).toBe(false);
  });

  it('refuses everything to a signed-in user with no role in the contest', () => {
    for (const action of ALL_ACTIONS) expect(can({ isSiteAdmin: false, roles: [] }, action)).toBe(false);
  });

  describe.each(CONTEST_ROLES.map((r) => [r]))('role %s', (role) => {
    it.each(ALL_ACTIONS.map((a) => [a, EXPECTED[a].includes(role)] as const))('%s -> %s', (action, allowed) => {
      expect(can({ isSiteAdmin: false, roles: [role] }, action)).toBe(allowed);
    });
  });

  it('only a site administrator may create a contest', () => {
    expect(can({ isSiteAdmin: false, roles: [...CONTEST_ROLES] }, 'contest.create')).toBe(false);
  });

  it('keeps entrants and unit representatives out of the staff area', () => {
    expect(can({ isSiteAdmin: false, roles: ['entrant', 'unit_rep'] }, 'contest.viewStaffArea')).toBe(false);
  });

  it("grants the union of the caller's roles", () => {
    const p = { isSiteAdmin: false, roles: ['juror', 'secretariat'] as ContestRole[] };
    expect(can(p, 'units.edit')).toBe(true);
    expect(can(p, 'contest.edit')).toBe(false);
    expect(can({ isSiteAdmin: false, roles: ['juror'] }, 'units.view')).toBe(false);
  });
});

describe('review', () => {
  it('is for the committee and the secretariat; a juror, secretary, publisher or finance officer cannot review', () => {
    for (const role of ['juror', 'secretary', 'publisher', 'finance', 'unit_rep', 'entrant'] as const) {
      expect(can({ isSiteAdmin: false, roles: [role] }, 'entries.review')).toBe(false);
    }
    expect(can({ isSiteAdmin: false, roles: ['secretariat'] }, 'entries.settleReview')).toBe(false);
  });
});

describe('STAFF_ROLES', () => {
  it('are the roles that may not enter the contest (R4): organizers, secretariat, secretary, jurors', () => {
    expect([...STAFF_ROLES].sort()).toEqual(['juror', 'organizer', 'secretariat', 'secretary']);
    expect(STAFF_ROLES).not.toContain('entrant');
    expect(STAFF_ROLES).not.toContain('unit_rep');
  });
});

describe('roleNeedsUnit', () => {
  it('is true for the unit representative only', () => {
    expect(CONTEST_ROLES.filter(roleNeedsUnit)).toEqual(['unit_rep']);
  });
});
