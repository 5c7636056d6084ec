import { useQuery } from '@tanstack/react-query';
import { api, enc } from './client.ts';
import type {
  Compliance,
  ContestEntryRow,
  EntryDraft,
  EntryView,
  MyEntry,
  Receipt,
  RenditionStatusView,
} from './types.ts';

export const myEntriesKey = ['my-entries'] as const;
export const entryKey = (id: number) => ['entry', id] as const;
export const receiptKey = (id: number) => ['receipt', id] as const;
export const contestEntriesKey = (slug: string) => ['contest-entries', slug] as const;
export const complianceKey = (slug: string) => ['compliance', slug] as const;

/** Upload states in which the server has the whole file but has not given its verdict yet. */
const CHECK_PENDING = new Set(['checking']);

export function useMyEntries(enabled = true) {
  return useQuery({ queryKey: myEntriesKey, queryFn: () => api<MyEntry[]>('/api/me/entries'), enabled });
}

/** An entry; polled every second while its file is being checked on the server. */
export function useEntry(id: number) {
  return useQuery({
    queryKey: entryKey(id),
    queryFn: () => api<EntryView>(`/api/entries/${enc(id)}`),
    enabled: Number.isInteger(id) && id > 0,
    refetchInterval: (q) => (q.state.data?.upload && CHECK_PENDING.has(q.state.data.upload.status) ? 1000 : false),
  });
}

export const renditionsKey = (id: number) => ['renditions', id] as const;

/** The streaming renditions of an entry's accepted file; polled every 2 s while they are being made. */
export function useRenditions(id: number, enabled = true) {
  return useQuery({
    queryKey: renditionsKey(id),
    queryFn: () => api<RenditionStatusView>(`/api/entries/${enc(id)}/renditions`),
    enabled: enabled && id > 0,
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'queued' || q.state.data.status === 'running') ? 2000 : false,
  });
}

export function useReceipt(id: number, enabled = true) {
  return useQuery({
    queryKey: receiptKey(id),
    queryFn: () => api<Receipt>(`/api/entries/${enc(id)}/receipt`),
    enabled: enabled && id > 0,
  });
}

export const createEntry = (slug: string, draft: EntryDraft, opts: { intake?: boolean } = {}) =>
  api<{ id: number }>(`/api/contests/${enc(slug)}/entries${opts.intake ? '?intake=true' : ''}`, {
    method: 'POST',
    json: draft,
  });

export const saveEntry = (slug: string, id: number, draft: EntryDraft) =>
  api<{ id: number }>(`/api/contests/${enc(slug)}/entries/${enc(id)}`, { method: 'PUT', json: draft });

export const submitEntry = (id: number) => api<Receipt>(`/api/entries/${enc(id)}/submit`, { method: 'POST' });

export const withdrawEntry = (id: number) => api<{ ok: true }>(`/api/entries/${enc(id)}/withdraw`, { method: 'POST' });

export interface EntryFilters {
  q?: string;
  status?: 'draft' | 'submitted';
  unitId?: number;
  fileStatus?: 'refused' | 'accepted' | 'checking' | 'none';
}

/** The query string of the staff list and of its Excel export (the same filters). */
function entryFilterQuery(f: EntryFilters): string {
  const p = new URLSearchParams();
  if (f.q?.trim()) p.set('q', f.q.trim());
  if (f.status) p.set('status', f.status);
  if (f.unitId) p.set('unitId', String(f.unitId));
  if (f.fileStatus) p.set('fileStatus', f.fileStatus);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const listContestEntries = (slug: string, f: EntryFilters) =>
  api<ContestEntryRow[]>(`/api/contests/${enc(slug)}/entries${entryFilterQuery(f)}`);

export const entriesXlsxUrl = (slug: string, f: EntryFilters) =>
  `/api/contests/${enc(slug)}/entries.xlsx${entryFilterQuery(f)}`;

export const deleteEntry = (id: number, reason?: string) =>
  api<{ ok: true }>(`/api/entries/${enc(id)}`, { method: 'DELETE', json: reason === undefined ? {} : { reason } });

export const complianceXlsxUrl = (slug: string) => `/api/contests/${enc(slug)}/compliance.xlsx`;

export const getCompliance = (slug: string) => api<Compliance>(`/api/contests/${enc(slug)}/compliance`);
