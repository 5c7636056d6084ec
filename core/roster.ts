import { z } from 'zod';
import { ROSTER_BODIES } from './roles.ts';
import { titleText } from './text-fields.ts';

export const rosterMemberInputSchema = z.object({
  body: z.enum(ROSTER_BODIES),
  fullName: titleText(2, 200),
  position: z.string().trim().max(200).optional(),
  email: z.string().trim().email().max(200).optional(),
  phone: z.string().trim().max(30).optional(),
});
export type RosterMemberInput = z.infer<typeof rosterMemberInputSchema>;
