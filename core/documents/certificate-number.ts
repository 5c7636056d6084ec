/**
 * Certificate numbers: one sequence per contest and calendar year, from 01, in the prize structure's order (the
 * first prize gets 01), written "07/GCN-BTC" like a document number (type "GCN" and the issuing body's symbol).
 * The database gives the sequence (a unique key on contest, year and sequence); a reissued certificate (a name
 * corrected) gets the next number and a new code, and the old one is marked replaced, never reused.
 */
import { formatSymbol, padDocumentNumber } from './document-number.ts';

export function certificateNumber(seq: number, bodyAbbr: string): string {
  return `${padDocumentNumber(seq)}/${formatSymbol({ type: 'giay_chung_nhan', body: bodyAbbr })}`;
}

/** Numbers for `count` new certificates after the highest sequence already used in the contest's year. */
export function nextCertificateNumbers(usedSeqs: readonly number[], count: number, bodyAbbr: string): string[] {
  const start = usedSeqs.reduce((m, s) => Math.max(m, s), 0) + 1;
  return Array.from({ length: count }, (_, i) => certificateNumber(start + i, bodyAbbr));
}

/** The sequence of a number written by `certificateNumber`, or null. */
export function certificateSeq(number: string): number | null {
  const m = /^(\d{2,})\/GCN-/.exec(number.trim());
  return m ? Number(m[1]) : null;
}
