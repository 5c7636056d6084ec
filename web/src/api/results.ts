import { useQuery } from '@tanstack/react-query';
import { api, enc } from './client.ts';

export interface PublicWinner {
  entryId: number;
  code: string;
  title: string;
  recipient: { kind: 'unit' | 'group' | 'person'; name: string };
  authors: string[];
  unitName: string | null;
  pageUrl: string | null;
  posterUrl: string | null;
  masterUrl: string | null;
  votes: number | null;
  fanpageScore: number | null;
}

export type PublicPlace =
  | { kind: 'awarded'; byCommittee: boolean; winner: PublicWinner }
  | { kind: 'unawarded'; reason: { vi: string; en: string } };

export interface PublicResults {
  contest: { slug: string; name: string; timeZone: string };
  version: number;
  announcedAt: string;
  amendments: { version: number; amendsVersion: number; at: string; reason: string }[];
  prizes: {
    prizeIndex: number;
    name: string;
    nameEn: string | null;
    kind: 'jury' | 'public_vote';
    amountVnd: number;
    voteSource: 'platform' | 'fanpage' | null;
    voteRule: { vi: string; en: string } | null;
    places: PublicPlace[];
  }[];
  votes: {
    final: boolean;
    totals: { counted: number; quarantined: number; invalidated: number };
    reasons: { status: 'quarantined' | 'invalidated'; code: string; count: number; vi: string; en: string }[];
  } | null;
}

export function usePublicResults(slug: string) {
  return useQuery({
    queryKey: ['public-results', slug],
    queryFn: () => api<PublicResults>(`/api/public/contests/${enc(slug)}/results`),
    enabled: slug !== '',
    retry: false,
  });
}
