import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';

/**
 * Answers in the 4xx range are final (wrong input, no right, not found): only network and server failures are
 * retried.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failures, err) => !(err instanceof ApiError && err.status < 500) && failures < 2,
    },
  },
});
