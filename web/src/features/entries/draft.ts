import type { Author } from '@core/entry.ts';
import type { EntryDraft, Membership, MyEntry } from '../../api/types.ts';

/**
 * The purpose stated with the consent (Law 91/2025/QH15). Written here rather than imported because core/entry.ts
 * also builds zod schemas, which would add zod to the public pages; draft.test.ts fails if these words ever differ
 * from core's.
 */
export const CONSENT_PURPOSE = {
  vi:
    'Thông tin cá nhân (họ tên, chức vụ, đơn vị, địa chỉ, số điện thoại) chỉ dùng để Ban Tổ chức liên hệ, ' +
    'xác minh tác giả, trao giải và lập hồ sơ khen thưởng của cuộc thi; ' +
    'địa chỉ và số điện thoại không được công khai.',
  en:
    'Personal data (name, position, unit, address, phone) is used only for the organizers to contact and verify ' +
    'authors, award prizes and keep the award records of this contest; addresses and phones are never published.',
};

export const AUTHOR_FIELDS = [
  'fullName',
  'position',
  'unitName',
  'address',
  'phone',
  'email',
] as const satisfies readonly (keyof Author)[];

export function emptyAuthor(): Author {
  return { fullName: '', position: '', unitName: '', address: '', phone: '', email: '' };
}

export function emptyDraft(party: EntryDraft['party'], firstAuthor: Partial<Author> = {}): EntryDraft {
  return {
    title: '',
    form: null,
    synopsis: '',
    topicIndex: null,
    party,
    isGroup: false,
    groupName: '',
    authors: [{ ...emptyAuthor(), ...firstAuthor }],
    originalityDeclared: false,
    thirdPartyMaterial: '',
    consentGiven: false,
  };
}

/** The body to save: author rows left entirely blank are placeholders on the screen, not authors. */
export function draftForSaving(d: EntryDraft): EntryDraft {
  return { ...d, authors: d.authors.filter((a) => AUTHOR_FIELDS.some((f) => a[f].trim() !== '')) };
}

/** The units this user represents in a contest (role unit_rep), from the session. */
export function representedUnits(
  memberships: readonly Membership[],
  slug: string,
): { unitId: number; unitName: string | null }[] {
  const seen = new Map<number, string | null>();
  for (const m of memberships) {
    if (m.slug !== slug || m.role !== 'unit_rep' || m.unitId === null) continue;
    // The session may name the unit (newer servers); otherwise the page names it generically.
    const name = (m as Membership & { unitName?: string | null }).unitName ?? null;
    seen.set(m.unitId, name);
  }
  return [...seen].map(([unitId, unitName]) => ({ unitId, unitName }));
}

/**
 * The user's drafts in a contest that "Nộp tác phẩm" offers to continue before it starts another, the one worked on
 * last first. A returned or withdrawn entry is a draft again and counts.
 */
export function openDrafts<T extends Pick<MyEntry, 'status' | 'contestSlug' | 'updatedAt'>>(
  entries: readonly T[],
  slug: string,
): T[] {
  return entries
    .filter((e) => e.status === 'draft' && e.contestSlug === slug)
    .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
}
