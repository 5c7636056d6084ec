import { blankContest, type ContestCopy, type ContestIdentity, type ContestStatus } from '@core/contest-lifecycle.ts';
import { api, enc } from './client.ts';

type Created = { id: number; slug: string };

/** A new contest with only its name and slug, kept as a draft until published. */
export function createBlankContest(slug: string, name: string): Promise<Created> {
  return api<Created>('/api/contests', { method: 'POST', json: { ...blankContest(slug, name), status: 'draft' } });
}

export function copyContest(sourceSlug: string, body: ContestCopy): Promise<Created> {
  return api<Created>(`/api/contests/${enc(sourceSlug)}/copy`, { method: 'POST', json: body });
}

export function renameContest(slug: string, body: ContestIdentity): Promise<{ slug: string; name: string }> {
  return api(`/api/contests/${enc(slug)}`, { method: 'PATCH', json: body });
}

export function setContestStatus(slug: string, status: ContestStatus): Promise<{ status: ContestStatus }> {
  return api(`/api/contests/${enc(slug)}/status`, { method: 'POST', json: { status } });
}

export interface DemoContents {
  slug: string;
  name: string;
  units: number;
  rosterMembers: number;
  roles: number;
  entries: number;
  uploads: number;
  newsPosts: number;
}

export function demoContents(slug: string): Promise<DemoContents> {
  return api<DemoContents>(`/api/contests/${enc(slug)}/demo-contents`);
}

export function deleteDemoContest(slug: string): Promise<DemoContents> {
  return api<DemoContents>(`/api/contests/${enc(slug)}`, { method: 'DELETE' });
}
