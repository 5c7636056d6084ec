import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';

/**
 * Answers in the 4xx range are final (wrong input, no right, not found): only network and server failures are
 * retried. The server renders each page with a client of its own, made the same way.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, err) => !(err instanceof ApiError && err.status < 500) && failures < 2,
      },
    },
  });
}

export const queryClient = makeQueryClient();
