/**
 * A stored certificate as the renderer and the verification page read it: its printed facts, its model for the
 * PDF, and the code recomputed from its content (which tells an intact record from an altered one).
 */
import { certificateModel, type CertificateModel } from '@core/documents/certificate.ts';
import { signatureOf } from '@core/documents/document-settings.ts';
import type { CertificateFacts } from '@core/documents/verification-code.ts';
import { verificationUrl } from '@core/documents/verification-code.ts';
import type { Selectable } from 'kysely';
import type { CertificatesTable } from '../../db/schema.ts';
import { decodeCertificateMembers } from '../../db/json-columns.ts';

export type CertificateRow = Selectable<CertificatesTable>;

/** The body that issues certificates, as the plan has it: the contest's organizing committee. */
export const CERTIFICATE_ISSUER = { nameLines: ['Ban Tổ chức cuộc thi'], abbr: 'BTC' } as const;

export function factsOf(row: CertificateRow): CertificateFacts {
  return {
    contestId: row.contest_id,
    number: row.number,
    issuedOn: row.issued_on,
    recipient: row.recipient,
    entryCode: row.entry_code,
    prizeName: row.prize_name,
  };
}

export function modelOf(row: CertificateRow, contestName: string, publicUrl: string): CertificateModel {
  const [year, month, day] = row.issued_on.split('-').map(Number) as [number, number, number];
  return certificateModel({
    issuingBody: {
      ...(row.superior_body ? { superior: row.superior_body } : {}),
      nameLines: [...CERTIFICATE_ISSUER.nameLines],
      abbr: CERTIFICATE_ISSUER.abbr,
      place: row.place_name,
    },
    contestName,
    number: row.number,
    date: { year, month, day },
    recipient: {
      kind: row.recipient_kind,
      name: row.recipient,
      members: decodeCertificateMembers(row.members_json),
      unitName: row.unit_name,
    },
    entryTitle: row.entry_title,
    prizeName: row.prize_name,
    signature: signatureOf(
      // Rows from before migration 0030 were all signed "TM. Ban Tổ chức / Trưởng ban".
      row.signer_position === null
        ? { collective: 'Ban Tổ chức', deputyFor: '', position: 'Trưởng ban', fullName: row.signer_name }
        : {
            collective: row.signer_collective ?? '',
            deputyFor: row.signer_deputy_for ?? '',
            position: row.signer_position,
            fullName: row.signer_name,
          },
    ),
    verification: { url: verificationUrl(publicUrl, row.code), code: row.code },
  });
}
