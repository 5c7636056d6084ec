/**
 * The signature block of an administrative document (NĐ 30/2020/NĐ-CP, Điều 13 and Phụ lục I, mục II.7): the
 * authority, the signer's position in capitals, room for the signature and seal, and the signer's full name.
 *
 * - TM. (thay mặt): the head signs for a collective body: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH".
 * - KT. (ký thay): a deputy signs for the head: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"; under a collective body both
 *   lines appear: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH".
 * - TL. (thừa lệnh) and TUQ. (thừa ủy quyền): a subordinate signs by order or by delegation of the head.
 * - Q. (quyền): an acting head signs in their own acting title: "Q. GIÁM ĐỐC".
 */
import { z } from 'zod';
import { docLine, upperVi } from './text.ts';

export const SIGNING_FOR = ['KT', 'TL', 'TUQ'] as const;
export type SigningFor = (typeof SIGNING_FOR)[number];

const line = z.string().trim().min(1).max(200);

export const signatureBlockSchema = z.object({
  /** The collective body the head signs for (TM.), e.g. "Ủy ban nhân dân", "Ban Tổ chức". */
  collective: line.optional(),
  /** KT., TL. or TUQ. with the title of the head signed for, e.g. { kind: 'KT', headTitle: 'Chủ tịch' }. */
  signingFor: z.object({ kind: z.enum(SIGNING_FOR), headTitle: line }).optional(),
  /** The signer's own position, e.g. "Phó Chủ tịch", "Trưởng ban". */
  position: line,
  /** The signer is acting head (Q.). */
  acting: z.boolean().optional(),
  fullName: z.string().trim().min(2).max(200),
});
export type SignatureBlock = z.infer<typeof signatureBlockSchema>;

export interface SignatureLines {
  /** Bold capitals, centred over the signature: authority lines then the position. */
  authority: string[];
  /** Bold, normal case, below the space for the signature and seal. */
  fullName: string;
}

/** What is wrong with a signature block as NĐ30 reads it, or null. */
export function signatureProblem(b: SignatureBlock): 'actingSignsForHead' | 'delegationUnderCollective' | null {
  if (b.acting && b.signingFor) return 'actingSignsForHead';
  // Only a deputy (KT.) signs under "TM." of a collective; TL./TUQ. documents are signed in the head's name alone.
  if (b.collective && b.signingFor && b.signingFor.kind !== 'KT') return 'delegationUnderCollective';
  return null;
}

export function signatureLines(b: SignatureBlock): SignatureLines {
  const problem = signatureProblem(b);
  if (problem) throw new RangeError(`Signature block not allowed: ${problem}`);
  const authority: string[] = [];
  if (b.collective) authority.push(`TM. ${upperVi(b.collective)}`);
  if (b.signingFor) authority.push(`${b.signingFor.kind}. ${upperVi(b.signingFor.headTitle)}`);
  authority.push(`${b.acting ? 'Q. ' : ''}${upperVi(b.position)}`);
  return { authority, fullName: docLine(b.fullName) };
}
