import { verificationUrl } from '@core/documents/verification-code.ts';
import type { Actor, Deps } from '../../context.ts';
import { authorize } from '../access/authorize.ts';
import { findContestRow } from '../contests/load-contest.ts';

/** The certificate register of a contest: every certificate issued, with its state and verification address. */
export async function listCertificates(deps: Deps, actor: Actor, slug: string) {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'documents.generate', { auditDenied: false });
  const rows = await deps.db
    .selectFrom('certificates')
    .selectAll()
    .where('contest_id', '=', contest.id)
    .orderBy('year')
    .orderBy('seq')
    .execute();
  const numberOf = new Map(rows.map((r) => [r.id, r.number]));
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    recipient: r.recipient,
    entryCode: r.entry_code,
    entryTitle: r.entry_title,
    prizeName: r.prize_name,
    issuedOn: r.issued_on,
    status: r.status,
    revokedReason: r.revoked_reason,
    replacedByNumber: r.replaced_by_id ? (numberOf.get(r.replaced_by_id) ?? null) : null,
    verificationUrl: verificationUrl(deps.config.publicUrl, r.code),
  }));
}
