// Query keys in one place, so invalidation and reads agree (background-queries.ts; the options page's TanStack Query).
export const queryKeys = {
  all: ['sidedesk'] as const,
  sidebar: (threadKeys: readonly string[]) => ['sidedesk', 'sidebar', ...threadKeys] as const,
  colleagues: (ticketId: string) => ['sidedesk', 'colleagues', ticketId] as const,
  viewers: (ticketId: string) => ['sidedesk', 'viewers', ticketId] as const,
  popup: ['sidedesk', 'popup'] as const,
  search: (query: string, remote: boolean) => ['sidedesk', 'search', remote ? 'server' : 'cache', query] as const,
  session: ['sidedesk', 'session'] as const,
  passedAround: ['sidedesk', 'passedAround'] as const,
  queues: ['sidedesk', 'queues'] as const,
  /** The customer is part of the key: a change of another ticket of theirs makes it stale (change-scope.ts). */
  customerTickets: (ticketId: string, customerEmail: string) => ['sidedesk', 'customerTickets', ticketId, customerEmail] as const,
  linkCandidates: (threadKeys: readonly string[]) => ['sidedesk', 'linkCandidates', ...threadKeys] as const,
  deliveryReport: (from: string, to: string, groupBy: string) => ['sidedesk', 'report', 'delivery', from, to, groupBy] as const,
  responseTimeReport: (from: string, to: string, groupBy: string) => ['sidedesk', 'report', 'responseTimes', from, to, groupBy] as const,
  sla: ['sidedesk', 'sla'] as const,
};
