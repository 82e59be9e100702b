import { useQueryClient } from '@tanstack/preact-query';
import { useBackgroundQueries } from '@/lib/client/ui/background-queries';
import { queryKeys } from '@/lib/client/ui/query-keys';

/**
 * For the options page after a sign-in, a sign-out or a join: everything read before belongs to
 * the previous session, both what was read from the background (background-queries.ts) and what
 * the admin screens read with TanStack Query.
 */
export function useRefreshEverything(): () => Promise<void> {
  const queries = useBackgroundQueries();
  const queryClient = useQueryClient();
  return () => {
    queries.invalidate(queryKeys.all);
    return queryClient.invalidateQueries({ queryKey: queryKeys.all });
  };
}
