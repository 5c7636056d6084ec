import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { can, type Action, type ContestRole, type Principal } from '@core/roles.ts';
import { withChallengeIfAsked } from '../lib/proof-of-work.ts';
import { useHydrated } from '../ssr/render-context.ts';
import { api, setCsrfToken } from './client.ts';
import type { SessionInfo } from './types.ts';

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<SessionInfo> {
  const s = await api<SessionInfo>('/api/auth/session');
  setCsrfToken(s.csrfToken);
  return s;
}

/**
 * Who is logged in, their roles per contest and the CSRF token; fetched once at start.
 *
 * While a server-rendered page hydrates it is nobody, as on the server: a page hydrates in parts (each lazy route
 * after its code arrives), and the answer could otherwise arrive between two parts and give one of them the
 * logged-in visitor's links that the server's HTML does not have (React error #418). The visitor's own parts are
 * drawn right after hydration.
 */
export function useSession(): UseQueryResult<SessionInfo> {
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 5 * 60_000 });
  const hydrated = useHydrated();
  return hydrated ? query : ({ ...query, data: undefined } as UseQueryResult<SessionInfo>);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    // After many wrong passwords for an identifier the server asks for a solved challenge: solve it and send again.
    mutationFn: (body: { identifier: string; password: string; onSolving?: () => void }) =>
      withChallengeIfAsked(
        'auth.challengeRequired',
        (altcha) =>
          api<SessionInfo>('/api/auth/login', {
            method: 'POST',
            json: { identifier: body.identifier, password: body.password, ...(altcha ? { altcha } : {}) },
          }),
        body.onSolving,
      ),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      qc.setQueryData(SESSION_KEY, s);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ ok: true }>('/api/auth/logout', { method: 'POST' }),
    onSuccess: async () => {
      // Nothing fetched under the old session may be shown to whoever uses the browser next.
      qc.removeQueries({ type: 'inactive' });
      await qc.invalidateQueries();
    },
  });
}

/** The caller as `can()` sees them in one contest. */
export function principalFor(session: SessionInfo | undefined, slug: string): Principal | null {
  if (!session?.user) return null;
  const roles = session.memberships.filter((m) => m.slug === slug).map((m) => m.role as ContestRole);
  return { isSiteAdmin: session.user.isSiteAdmin, roles };
}

export function useCan(slug: string): (action: Action) => boolean {
  const { data } = useSession();
  const principal = principalFor(data, slug);
  return (action) => can(principal, action);
}
