// A busy workspace for the live-update figure: a colleague (the demo owner) changes the priority of
// other tickets at a steady rate through the API, as a team at work does, while the bench measures
// how fast one operator's change reaches another operator's sidebar.
import { signInApi } from '../test/e2e/support/api';

interface TicketVersion {
  id: string;
  number: number;
  version: number;
  priority: string;
}

export interface BusyColleagues {
  stop(): Promise<{ changes: number; failures: number }>;
}

export async function startBusyColleagues(
  serverUrl: string,
  options: { perSecond: number; sparedTicketNumber: number },
): Promise<BusyColleagues> {
  const token = await signInApi(serverUrl, 'owner@demo.test');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const feed = (await (await fetch(`${serverUrl}/v1/changes?since=0`, { headers })).json()) as { tickets: TicketVersion[] };
  const tickets = feed.tickets.filter((ticket) => ticket.number !== options.sparedTicketNumber);
  if (tickets.length === 0) throw new Error('the demo workspace has no other ticket to change');
  let running = true;
  let changes = 0;
  let failures = 0;
  const loop = (async () => {
    for (let turn = 0; running; turn += 1) {
      const ticket = tickets[turn % tickets.length]!;
      const priority = ticket.priority === 'high' ? 'normal' : 'high';
      const response = await fetch(`${serverUrl}/v1/tickets/${ticket.id}`, {
        method: 'PATCH',
        headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ priority, expectedVersion: ticket.version }),
      });
      const body = (await response.json()) as { ticket?: TicketVersion; error?: { details?: { current?: TicketVersion } } };
      const current = body.ticket ?? body.error?.details?.current;
      if (response.ok) changes += 1;
      else failures += 1;
      if (current) Object.assign(ticket, { version: current.version, priority: current.priority });
      await new Promise((resolve) => setTimeout(resolve, 1000 / options.perSecond));
    }
  })();
  return {
    // Safe to call twice: the second call waits for the same end.
    async stop() {
      running = false;
      await loop;
      return { changes, failures };
    },
  };
}
