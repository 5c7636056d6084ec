import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ATTEMPTS, auditDetailFields, auditSentence } from './audit-sentences.ts';
import { ACTIONS } from './roles.ts';

const TZ = 'Asia/Ho_Chi_Minh';

describe('the audit log in words', () => {
  it('says who did what to which entry, unit or person, in each language', () => {
    const review = {
      action: 'entry.review',
      outcome: 'ok',
      actorName: 'Lê Thị Thư',
      targetLabel: '«Một cửa điện tử» (VL-001)',
      details: {},
    };
    expect(auditSentence(review, 'vi')).toBe('Lê Thị Thư thẩm định tác phẩm «Một cửa điện tử» (VL-001).');
    expect(auditSentence(review, 'en')).toBe('Lê Thị Thư reviewed the entry «Một cửa điện tử» (VL-001).');
    const grant = { action: 'role.grant', outcome: 'ok', actorName: 'Quản trị', targetLabel: 'Phan Văn Chấm' };
    expect(auditSentence({ ...grant, details: { role: 'juror' } }, 'vi')).toBe(
      'Quản trị giao vai trò cho Phan Văn Chấm.',
    );
    expect(auditSentence({ ...grant, actorName: null, details: {} }, 'en')).toBe(
      'The system gave a role to Phan Văn Chấm.',
    );
    expect(
      auditSentence(
        { action: 'entry.publish', outcome: 'ok', actorName: 'B', targetLabel: null, details: { entries: [1, 2, 3] } },
        'vi',
      ),
    ).toBe('B đăng 3 tác phẩm.');
  });

  it('says what a refused attempt was, and falls back to the code for an action it does not know', () => {
    const denied = { action: 'units.edit', outcome: 'denied', actorName: 'Giám khảo', targetLabel: null, details: {} };
    expect(auditSentence(denied, 'vi')).toBe('Giám khảo không có quyền sửa danh sách đơn vị; thao tác bị từ chối.');
    expect(auditSentence(denied, 'en')).toBe('Giám khảo was refused: no permission to edit the units.');
    expect(auditSentence({ ...denied, action: 'votes.rig' }, 'en')).toBe(
      'Giám khảo was refused: no permission to «votes.rig».',
    );
    expect(auditSentence({ ...denied, action: 'unit.merge', outcome: 'ok' }, 'vi')).toBe('Giám khảo: «unit.merge».');
  });

  it('has words for every permission a refusal can name', () => {
    expect(Object.keys(ACTIONS).filter((a) => !AUDIT_ATTEMPTS[a])).toEqual([]);
  });

  it('gives the details as labelled fields, not JSON: dates in the contest zone, lists, yes and no', () => {
    const fields = auditDetailFields(
      { code: 'VL-001', round: 1, previous: '2026-12-10T10:00:00.000Z', phases: ['submission', 'review'], demo: false },
      'vi',
      TZ,
    );
    expect(fields.map((f) => `${f.label}: ${f.value}`)).toEqual([
      'Mã tác phẩm: VL-001',
      'Lượt thẩm định: 1',
      'Hạn cũ: 10/12/2026 17:00',
      'Giai đoạn: submission, review',
      'Dữ liệu mẫu: không',
    ]);
    expect(auditDetailFields({ reason: null }, 'en', TZ)).toEqual([{ key: 'reason', label: 'Reason', value: '—' }]);
    expect(auditDetailFields(null, 'en', TZ)).toEqual([]);
  });
});

describe('every action the server records', () => {
  it('has a sentence in both languages (the log reader would otherwise show its code)', () => {
    const server = fileURLToPath(new URL('../server', import.meta.url));
    const files = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
        );
    const recorded = new Set<string>();
    for (const file of files(server))
      for (const line of fs.readFileSync(file, 'utf8').split('\n'))
        if (/\baction: [^s]/.test(line) || /\baudit\('/.test(line))
          for (const m of line.matchAll(/'([a-z]+\.[a-zA-Z]+)'/g)) recorded.add(m[1]!);
    expect(recorded.size).toBeGreaterThan(80);
    expect([...recorded].filter((a) => !AUDIT_ACTIONS[a]?.vi || !AUDIT_ACTIONS[a]?.en)).toEqual([]);
  });
});
