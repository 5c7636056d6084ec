/** Who may enter and when (R2, R3, R4, R10): pure decisions; the services feed them what the database says. */
import type { EntryRules } from './contest.ts';
import type { Phase } from './phases.ts';
import { normalizeEmail, normalizePhone } from './normalize.ts';

export type WindowVerdict =
  { ok: true; inGrace: boolean } | { ok: false; reason: 'unscheduled' | 'notOpenYet' | 'closed' };

function submission(phases: readonly Phase[]): Phase | undefined {
  return phases.find((p) => p.kind === 'submission');
}

/**
 * Whether an entry may be submitted now. After the deadline, an entry whose file upload began before the deadline
 * may still be submitted during the organizers' grace period (R10).
 */
export function submissionWindow(
  phases: readonly Phase[],
  rules: EntryRules,
  now: Date,
  uploadStartedAt?: string | null,
): WindowVerdict {
  const p = submission(phases);
  if (!p) return { ok: false, reason: 'unscheduled' };
  const t = now.getTime();
  const end = Date.parse(p.endsAt);
  if (t < Date.parse(p.startsAt)) return { ok: false, reason: 'notOpenYet' };
  if (t < end) return { ok: true, inGrace: false };
  const graceEnd = end + rules.uploadGraceMinutes * 60000;
  if (uploadStartedAt && Date.parse(uploadStartedAt) < end && t < graceEnd) return { ok: true, inGrace: true };
  return { ok: false, reason: 'closed' };
}

/** A new upload may start until the submission deadline (files may be sent before the window opens). */
export function canStartUpload(phases: readonly Phase[], now: Date): WindowVerdict {
  const p = submission(phases);
  if (!p) return { ok: false, reason: 'unscheduled' };
  return now.getTime() < Date.parse(p.endsAt) ? { ok: true, inGrace: false } : { ok: false, reason: 'closed' };
}

/** An upload begun before the deadline may go on until the grace period ends. */
export function canContinueUpload(
  phases: readonly Phase[],
  rules: EntryRules,
  uploadStartedAt: string,
  now: Date,
): boolean {
  const p = submission(phases);
  if (!p) return false;
  const end = Date.parse(p.endsAt);
  return Date.parse(uploadStartedAt) < end && now.getTime() < end + rules.uploadGraceMinutes * 60000;
}

/** The quota an entry counts against: its unit, else the person (by phone when known, else by account). */
export function quotaKey(
  party: { kind: 'unit'; unitId: number } | { kind: 'person'; phone: string | null; userId: number | null },
): string {
  if (party.kind === 'unit') return `unit:${party.unitId}`;
  const phone = party.phone ? normalizePhone(party.phone) : null;
  if (phone) return `phone:${phone}`;
  if (party.userId !== null) return `user:${party.userId}`;
  throw new Error('A person entry needs a phone or an account');
}

export interface RosterEntry {
  email: string | null;
  phone: string | null;
}

/** R4: the first contact among `contacts` that belongs to the organizing committee, jury or secretariat roster. */
export function rosterConflict(
  contacts: readonly { email?: string | null; phone?: string | null }[],
  roster: readonly RosterEntry[],
): { email?: string; phone?: string } | null {
  // Normalized here as well as by the callers: a raw phone or e-mail must never slip past the comparison.
  const email = (e?: string | null) => (e ? normalizeEmail(e) : null);
  const phone = (p?: string | null) => (p ? normalizePhone(p) : null);
  const emails = new Set(roster.map((r) => email(r.email)).filter((x): x is string => !!x));
  const phones = new Set(roster.map((r) => phone(r.phone)).filter((x): x is string => !!x));
  for (const c of contacts) {
    const e = email(c.email);
    const p = phone(c.phone);
    if (e && emails.has(e)) return { email: e };
    if (p && phones.has(p)) return { phone: p };
  }
  return null;
}
