import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';

export interface ErasureOutcome {
  keptWinners: { id: number; code: string | null; title: string }[];
  entriesErased: number;
  fieldsCleared: number;
  withdrawn: number;
  takenDown: number;
  mediaRemoved: number;
  sessionsEnded: number;
  rolesRemoved: number;
  notificationsDeleted: number;
}

export interface ErasureRequest {
  id: number;
  status: 'pending' | 'done' | 'refused';
  requestedAt: string;
  dueAt: string;
  hoursLeft: number | null;
  note: string;
  handledAt: string | null;
  staffReason: string | null;
  outcome: ErasureOutcome | null;
}

export interface QueuedErasureRequest extends ErasureRequest {
  user: { id: number; fullName: string };
  entries: number;
}

export interface RetentionSettings {
  months: number;
  runs: { kind: 'entrants' | 'voters'; ranAt: string; report: Record<string, unknown> }[];
}

const MINE = ['erasure-request'] as const;
const QUEUE = ['erasure-requests'] as const;
const enc = encodeURIComponent;

export function useMyErasureRequest() {
  return useQuery({ queryKey: MINE, queryFn: () => api<ErasureRequest | null>('/api/account/erasure-request') });
}

export function useRequestErasure() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { password: string; note: string }) =>
      api<ErasureRequest>('/api/account/erasure-request', { method: 'POST', json: body }),
    onSuccess: (r) => qc.setQueryData(MINE, r),
  });
}

export function useErasureQueue() {
  return useQuery({ queryKey: QUEUE, queryFn: () => api<QueuedErasureRequest[]>('/api/admin/erasure-requests') });
}

export function useCarryOutErasure() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      api<ErasureOutcome>(`/api/admin/erasure-requests/${id}/carry-out`, { method: 'POST', json: {} }),
    onSettled: () => qc.invalidateQueries({ queryKey: QUEUE }),
  });
}

export function refuseErasure(id: number, reason: string) {
  return api<{ ok: true }>(`/api/admin/erasure-requests/${id}/refuse`, { method: 'POST', json: { reason } });
}

export const retentionKey = (slug: string) => ['retention', slug] as const;

export function useRetention(slug: string) {
  return useQuery({
    queryKey: retentionKey(slug),
    queryFn: () => api<RetentionSettings>(`/api/contests/${enc(slug)}/retention`),
  });
}

export function setRetention(slug: string, months: number) {
  return api<RetentionSettings>(`/api/contests/${enc(slug)}/retention`, { method: 'PUT', json: { months } });
}
