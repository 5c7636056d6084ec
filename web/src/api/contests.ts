import { useQuery } from '@tanstack/react-query';
import { api, enc } from './client.ts';
import type { ContestSummary, ContestView } from './types.ts';

export const contestKey = (slug: string) => ['contest', slug] as const;

export function useContests() {
  return useQuery({ queryKey: ['contests'], queryFn: () => api<ContestSummary[]>('/api/contests') });
}

export function useContest(slug: string, enabled = true) {
  return useQuery({
    queryKey: contestKey(slug),
    queryFn: () => api<ContestView>(`/api/contests/${enc(slug)}`),
    enabled: enabled && slug !== '',
  });
}
