/**
 * Which certificates an issuance makes: one per prize won (a unit that won twice gets two), in the structure's order,
 * numbered after those already issued in the contest's year. Issuing again makes only the missing ones, so that a
 * printed certificate keeps its number; a winner whose certificate was revoked gets a new one only by reissue.
 */
import { z } from 'zod';
import { recipientOf, type AwardedEntryFacts, type Recipient } from './awarded-entry.ts';
import { certificateNumber } from './certificate-number.ts';

/** Overrides, for this issuance, of the contest's stored document details (core/documents/document-settings.ts). */
export const certificateIssueSchema = z.object({
  /** The place name of the date line: "Vĩnh Linh". */
  place: z.string().trim().max(100).optional(),
  /** The body above the committee in the header: "UBND huyện Vĩnh Linh". */
  superior: z.string().trim().max(200).optional(),
  /** Who signs for the committee. */
  signer: z.string().trim().max(200).optional(),
});
export type CertificateIssueOptions = z.infer<typeof certificateIssueSchema>;

export interface WinnerForCertificate {
  prizeIndex: number;
  place: number;
  prize: { name: string };
  entry: AwardedEntryFacts;
}

export interface IssuedKey {
  prizeIndex: number;
  place: number;
  entryId: number | null;
  status: 'valid' | 'revoked' | 'replaced';
}

export interface CertificateToIssue {
  winner: WinnerForCertificate;
  seq: number;
  number: string;
  recipient: Recipient;
}

export function certificatesToIssue(
  winners: readonly WinnerForCertificate[],
  issued: readonly IssuedKey[],
  usedSeqs: readonly number[],
  bodyAbbr: string,
): CertificateToIssue[] {
  const has = new Set(issued.map((c) => `${c.prizeIndex}:${c.place}:${c.entryId}`));
  const missing = [...winners]
    .sort((a, b) => a.prizeIndex - b.prizeIndex || a.place - b.place)
    .filter((w) => !has.has(`${w.prizeIndex}:${w.place}:${w.entry.entryId}`));
  let seq = usedSeqs.reduce((m, s) => Math.max(m, s), 0);
  return missing.map((winner) => {
    seq += 1;
    return { winner, seq, number: certificateNumber(seq, bodyAbbr), recipient: recipientOf(winner.entry) };
  });
}
