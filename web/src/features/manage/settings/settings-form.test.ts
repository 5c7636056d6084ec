import { describe, expect, it } from 'vitest';
import type { ContestView } from '../../../api/types.ts';
import { fieldForIssue, rubricTotal, toContestUpdate, toSettingsValues } from './settings-form.ts';

const view: ContestView = {
  id: 1,
  slug: 'thu',
  isDemo: false,
  status: 'published',
  name: 'Cuộc thi thử',
  theme: 'Chủ đề',
  topics: ['Một'],
  rulesMarkdown: '## Thể lệ',
  timeZone: 'Asia/Ho_Chi_Minh',
  entryRules: {
    allowedForms: ['video_clip', 'report'],
    minDurationSec: 300,
    maxDurationSec: 630,
    allowedResolutions: [{ width: 1280, height: 720 }],
    aspectRatio: { width: 16, height: 9 },
    containers: ['mp4'],
    maxSizeBytes: 4 * 1024 ** 3,
    uploadGraceMinutes: 60,
  },
  prizes: [{ name: 'Giải Nhất', nameEn: 'First prize', kind: 'jury', count: 1, amountVnd: 5_000_000 }],
  rubric: [{ name: 'Nội dung', weight: 100, scaleMax: 10 }],
  maxEntriesPerPerson: 2,
  phases: [
    { kind: 'production', startsAt: '2024-03-14T17:00:00.000Z', endsAt: '2024-06-20T17:00:00.000Z' },
    { kind: 'submission', startsAt: '2024-06-19T17:00:00.000Z', endsAt: '2024-06-25T17:00:00.000Z' },
  ],
  unitCategories: [{ id: 7, code: 'commune', name: 'UBND xã', nameEn: 'Commune', minEntries: 1, maxEntries: 2 }],
  totalPrizeMoneyVnd: 5_000_000,
  serverTime: '2024-06-21T00:00:00.000Z',
  phaseState: 'open',
  currentPhase: 'submission',
  openPhases: ['production', 'submission'],
  next: null,
  updatedAt: '2024-06-01T00:00:00.000Z',
};

describe('settings form', () => {
  it('shows phase times as wall-clock times in the contest zone and sends them back unchanged', () => {
    const values = toSettingsValues(view);
    expect(values.phases.submission).toEqual({ start: '2024-06-20T00:00', end: '2024-06-26T00:00' });
    expect(values.phases.judging).toEqual({ start: '', end: '' });
    expect(values.entryRules).toMatchObject({
      minMinutes: 5,
      minSeconds: 0,
      maxMinutes: 10,
      maxSeconds: 30,
      maxSize: 4,
      maxSizeUnit: 'GB',
    });
    const out = toContestUpdate(values);
    if (!out.ok) throw new Error('expected a body');
    expect(out.body.phases).toEqual(view.phases);
    expect(out.body.entryRules).toEqual(view.entryRules);
    expect(out.body.unitCategories).toEqual([
      { code: 'commune', name: 'UBND xã', nameEn: 'Commune', minEntries: 1, maxEntries: 2 },
    ]);
    expect(out.phaseKinds).toEqual(['production', 'submission']);
  });

  it('reads a new end time in the contest zone', () => {
    const values = toSettingsValues(view);
    values.phases.submission.end = '2024-06-27T17:00';
    const out = toContestUpdate(values);
    expect(out.ok && out.body.phases[1]!.endsAt).toBe('2024-06-27T10:00:00.000Z');
  });

  it('reports a phase with only one of its two times', () => {
    const values = toSettingsValues(view);
    values.phases.judging = { start: '2024-09-01T00:00', end: '' };
    expect(toContestUpdate(values)).toEqual({
      ok: false,
      issues: [{ name: ['phases', 'judging', 'end'], key: 'settings.phases.endMissing' }],
    });
  });

  it('drops empty English names', () => {
    const values = toSettingsValues(view);
    values.prizes[0]!.nameEn = '  ';
    const out = toContestUpdate(values);
    expect(out.ok && out.body.prizes[0]!.nameEn).toBeUndefined();
  });

  it('maps server issue paths to form fields', () => {
    const kinds = ['production', 'submission'] as const;
    expect(fieldForIssue('phases.1.endsAt', kinds)).toEqual(['phases', 'submission', 'end']);
    expect(fieldForIssue('prizes.0.amountVnd', kinds)).toEqual(['prizes', 0, 'amountVnd']);
    expect(fieldForIssue('entryRules.maxDurationSec', kinds)).toEqual(['entryRules', 'maxMinutes']);
    expect(fieldForIssue('entryRules.aspectRatio.height', kinds)).toEqual(['entryRules', 'aspectRatio', 'height']);
    expect(fieldForIssue('rubric', kinds)).toEqual(['rubric']);
    expect(fieldForIssue('unitCategories.0.code', kinds)).toEqual(['unitCategories', 0, 'code']);
    expect(fieldForIssue('phases', kinds)).toBeNull();
    expect(fieldForIssue('somethingElse', kinds)).toBeNull();
  });

  it('adds up rubric weights', () => {
    expect(rubricTotal([{ weight: 40 }, { weight: 30 }, { weight: 30.5 }, {}])).toBe(100.5);
  });
});
