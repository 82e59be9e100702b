import { describe, expect, it } from 'vitest';
import type { ResponseMap } from '../shared/message-responses';
import { makeTicket } from '../testing/factories';
import { isAffectedBy, withChangedTickets } from './change-scope';
import { queryKeys } from './query-keys';

const sidebarOf = (ticketId: string | null) => ({ kind: 'ready', ticket: ticketId ? { ticket: { id: ticketId } } : null });
const listOf = (...ticketIds: string[]): ResponseMap['customer.tickets'] => ({
  rows: ticketIds.map((ticketId) => ({ ticketId }) as ResponseMap['customer.tickets']['rows'][number]),
  total: ticketIds.length,
});

describe('isAffectedBy', () => {
  const sidebar = queryKeys.sidebar(['gmail:thread-1']);

  it("should re-read a ticket's sidebar only when that ticket changed", () => {
    expect(isAffectedBy({ ticketIds: ['t-1'] }, sidebar, sidebarOf('t-1'))).toBe(true);
    expect(isAffectedBy({ ticketIds: ['t-2', 't-3'] }, sidebar, sidebarOf('t-1'))).toBe(false);
  });

  it('should re-read on any change what is not known to be about one ticket', () => {
    // Nothing said what changed.
    expect(isAffectedBy({ ticketIds: [] }, sidebar, sidebarOf('t-1'))).toBe(true);
    // The create form: a colleague may just have made this thread a ticket.
    expect(isAffectedBy({ ticketIds: ['t-9'] }, sidebar, sidebarOf(null))).toBe(true);
    // Not answered yet, or signed out.
    expect(isAffectedBy({ ticketIds: ['t-9'] }, sidebar, undefined)).toBe(true);
    expect(isAffectedBy({ ticketIds: ['t-9'] }, sidebar, { kind: 'signed-out' })).toBe(true);
    // Lists of many tickets.
    expect(isAffectedBy({ ticketIds: ['t-9'] }, queryKeys.queues, { queues: [] })).toBe(true);
    expect(isAffectedBy({ ticketIds: ['t-9'] }, queryKeys.colleagues('t-1'), [])).toBe(true);
  });

  it("should re-read a customer's other tickets when one of them changed or a ticket of that customer was written", () => {
    const history = queryKeys.customerTickets('t-1', 'Carla@Example.com');
    const list = listOf('t-2', 't-3');
    expect(isAffectedBy({ ticketIds: ['t-3'], customers: ['someone@else.test'] }, history, list)).toBe(true);
    // A new ticket of the same customer (the list shows five and counts the rest).
    expect(isAffectedBy({ ticketIds: ['t-8'], customers: ['carla@example.com'] }, history, list)).toBe(true);
    expect(isAffectedBy({ ticketIds: ['t-8'] }, history, list)).toBe(true);
    // Another customer's ticket, or only the ticket the list leaves out.
    expect(isAffectedBy({ ticketIds: ['t-8'], customers: ['someone@else.test'] }, history, list)).toBe(false);
    expect(isAffectedBy({ ticketIds: ['t-1'], customers: ['carla@example.com'] }, history, list)).toBe(false);
    expect(isAffectedBy({ ticketIds: ['t-1'] }, history, list)).toBe(false);
  });
});

describe('withChangedTickets', () => {
  const key = queryKeys.sidebar(['gmail:thread-1']);
  const cached = makeTicket({ id: 't-1', version: 4, priority: 'normal' });
  const answer = (pending: boolean) => ({ kind: 'ready', ticket: { ticket: cached, pending, events: [] }, users: [] });

  it('should put a newer row of the open ticket in the answer, and keep the rest of it', () => {
    const newer = { ...cached, version: 5, priority: 'high' as const };
    const before = answer(false);
    const after = withChangedTickets(key, before, [makeTicket({ id: 't-2', version: 9 }), newer]) as ReturnType<typeof answer>;
    expect(after.ticket.ticket).toBe(newer);
    expect(after.ticket.events).toBe(before.ticket.events);
    expect(after.users).toBe(before.users);
  });

  it('should leave the answer as it is for an older or the same row, another ticket, or a change of ours not yet confirmed', () => {
    const newer = { ...cached, version: 5, priority: 'high' as const };
    for (const [data, rows] of [
      [answer(false), [{ ...cached, priority: 'low' as const }]],
      [answer(false), [{ ...cached, version: 3 }]],
      [answer(false), [makeTicket({ id: 't-2', version: 9 })]],
      [answer(true), [newer]],
      [{ kind: 'ready', ticket: null }, [newer]],
      [{ kind: 'signed-out' }, [newer]],
    ] as const) {
      expect(withChangedTickets(key, data, rows)).toBe(data);
    }
    const list = { rows: [] };
    expect(withChangedTickets(queryKeys.popup, list, [newer])).toBe(list);
  });
});
