import { describe, expect, it } from 'vitest';
import { localizeIssue } from '../validation-messages.ts';
import {
  defaultDocumentSettings,
  documentSettingsSchema,
  issuerTitleOf,
  signatureOf,
  type DocumentSettings,
} from './document-settings.ts';
import { signatureLines } from './signature-block.ts';

const PLAN: DocumentSettings = {
  superior: '',
  issuer: 'Ủy ban nhân dân huyện Vĩnh Linh',
  abbr: 'UBND',
  place: 'Vĩnh Linh',
  signer: { collective: 'Ủy ban nhân dân', deputyFor: '', position: 'Chủ tịch', fullName: 'Thái Văn Thành' },
  committeeSigner: { collective: 'Ban Tổ chức', deputyFor: '', position: 'Trưởng ban', fullName: 'Lê Văn Hòa' },
  recipients: ['Sở Nội vụ', 'TT Huyện ủy'],
};

describe('document settings', () => {
  it('store names composed (NFC) and trimmed', () => {
    const parsed = documentSettingsSchema.parse({
      ...PLAN,
      issuer: ` ${'Ủy ban nhân dân huyện Vĩnh Linh'.normalize('NFD')} `,
      signer: { ...PLAN.signer, fullName: 'Thái Văn Thành'.normalize('NFD') },
    });
    expect(parsed.issuer).toBe('Ủy ban nhân dân huyện Vĩnh Linh');
    expect(parsed.signer.fullName).toBe('Thái Văn Thành');
    expect(parsed.signer.fullName.normalize('NFC')).toBe(parsed.signer.fullName);
  });

  it('refuse an empty issuer, place or signer with a message naming the field and the fix', () => {
    const r = documentSettingsSchema.safeParse({
      ...PLAN,
      issuer: '   ',
      place: '',
      signer: { ...PLAN.signer, fullName: '\u200b' },
    });
    expect(r.success).toBe(false);
    const byPath = new Map(r.error!.issues.map((i) => [i.path.join('.'), localizeIssue(i as never, 'vi')]));
    expect(byPath.get('issuer')).toContain('cơ quan ban hành');
    expect(byPath.get('place')).toContain('địa danh');
    expect([...byPath.keys()]).toContain('signer.fullName');
  });

  it('keep the certificate and decision layout sane: long names and too many recipients are refused', () => {
    expect(documentSettingsSchema.safeParse({ ...PLAN, issuer: 'Ủy ban '.repeat(30) }).success).toBe(false);
    expect(documentSettingsSchema.safeParse({ ...PLAN, place: 'V'.repeat(51) }).success).toBe(false);
    expect(documentSettingsSchema.safeParse({ ...PLAN, recipients: Array(16).fill('Sở') }).success).toBe(false);
    expect(documentSettingsSchema.safeParse({ ...PLAN, abbr: 'ubnd' }).success).toBe(false);
  });

  it('give the signature block with TM. and KT., and the issuer line above the grounds', () => {
    expect(signatureLines(signatureOf(PLAN.signer)).authority).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
    const deputy = { ...PLAN.signer, deputyFor: 'Chủ tịch', position: 'Phó Chủ tịch' };
    expect(signatureLines(signatureOf(deputy, 'Hồ Sĩ Ỷ'))).toEqual({
      authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
      fullName: 'Hồ Sĩ Ỷ',
    });
    expect(issuerTitleOf(PLAN)).toBe('Chủ tịch Ủy ban nhân dân huyện Vĩnh Linh');
  });

  it('default to the organizing committee and its head so a fresh contest prints valid drafts', () => {
    const d = defaultDocumentSettings('Lê Văn Hòa');
    expect(d.issuer).toBe('Ban Tổ chức cuộc thi');
    expect(signatureLines(signatureOf(d.committeeSigner)).authority).toEqual(['TM. BAN TỔ CHỨC', 'TRƯỞNG BAN']);
    expect(d.signer.fullName).toBe('Lê Văn Hòa');
    // No name for the certificates' signer: the committee's head on the roster when they are issued.
    expect(d.committeeSigner.fullName).toBe('');
    expect(d.place.length).toBeGreaterThan(0);
  });
});
