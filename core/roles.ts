/** Contest-scoped roles and what each may do. The services ask `can()`; the UI asks it too to hide what is refused. */

export const CONTEST_ROLES = [
  'organizer', // Ban Tổ chức
  'secretariat', // Phòng Nội vụ
  'secretary', // Thư ký
  'juror', // Ban Giám khảo
  'publisher', // Trung tâm VH-TT&TDTT
  'finance', // Phòng Tài chính - Kế hoạch
  'unit_rep', // đại diện đơn vị (xã, thị trấn, cơ quan)
  'entrant', // tác giả / người dự thi
] as const;
export type ContestRole = (typeof CONTEST_ROLES)[number];

/** Roles that take part in running the contest and so may not enter it (R4). */
export const STAFF_ROLES: readonly ContestRole[] = ['organizer', 'secretariat', 'secretary', 'juror'];

export const ROSTER_BODIES = ['organizing_committee', 'jury', 'secretariat'] as const;
export type RosterBody = (typeof ROSTER_BODIES)[number];

export const ACTIONS = {
  'contest.create': [],
  'contest.edit': ['organizer'],
  'contest.viewStaffArea': ['organizer', 'secretariat', 'secretary', 'juror', 'publisher', 'finance'],
  'units.view': ['organizer', 'secretariat', 'secretary'],
  'units.edit': ['organizer', 'secretariat'],
  /** Send a unit's contact person a reminder of its count against the minimum and the deadline (issue 10). */
  'units.remind': ['organizer', 'secretariat'],
  'roster.view': ['organizer', 'secretariat', 'secretary'],
  'roster.edit': ['organizer', 'secretariat'],
  /** Draft the decisions establishing the organizing committee and the jury from the roster (issue 13). */
  'documents.generate': ['organizer', 'secretariat'],
  /** Save the contest's document details (issuing body, place, signers, recipients) once for every document. */
  'documents.settings': ['organizer'],
  /** The budget estimate (R18): read it; edit its cost lines and submit it; appraise it (approve or return). */
  'budget.view': ['organizer', 'secretariat', 'finance'],
  'budget.edit': ['organizer', 'secretariat'],
  'budget.review': ['finance'],
  /** Export the whole contest for the records (data, documents, media manifest) as one ZIP (issue 13, item 5). */
  'archive.export': ['organizer'],
  'roles.view': ['organizer'],
  'roles.edit': ['organizer'],
  'audit.view': ['organizer'],
  'entries.viewAll': ['organizer', 'secretariat', 'secretary'],
  'entries.intake': ['organizer', 'secretariat'],
  /** Delete any entry of the contest, with its media, giving a reason (an entrant deletes only their own drafts). */
  'entries.delete': ['organizer'],
  /** Publish approved entries in the public gallery and take them out (R11, R16); the fanpage package. */
  'entries.publish': ['organizer', 'publisher'],
  /** Read the public's reports about published entries and record the outcome. */
  'reports.handle': ['organizer', 'secretariat'],
  /** Write the contest's news on its home page. */
  'news.edit': ['organizer'],
  /** See the contest's storage use and failed media jobs, and retry them. */
  'media.manage': ['organizer', 'secretariat'],
  /** R9: load and delete the clips of the reference library, and see what matched them. */
  'references.manage': ['organizer'],
  /** Record a review decision on a submitted entry: approve, reject or return for a fix (R11). */
  'entries.review': ['organizer', 'secretariat'],
  /** Settle a review round on which two reviewers disagree. */
  'entries.settleReview': ['organizer'],
  /** See the prize allocation, its decisions and the ceremony (ADR 0022, 0034). */
  'awards.view': ['organizer', 'secretariat', 'secretary', 'publisher', 'finance'],
  /** Propose the prize allocation from the locked final round and the vote (Phòng Nội vụ prepares it). */
  'awards.allocate': ['organizer', 'secretariat'],
  /** The committee's steps: tie decisions, approval, reopening, announcement, revocation and amendment. */
  'awards.decide': ['organizer'],
  /** Judging rounds: create and configure them, appoint their jurors and chair, the judging settings (blind mode). */
  'judging.manageRounds': ['organizer'],
  /** Type a paper juror's scores from their signed sheet (phiếu chấm giấy) and mark the signed sheet received. */
  'judging.enterPaper': ['secretary'],
  /** Check a typed paper sheet against the signed one (a second person; the round's chair may too). */
  'judging.checkPaper': ['organizer', 'secretary'],
  /** See every round's progress and ranking, with the blind codes' mapping (the round's chair sees them too). */
  'judging.viewProgress': ['organizer', 'secretary'],
  /** See the voting settings, the tallies at any time and the quarantine. */
  'votes.view': ['organizer', 'secretariat', 'secretary', 'publisher'],
  /** Count or invalidate quarantined votes, in batches. */
  'votes.review': ['organizer', 'secretariat'],
  /** Enter the fanpage's figures (post link, reactions, shares, comments, screenshot) or import them from CSV. */
  'fanpage.record': ['organizer', 'publisher'],
  /** See the fanpage's figures and confirm them (a person other than the last editor). */
  'fanpage.confirm': ['organizer', 'publisher', 'secretariat'],
} as const satisfies Record<string, readonly ContestRole[]>;
export type Action = keyof typeof ACTIONS;

export interface Principal {
  isSiteAdmin: boolean;
  /** The caller's roles in the contest the action concerns. */
  roles: readonly ContestRole[];
}

export function can(principal: Principal | null, action: Action): boolean {
  if (!principal) return false;
  if (principal.isSiteAdmin) return true;
  const allowed: readonly ContestRole[] = ACTIONS[action];
  return principal.roles.some((r) => allowed.includes(r));
}

/** Roles whose holder manages a unit's entries (must be tied to a unit). */
export function roleNeedsUnit(role: ContestRole): boolean {
  return role === 'unit_rep';
}
