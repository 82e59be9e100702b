// Who held a ticket, in order: shown on the ticket's first screen (content script) and in the
// reassign dialog (the ticket view's script), so it lives apart from the timeline's wording.
import type { TicketEvent } from '@/lib/protocol/entities';

export type NameOf = (userId: string | null) => string;

/** Who held the ticket, in order: the first assignee, then each handoff's target. */
export function handoffChain(events: readonly TicketEvent[], nameOf: NameOf): string[] {
  const chain: string[] = [];
  for (const event of events) {
    if (event.type === 'created' && event.data.assigneeId) chain.push(nameOf(event.data.assigneeId));
    if (event.type === 'assigned') chain.push(nameOf(event.data.to));
    if (event.type === 'reassigned') {
      if (chain.length === 0 && event.data.from) chain.push(nameOf(event.data.from));
      chain.push(nameOf(event.data.to));
    }
  }
  return chain;
}
