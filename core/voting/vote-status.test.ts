import { describe, expect, it } from 'vitest';
import { planStaffDecision, transitionAllowed } from './vote-status.ts';

describe('transitionAllowed', () => {
  it('lets the integrity checks only move counted votes to quarantine', () => {
    expect(transitionAllowed('counted', 'quarantined', 'integrity')).toBe(true);
    expect(transitionAllowed('quarantined', 'counted', 'integrity')).toBe(false);
    expect(transitionAllowed('counted', 'invalidated', 'integrity')).toBe(false);
  });

  it('lets staff count or invalidate from any other status, never quarantine by hand', () => {
    expect(transitionAllowed('quarantined', 'counted', 'staff')).toBe(true);
    expect(transitionAllowed('quarantined', 'invalidated', 'staff')).toBe(true);
    expect(transitionAllowed('counted', 'invalidated', 'staff')).toBe(true);
    expect(transitionAllowed('invalidated', 'counted', 'staff')).toBe(true);
    expect(transitionAllowed('counted', 'quarantined', 'staff')).toBe(false);
    expect(transitionAllowed('counted', 'counted', 'staff')).toBe(false);
  });
});

describe('planStaffDecision', () => {
  const batch = [
    { id: 1, status: 'quarantined' as const },
    { id: 2, status: 'quarantined' as const },
  ];

  it('counts a batch after review with the public reason "reviewed and counted"', () => {
    expect(planStaffDecision(batch, { to: 'counted' }, '', false)).toEqual({
      ok: true,
      changes: [
        { voteId: 1, from: 'quarantined', to: 'counted', reasons: ['staff_counted'] },
        { voteId: 2, from: 'quarantined', to: 'counted', reasons: ['staff_counted'] },
      ],
    });
  });

  it('invalidates a batch with a public reason and a note for the audit log', () => {
    const r = planStaffDecision(
      batch,
      { to: 'invalidated', reason: 'staff_fraud' },
      'Cùng một máy, 40 số thuê bao',
      false,
    );
    expect(r.ok && r.changes.map((c) => c.reasons)).toEqual([['staff_fraud'], ['staff_fraud']]);
  });

  it('needs a note of ten characters to invalidate', () => {
    expect(planStaffDecision(batch, { to: 'invalidated', reason: 'staff_other' }, '  gian lận ', false)).toEqual({
      ok: false,
      problem: { code: 'quarantine.reasonRequired', params: { min: 10 } },
    });
  });

  it('refuses the whole batch when some votes were already handled', () => {
    const stale = [...batch, { id: 3, status: 'counted' as const }];
    expect(planStaffDecision(stale, { to: 'counted' }, '', false)).toEqual({
      ok: false,
      problem: { code: 'quarantine.notAllowed', params: { count: 1 } },
    });
  });

  it('changes nothing once the results are final', () => {
    expect(planStaffDecision(batch, { to: 'counted' }, '', true)).toEqual({
      ok: false,
      problem: { code: 'quarantine.resultsFinal', params: {} },
    });
  });
});
