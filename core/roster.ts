import { z } from 'zod';
import { ROSTER_BODIES } from './roles.ts';
import { titleText } from './text-fields.ts';

/** A member's role in their body, as the decision establishing it lists them: the head first, the secretary last. */
export const ROSTER_ROLES = ['head', 'deputy', 'member', 'secretary'] as const;
export type RosterRole = (typeof ROSTER_ROLES)[number];

export const ROSTER_ROLE_LABELS: Record<RosterRole, { vi: string; en: string }> = {
  head: { vi: 'Trưởng ban', en: 'Chair' },
  deputy: { vi: 'Phó Trưởng ban', en: 'Vice-chair' },
  member: { vi: 'Thành viên', en: 'Member' },
  secretary: { vi: 'Thư ký', en: 'Secretary' },
};

export const rosterMemberInputSchema = z.object({
  body: z.enum(ROSTER_BODIES),
  fullName: titleText(2, 200),
  position: z.string().trim().max(200).optional(),
  /** Absent: a member (Thành viên). */
  roleInBody: z.enum(ROSTER_ROLES).optional(),
  email: z.string().trim().email().max(200).optional(),
  phone: z.string().trim().max(30).optional(),
});
export type RosterMemberInput = z.infer<typeof rosterMemberInputSchema>;
