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
  'roster.view': ['organizer', 'secretariat', 'secretary'],
  'roster.edit': ['organizer', 'secretariat'],
  'roles.view': ['organizer'],
  'roles.edit': ['organizer'],
  'audit.view': ['organizer'],
  'entries.viewAll': ['organizer', 'secretariat', 'secretary'],
  'entries.intake': ['organizer', 'secretariat'],
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
