/**
 * The decisions establishing the organizing committee (Ban Tổ chức) and the jury (Ban Giám khảo) of a contest, drafted
 * from its roster (R4; plan V.1): the chair of the People's Committee establishes the body, Điều 1 lists its members
 * with their positions and roles (the head first, the secretary last), Điều 2 says what the body does, Điều 3 who
 * carries the decision out. A draft: the number and the day are left for the records office.
 */
import { z } from 'zod';
import type { RosterBody } from '../roles.ts';
import { ROSTER_ROLES, ROSTER_ROLE_LABELS, type RosterRole } from '../roster.ts';
import { administrativeDocument, type AdministrativeDocument, type IssuingBody } from './administrative-document.ts';
import { bodyAbbrSchema } from './document-number.ts';
import type { SignatureBlock } from './signature-block.ts';
import { docLine } from './text.ts';

export const DECIDED_BODIES = ['organizing_committee', 'jury'] as const satisfies readonly RosterBody[];
export type DecidedBody = (typeof DECIDED_BODIES)[number];

const line = (max: number) => z.string().trim().min(1).max(max);

/**
 * What a request may give for one decision: the body, and overrides of the contest's stored document details
 * (core/documents/document-settings.ts) for this one document; further grounds are the document's own.
 */
export const rosterDecisionOptionsSchema = z.object({
  body: z.enum(DECIDED_BODIES),
  /** "Ủy ban nhân dân huyện Vĩnh Linh". */
  issuer: line(200).optional(),
  /** "UBND". */
  abbr: bodyAbbrSchema.optional(),
  /** The place name of the date line: "Vĩnh Linh". */
  place: line(100).optional(),
  /** The signer's name, instead of the stored one. */
  signer: z.string().trim().max(200).optional(),
  /** Further "Căn cứ …" lines (the laws, the plan), one per line. */
  grounds: z.string().trim().max(4000).default(''),
});
export type RosterDecisionOptions = z.infer<typeof rosterDecisionOptionsSchema>;

export interface RosterDecisionMember {
  fullName: string;
  position: string | null;
  roleInBody: RosterRole;
}

export interface RosterDecisionInput {
  body: DecidedBody;
  issuer: string;
  /** Default "UBND". */
  abbr?: string;
  /** The issuing body's parent (cơ quan chủ quản), above it in the header. */
  superior?: string;
  place: string;
  /** The signer's name; empty on a draft whose signer is not known yet. */
  signer?: string;
  /** The signature block; default: the chair signs for the People's Committee (TM. / Chủ tịch). */
  signature?: SignatureBlock;
  /** The line above the grounds; default "Chủ tịch <issuer>". */
  issuerTitle?: string;
  /** "Nơi nhận" after "Như Điều 3"; default the committee's standing members. */
  recipients?: readonly string[];
  grounds?: string;
  contestName: string;
  draftYear: number;
  members: readonly RosterDecisionMember[];
}

const BODY_NAMES: Record<DecidedBody, string> = {
  organizing_committee: 'Ban Tổ chức',
  jury: 'Ban Giám khảo',
};

const DUTIES: Record<DecidedBody, string[]> = {
  organizing_committee: [
    'Ban Tổ chức có nhiệm vụ xây dựng và ban hành thể lệ, triển khai, hướng dẫn, theo dõi việc tổ chức Cuộc thi; ' +
      'thành lập Ban Giám khảo; xét, quyết định và công bố kết quả; tổ chức trao giải theo Kế hoạch.',
    'Trưởng ban phân công nhiệm vụ cụ thể cho các thành viên. ' +
      'Ban Tổ chức tự giải thể sau khi hoàn thành nhiệm vụ.',
  ],
  jury: [
    'Ban Giám khảo có nhiệm vụ chấm các tác phẩm dự thi theo thể lệ và tiêu chí chấm của Cuộc thi, bảo đảm khách ' +
      'quan, công bằng; lập biên bản chấm thi và đề xuất Ban Tổ chức xét trao giải.',
    'Trưởng ban phân công nhiệm vụ cụ thể cho các thành viên. ' +
      'Ban Giám khảo tự giải thể sau khi hoàn thành nhiệm vụ.',
  ],
};

/** "Ủy ban nhân dân huyện Vĩnh Linh" is set on two lines, the body and its place, as NĐ30's examples do. */
export function issuerLines(issuer: string): string[] {
  const name = docLine(issuer);
  const m = /^(Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân)\s+(.+)$/iu.exec(name);
  return m ? [m[1]!, m[2]!] : [name];
}

/** Members in the order a decision lists them: by role, then as entered. */
export function orderedMembers<M extends RosterDecisionMember>(members: readonly M[]): M[] {
  return members
    .map((m, i) => ({ m, i }))
    .sort((a, b) => ROSTER_ROLES.indexOf(a.m.roleInBody) - ROSTER_ROLES.indexOf(b.m.roleInBody) || a.i - b.i)
    .map(({ m }) => m);
}

export function memberLine(m: RosterDecisionMember, no: number, last: boolean): string {
  const position = m.position ? docLine(m.position) : '';
  const role = ROSTER_ROLE_LABELS[m.roleInBody].vi;
  return `${no}. ${docLine(m.fullName)}${position ? `, ${position}` : ''} – ${role}${last ? '.' : ';'}`;
}

export function rosterDecision(d: RosterDecisionInput): AdministrativeDocument {
  if (d.members.length === 0) throw new RangeError('A body is established with at least one member.');
  const contest = docLine(d.contestName);
  const bodyName = BODY_NAMES[d.body];
  const issuing: IssuingBody = {
    ...(d.superior ? { superior: d.superior } : {}),
    nameLines: issuerLines(d.issuer),
    abbr: d.abbr ?? 'UBND',
    place: d.place,
  };
  const extra = (d.grounds ?? '')
    .split('\n')
    .map((g) => docLine(g))
    .filter(Boolean)
    .map((g) => g.replace(/[;.]*$/, ';'));
  const members = orderedMembers(d.members);
  return administrativeDocument({
    header: { body: issuing, symbol: { type: 'quyet_dinh' }, number: null, date: null, draftYear: d.draftYear },
    typeName: 'Quyết định',
    subject: `Về việc thành lập ${bodyName} Cuộc thi “${contest}”`,
    issuerLine: d.issuerTitle ?? `Chủ tịch ${docLine(d.issuer)}`,
    grounds: [...extra, `Căn cứ Kế hoạch tổ chức Cuộc thi “${contest}”;`, 'Xét đề nghị của Trưởng phòng Nội vụ.'],
    operative: true,
    articles: [
      {
        label: 'Điều 1.',
        paragraphs: [
          `Thành lập ${bodyName} Cuộc thi “${contest}”, gồm các ông (bà) có tên sau:`,
          ...members.map((m, i) => memberLine(m, i + 1, i === members.length - 1)),
        ],
      },
      { label: 'Điều 2.', paragraphs: DUTIES[d.body] },
      {
        label: 'Điều 3.',
        paragraphs: [
          'Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Trưởng phòng Nội vụ, Thủ trưởng các cơ ' +
            'quan, đơn vị liên quan và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.',
        ],
      },
    ],
    signature: d.signature ?? {
      collective: issuerLines(d.issuer)[0],
      position: 'Chủ tịch',
      fullName: d.signer ?? '',
    },
    recipients: ['Như Điều 3', ...(d.recipients ?? [`Thường trực ${docLine(d.issuer)}`])],
    archive: ['VT', 'NV'],
  });
}
