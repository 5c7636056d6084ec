import { z } from 'zod';
import { titleText } from './text-fields.ts';

export const MIN_PASSWORD_LENGTH = 10;

export const localeSchema = z.enum(['vi', 'en']);

export const registerSchema = z.object({
  fullName: titleText(2, 200),
  email: z.string().trim().email().max(200).optional(),
  phone: z.string().trim().max(30).optional(),
  password: z.string().min(1).max(200),
  locale: localeSchema.default('vi'),
  /** The registration form's consent box (core/privacy.ts `account-v1`), recorded with the account. */
  consent: z.literal(true).optional(),
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z.object({
  /** An e-mail address or a phone number. */
  identifier: z.string().trim().min(3).max(200),
  password: z.string().min(1).max(200),
  /** A solved proof-of-work challenge, needed after several wrong passwords for this identifier. */
  altcha: z.string().max(4096).optional(),
});

export const userSchema = z.object({
  id: z.number(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: localeSchema,
  isSiteAdmin: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const membershipSchema = z.object({
  contestId: z.number(),
  slug: z.string(),
  contestName: z.string(),
  role: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
});

export const sessionInfoSchema = z.object({
  user: userSchema.nullable(),
  memberships: z.array(membershipSchema),
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export function isStrongEnough(password: string): boolean {
  return [...password.normalize('NFC')].length >= MIN_PASSWORD_LENGTH;
}
