/**
 * Everything we hold about the caller, as one document they can download (Luật 91/2025/QH15, the right to access):
 * the account, the entries they own with the authors' details they entered, the files' records, the review outcomes
 * they were told, their notifications, consents, roles, reports they sent, and the audit records of what they did or
 * what was done to their account. Other people's data stays out: no staff names, no staff notes, no other account.
 */
import { consentText } from '@core/privacy.ts';
import { parseEmail } from '@core/voting/email.ts';
import { parseVietnameseMobile } from '@core/voting/phone.ts';
import { requireLogin } from '../access/authorize.ts';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor, Deps } from '../../context.ts';
import { decodeDraft, decodeNotificationPayload } from '../../db/json-columns.ts';
import { voterHash } from '../voting/voter-keys.ts';

export interface PersonalDataExport {
  format: 'vicontest-personal-data/1';
  exportedAt: string;
  account: {
    id: number;
    fullName: string;
    email: string | null;
    phone: string | null;
    locale: string;
    isSiteAdmin: boolean;
    createdAt: string;
    updatedAt: string;
  };
  sessions: { createdAt: string; lastSeenAt: string; expiresAt: string }[];
  passwordResets: { createdAt: string; expiresAt: string; usedAt: string | null }[];
  roles: { contest: string; role: string; unitId: number | null; since: string }[];
  consents: {
    purpose: string;
    version: string;
    text: string | null;
    givenAt: string;
    withdrawnAt: string | null;
    /** For a voting consent: the contest it was given in. */
    contest?: string;
  }[];
  entries: {
    id: number;
    contest: string;
    code: string | null;
    status: string;
    createdAt: string;
    submittedAt: string | null;
    withdrawnAt: string | null;
    consentAt: string | null;
    draft: unknown;
    files: { filename: string; sizeBytes: number; sha256: string | null; status: string; createdAt: string }[];
    reviews: { round: number; decision: string; reason: string; at: string }[];
    history: { at: string; kind: string; byMe: boolean }[];
  }[];
  /**
   * The voters verified with this account's e-mail or phone (voters have no account: they are found by the keyed
   * hash of the address, until the retention job removes it), and their votes under the contest's pseudonym.
   */
  voting: {
    contest: string;
    kind: string;
    display: string;
    pseudonym: string;
    verifiedAt: string;
    votes: { entryId: number; castAt: string; status: string }[];
  }[];
  notifications: { kind: string; entryId: number | null; createdAt: string; readAt: string | null; payload: unknown }[];
  reportsSent: { entryId: number; kind: string; reason: string; status: string; createdAt: string }[];
  auditRecords: { at: string; action: string; target: string | null; outcome: string; ip: string | null }[];
}

export async function exportPersonalData(deps: Deps, actor: Actor): Promise<PersonalDataExport> {
  requireLogin(actor);
  const db = deps.db;
  const userId = actor.userId;
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();

  const [sessions, resets, roles, consents, entries, notifications, reports, audit] = await Promise.all([
    db
      .selectFrom('sessions')
      .select(['created_at', 'last_seen_at', 'expires_at'])
      .where('user_id', '=', userId)
      .execute(),
    db
      .selectFrom('password_resets')
      .select(['created_at', 'expires_at', 'used_at'])
      .where('user_id', '=', userId)
      .execute(),
    db
      .selectFrom('contest_roles')
      .innerJoin('contests', 'contests.id', 'contest_roles.contest_id')
      .select(['contests.slug', 'contest_roles.role', 'contest_roles.unit_id', 'contest_roles.created_at'])
      .where('contest_roles.user_id', '=', userId)
      .execute(),
    db
      .selectFrom('consents')
      .select(['purpose', 'text_version', 'given_at', 'withdrawn_at'])
      .where('user_id', '=', userId)
      .orderBy('given_at')
      .execute(),
    db
      .selectFrom('entries')
      .innerJoin('contests', 'contests.id', 'entries.contest_id')
      .select([
        'entries.id',
        'contests.slug',
        'entries.code',
        'entries.status',
        'entries.draft_json',
        'entries.created_at',
        'entries.submitted_at',
        'entries.withdrawn_at',
        'entries.consent_at',
      ])
      .where('entries.owner_user_id', '=', userId)
      .orderBy('entries.id')
      .execute(),
    db
      .selectFrom('notifications')
      .select(['kind', 'entry_id', 'payload_json', 'created_at', 'read_at'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('entry_reports')
      .select(['entry_id', 'kind', 'reason', 'status', 'created_at'])
      .where('reporter_user_id', '=', userId)
      .execute(),
    db
      .selectFrom('audit_log')
      .select(['at', 'action', 'target', 'outcome', 'actor_ip'])
      .where((eb) => eb.or([eb('actor_user_id', '=', userId), eb('target', '=', `user:${userId}`)]))
      .orderBy('seq')
      .execute(),
  ]);

  const voters = await findVoters(deps, user.email, user.phone);
  const voterIds = voters.map((v) => v.id);
  const [votes, voterConsents] = voterIds.length
    ? await Promise.all([
        db
          .selectFrom('votes')
          .select(['voter_id', 'entry_id', 'cast_at', 'status'])
          .where('voter_id', 'in', voterIds)
          .orderBy('cast_at')
          .execute(),
        db
          .selectFrom('consents')
          .select(['voter_id', 'purpose', 'text_version', 'given_at', 'withdrawn_at'])
          .where('voter_id', 'in', voterIds)
          .orderBy('given_at')
          .execute(),
      ])
    : [[], []];

  const entryIds = entries.map((e) => e.id);
  const [uploads, reviews, events] = entryIds.length
    ? await Promise.all([
        db
          .selectFrom('uploads')
          .select(['entry_id', 'filename', 'size_bytes', 'sha256', 'status', 'created_at'])
          .where('entry_id', 'in', entryIds)
          .execute(),
        // What the entrant was told: the decision and its reason, not the reviewer nor the staff's note.
        db
          .selectFrom('reviews')
          .select(['entry_id', 'round', 'decision', 'reason', 'created_at'])
          .where('entry_id', 'in', entryIds)
          .execute(),
        db
          .selectFrom('entry_events')
          .select(['entry_id', 'at', 'kind', 'actor_user_id'])
          .where('entry_id', 'in', entryIds)
          .orderBy('id')
          .execute(),
      ])
    : [[], [], []];

  const exportedAt = deps.clock().toISOString();
  const out: PersonalDataExport = {
    format: 'vicontest-personal-data/1',
    exportedAt,
    account: {
      id: user.id,
      fullName: user.full_name,
      email: user.email,
      phone: user.phone,
      locale: user.locale,
      isSiteAdmin: user.is_site_admin,
      createdAt: user.created_at,
      updatedAt: user.updated_at,
    },
    sessions: sessions.map((s) => ({ createdAt: s.created_at, lastSeenAt: s.last_seen_at, expiresAt: s.expires_at })),
    passwordResets: resets.map((r) => ({ createdAt: r.created_at, expiresAt: r.expires_at, usedAt: r.used_at })),
    roles: roles.map((r) => ({ contest: r.slug, role: r.role, unitId: r.unit_id, since: r.created_at })),
    consents: [
      ...consents.map((c) => ({
        purpose: c.purpose,
        version: c.text_version,
        text: consentText(c.text_version, user.locale),
        givenAt: c.given_at,
        withdrawnAt: c.withdrawn_at,
      })),
      ...voterConsents.map((c) => ({
        purpose: c.purpose,
        version: c.text_version,
        text: consentText(c.text_version, user.locale),
        givenAt: c.given_at,
        withdrawnAt: c.withdrawn_at,
        contest: voters.find((v) => v.id === c.voter_id)!.slug,
      })),
    ],
    entries: entries.map((e) => ({
      id: e.id,
      contest: e.slug,
      code: e.code,
      status: e.status,
      createdAt: e.created_at,
      submittedAt: e.submitted_at,
      withdrawnAt: e.withdrawn_at,
      consentAt: e.consent_at,
      draft: decodeDraft(e.draft_json),
      files: uploads
        .filter((u) => u.entry_id === e.id)
        .map((u) => ({
          filename: u.filename,
          sizeBytes: u.size_bytes,
          sha256: u.sha256,
          status: u.status,
          createdAt: u.created_at,
        })),
      reviews: reviews
        .filter((r) => r.entry_id === e.id)
        .map((r) => ({ round: r.round, decision: r.decision, reason: r.reason, at: r.created_at })),
      history: events
        .filter((v) => v.entry_id === e.id)
        .map((v) => ({ at: v.at, kind: v.kind, byMe: v.actor_user_id === userId })),
    })),
    voting: voters.map((v) => ({
      contest: v.slug,
      kind: v.kind,
      display: v.display,
      pseudonym: v.pseudonym,
      verifiedAt: v.verified_at,
      votes: votes
        .filter((x) => x.voter_id === v.id)
        .map((x) => ({ entryId: x.entry_id, castAt: x.cast_at, status: x.status })),
    })),
    notifications: notifications.map((n) => ({
      kind: n.kind,
      entryId: n.entry_id,
      createdAt: n.created_at,
      readAt: n.read_at,
      payload: decodeNotificationPayload(n.payload_json),
    })),
    reportsSent: reports.map((r) => ({
      entryId: r.entry_id,
      kind: r.kind,
      reason: r.reason,
      status: r.status,
      createdAt: r.created_at,
    })),
    auditRecords: audit.map((a) => ({
      at: a.at,
      action: a.action,
      target: a.target,
      outcome: a.outcome,
      ip: a.actor_ip,
    })),
  };

  await db
    .transaction()
    .execute((trx) =>
      appendAudit(trx, deps, actor, { action: 'privacy.export', target: `user:${userId}`, contestId: null }),
    );
  return out;
}

/** The voter rows whose identity hash is that of the account's e-mail or phone, in any contest. */
async function findVoters(deps: Deps, email: string | null, phone: string | null) {
  const inputs: string[] = [];
  // Canonical as the vote sheet makes it; the disposable-domain refusal is the sheet's business, not the export's.
  const domain =
    email
      ?.slice(email.lastIndexOf('@') + 1)
      .trim()
      .toLowerCase() ?? '';
  const mail = email ? parseEmail(email, { extra: [], allowed: [domain] }) : null;
  if (mail?.ok) inputs.push(`email:${mail.canonical}`);
  const mobile = phone ? parseVietnameseMobile(phone) : null;
  if (mobile?.ok) inputs.push(`phone:${mobile.e164}`);
  if (!inputs.length) return [];
  return deps.db
    .selectFrom('voters')
    .innerJoin('contests', 'contests.id', 'voters.contest_id')
    .select(['voters.id', 'contests.slug', 'voters.kind', 'voters.display', 'voters.pseudonym', 'voters.verified_at'])
    .where(
      'voters.identity_hash',
      'in',
      inputs.map((i) => voterHash(deps, i)),
    )
    .orderBy('voters.id')
    .execute();
}
