import type { Action } from '@core/roles.ts';

/** The staff area's tabs, each shown only to those `can()` allows. */
export const TABS = [
  { key: 'settings', action: 'contest.edit' },
  { key: 'entries', action: 'entries.viewAll' },
  { key: 'review', action: 'entries.review' },
  { key: 'judging', action: 'contest.viewStaffArea' },
  { key: 'compliance', action: 'entries.viewAll' },
  { key: 'publication', action: 'entries.publish' },
  { key: 'reports', action: 'reports.handle' },
  { key: 'voting', action: 'votes.view' },
  { key: 'awards', action: 'awards.view' },
  { key: 'news', action: 'news.edit' },
  { key: 'units', action: 'units.view' },
  { key: 'roster', action: 'roster.view' },
  { key: 'paperwork', action: 'budget.view' },
  { key: 'roles', action: 'roles.view' },
  { key: 'storage', action: 'media.manage' },
  { key: 'references', action: 'references.manage' },
  { key: 'audit', action: 'audit.view' },
] as const satisfies readonly { key: string; action: Action }[];

export type TabKey = (typeof TABS)[number]['key'];
