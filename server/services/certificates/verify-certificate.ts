/**
 * The public verification of a certificate (the page its QR code opens): the certificate as issued, or plainly why
 * not: the code is not a code, no certificate has it, the record no longer matches its code (altered), it was
 * revoked or replaced; and, when a number is typed from the paper, whether it is the certificate's number. Only what
 * the certificate prints is shown.
 */
import { parseCode, verificationOutcome } from '@core/documents/verification-code.ts';
import type { Deps } from '../../context.ts';
import { settingsOf } from '../contests/load-contest.ts';
import { certificateCode } from './certificate-code.ts';
import { factsOf } from './certificate-rows.ts';
import { decodeCertificateMembers } from '../../db/json-columns.ts';

export type VerificationAnswer =
  | { outcome: 'invalidCode' | 'unknown' | 'altered' }
  | {
      outcome: 'genuine';
      status: 'valid' | 'revoked' | 'replaced';
      /** Null when no number was given. */
      numberMatches: boolean | null;
      certificate: {
        number: string;
        code: string;
        recipient: string;
        members: string[];
        unitName: string;
        entryCode: string;
        entryTitle: string;
        prizeName: string;
        issuedOn: string;
        contest: { slug: string; name: string };
        revokedAt: string | null;
        revokedReason: string | null;
      };
      /** When reissued: the certificate that replaced this one (its number and the code of its own page). */
      replacedBy: { number: string; code: string } | null;
    };

export async function verifyCertificate(deps: Deps, input: string, number?: string): Promise<VerificationAnswer> {
  const code = parseCode(input);
  if (!code) return { outcome: 'invalidCode' };
  const row = await deps.db.selectFrom('certificates').selectAll().where('code', '=', code).executeTakeFirst();
  const outcome = verificationOutcome(
    code,
    row ? { number: row.number, revoked: row.status === 'revoked' } : null,
    row ? certificateCode(deps.keys, factsOf(row)) : null,
    number?.trim() ? number : undefined,
  );
  if (outcome.kind !== 'genuine') return { outcome: outcome.kind };
  const contest = await deps.db
    .selectFrom('contests')
    .selectAll()
    .where('id', '=', row!.contest_id)
    .executeTakeFirstOrThrow();
  const replacement = row!.replaced_by_id
    ? await deps.db
        .selectFrom('certificates')
        .select(['number', 'code'])
        .where('id', '=', row!.replaced_by_id)
        .executeTakeFirst()
    : undefined;
  return {
    outcome: 'genuine',
    replacedBy: replacement ? { number: replacement.number, code: replacement.code } : null,
    status: row!.status,
    numberMatches: outcome.numberMatches,
    certificate: {
      number: row!.number,
      code: row!.code,
      recipient: row!.recipient,
      members: decodeCertificateMembers(row!.members_json),
      unitName: row!.unit_name,
      entryCode: row!.entry_code,
      entryTitle: row!.entry_title,
      prizeName: row!.prize_name,
      issuedOn: row!.issued_on,
      contest: { slug: contest.slug, name: settingsOf(contest).name },
      revokedAt: row!.revoked_at,
      revokedReason: row!.revoked_reason,
    },
  };
}
