/**
 * A contest's document details, typed once by the organizer and stored (docs/decisions/0049): the parent body (cơ
 * quan chủ quản), the issuing body (cơ quan ban hành) and its abbreviation, the place name of the date line, who signs
 * the decisions and who signs the certificates with their capacity (TM./KT.), and the extra recipients ("Nơi nhận").
 * Every generator takes them as its defaults; a request may still override one document's values.
 *
 * Length limits keep the layouts sane: the issuing body fits the 70 mm header column in two capitalised lines, the
 * place and date fit one line, a signer's capacity and name fit the signature column of a certificate.
 */
import { z } from 'zod';
import { titleText } from '../text-fields.ts';
import { bodyAbbrSchema } from './document-number.ts';
import type { SignatureBlock } from './signature-block.ts';

export const DOCUMENT_SETTINGS_LIMITS = {
  superior: 120,
  issuer: 120,
  place: 50,
  collective: 80,
  deputyFor: 60,
  position: 60,
  fullName: 60,
  recipient: 150,
  recipients: 15,
} as const;

const L = DOCUMENT_SETTINGS_LIMITS;

/** NFC, trimmed, not blank: empty input gets the named message rather than zod's generic one. */
function required(max: number, message: string) {
  return titleText(0, max).refine((v) => v.length > 0, message);
}

export const documentSignerSchema = z.object({
  /** The collective body signed for (TM.): "Ủy ban nhân dân", "Ban Tổ chức"; empty when the head signs alone. */
  collective: titleText(0, L.collective).default(''),
  /** A deputy signing for the head (KT.): the head's title, "Chủ tịch"; empty when the head signs. */
  deputyFor: titleText(0, L.deputyFor).default(''),
  /** The signer's own position: "Chủ tịch", "Phó Chủ tịch", "Trưởng ban". */
  position: required(L.position, 'documents.positionRequired'),
  fullName: required(L.fullName, 'documents.signerRequired'),
});
export type DocumentSigner = z.output<typeof documentSignerSchema>;

export const documentSettingsSchema = z.object({
  /**
   * The issuing body's parent (cơ quan chủ quản), above it in a decision's header: "UBND tỉnh Quảng Trị" over "Sở
   * Nội vụ"; empty for a district People's Committee, which has none printed.
   */
  superior: titleText(0, L.superior).default(''),
  /** Issues the decisions: "Ủy ban nhân dân huyện Vĩnh Linh". */
  issuer: required(L.issuer, 'documents.issuerRequired'),
  /** Its abbreviation in document symbols: "UBND". */
  abbr: bodyAbbrSchema,
  /** The place name of the date line: "Vĩnh Linh". */
  place: required(L.place, 'documents.placeRequired'),
  /** Signs the decisions (award, organizing committee, jury). */
  signer: documentSignerSchema,
  /** Signs the certificates for the organizing committee; no name: the committee's head on the roster. */
  committeeSigner: documentSignerSchema.extend({ fullName: titleText(0, L.fullName).default('') }),
  /** "Nơi nhận" lines after "Như Điều 3", without the leading dash; the archive line is added by the document. */
  recipients: z.array(titleText(1, L.recipient)).max(L.recipients).default([]),
});
export type DocumentSettings = z.output<typeof documentSettingsSchema>;

/** A place a clerk fills in by hand, as drafts do, until the organizer sets one. */
export const PLACE_TO_FILL = '\u2026\u2026\u2026';

/**
 * What a contest without stored settings prints: the organizing committee issues and its head (from the roster, if
 * any) signs, so a fresh contest's documents are valid drafts; the place is left for the clerk.
 */
export function defaultDocumentSettings(committeeHead: string | null): DocumentSettings {
  const head = { collective: 'Ban Tổ chức', deputyFor: '', position: 'Trưởng ban' };
  return {
    superior: '',
    issuer: 'Ban Tổ chức cuộc thi',
    abbr: 'BTC',
    place: PLACE_TO_FILL,
    signer: { ...head, fullName: committeeHead ?? '' },
    committeeSigner: { ...head, fullName: '' },
    recipients: [],
  };
}

/** The committee that issues certificates (certificate-rows.ts). */
const COMMITTEE = 'Ban Tổ chức cuộc thi';

/**
 * The line above the organizing committee on a certificate: the body that set it up, which is the issuer of the
 * decisions, unless the committee issues them itself (the default), then the issuer's own parent.
 */
export function certificateSuperiorOf(s: DocumentSettings): string {
  return s.issuer.toLocaleLowerCase('vi') === COMMITTEE.toLocaleLowerCase('vi') ? s.superior : s.issuer;
}

export function signatureOf(s: DocumentSigner, fullName?: string): SignatureBlock {
  return {
    ...(s.collective ? { collective: s.collective } : {}),
    ...(s.deputyFor ? { signingFor: { kind: 'KT' as const, headTitle: s.deputyFor } } : {}),
    position: s.position,
    fullName: fullName?.trim() || s.fullName,
  };
}

/** The line above the grounds of a decision: the head's title and the body, "Chủ tịch Ủy ban nhân dân huyện …". */
export function issuerTitleOf(s: DocumentSettings): string {
  return `${s.signer.deputyFor || s.signer.position} ${s.issuer}`;
}
