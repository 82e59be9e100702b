// A small in-memory stand-in for the sync server, enough to test the outbox against the real
// contract: idempotency keys, expectedVersion conflicts (409 with details.current), and an
// "offline" switch that makes fetch fail the way a browser does.
import type { Ticket } from '../../protocol';
import { makeChangesPage, makeTicket } from './factories';

interface StoredResponse {
  status: number;
  body: unknown;
}

export interface FakeServer {
  fetch: typeof fetch;
  tickets: Map<string, Ticket>;
  /** Requests the server acted on (replays are answered from the idempotency store and not listed). */
  applied: { method: string; path: string; key: string | null; body: unknown }[];
  online: boolean;
  /** The only bearer token accepted (null: any). */
  token: string | null;
  /** The bearer token of every presence heartbeat, in order. */
  presence: string[];
  /** Tokens signed out with DELETE /session, in order. */
  revoked: string[];
  /** Process the request but lose the response (the client sees a network error). */
  dropNextResponse: boolean;
  version: number;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function createFakeServer(): FakeServer {
  const idempotency = new Map<string, StoredResponse>();
  const server: FakeServer = {
    tickets: new Map(),
    applied: [],
    presence: [],
    revoked: [],
    online: true,
    token: null,
    dropNextResponse: false,
    version: 10,
    fetch: async (input, init) => {
      if (!server.online) throw new TypeError('Failed to fetch');
      if (server.token !== null && new Headers(init?.headers).get('authorization') !== `Bearer ${server.token}`) {
        return json(401, { error: { code: 'unauthenticated', message: 'Sign in again.' } });
      }
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const method = init?.method ?? 'GET';
      const headers = new Headers(init?.headers);
      const key = headers.get('Idempotency-Key');
      const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      const stored = key ? idempotency.get(key) : undefined;
      const path = url.pathname.replace(/^\/v1/, '');
      if (method === 'GET' && path === '/changes') return json(200, changesSince(Number(url.searchParams.get('since') ?? 0)));
      if (method === 'GET' && path === '/me') return json(404, { error: { code: 'not_found', message: 'not faked' } });
      if (method === 'POST' && path === '/me/presence') {
        server.presence.push(headers.get('authorization')?.replace(/^Bearer /, '') ?? '');
        return json(200, {});
      }
      if (method === 'DELETE' && path === '/session') {
        server.revoked.push(headers.get('authorization')?.replace(/^Bearer /, '') ?? '');
        return new Response(null, { status: 204 });
      }
      if (method === 'POST' && path === '/live/ticket') return json(200, { ticket: 'one-time', expiresAt: '2026-11-22T12:00:30.000Z' });
      const response = stored ?? act(method, path, body);
      if (!stored) {
        server.applied.push({ method, path: url.pathname, key, body });
        // Like the real server: only a response it acted on is stored (a refusal rolls everything back).
        if (key && response.status < 300) idempotency.set(key, response);
      }
      if (server.dropNextResponse) {
        server.dropNextResponse = false;
        throw new TypeError('Failed to fetch');
      }
      return json(response.status, response.body);
    },
  };

  /** The feed: every ticket changed after the cursor, in one page. */
  function changesSince(since: number) {
    const tickets = [...server.tickets.values()].filter((ticket) => ticket.version > since);
    return { ...makeChangesPage({ cursor: server.version, tickets }) };
  }

  function act(method: string, path: string, body: any): StoredResponse {
    if (method === 'POST' && path === '/tickets') {
      const ticket = makeTicket({
        id: `srv-${server.tickets.size + 1}`,
        number: 1001 + server.tickets.size,
        subject: body.subject,
        customer: { email: body.customer.email, name: body.customer.name ?? null },
        departmentId: body.departmentId,
        assigneeId: body.assigneeId ?? null,
        status: body.assigneeId ? 'open' : 'new',
        threadKeys: body.threadKeys,
        version: ++server.version,
      });
      server.tickets.set(ticket.id, ticket);
      return { status: 201, body: { ticket, created: true } };
    }
    const match = /^\/tickets\/([^/]+)(?:\/(reassign|take))?$/.exec(path);
    const ticket = match ? server.tickets.get(decodeURIComponent(match[1]!)) : undefined;
    if (!match || !ticket) return { status: 404, body: { error: { code: 'not_found', message: 'No such ticket.' } } };
    if (body.expectedVersion !== ticket.version) {
      return { status: 409, body: { error: { code: 'conflict', message: 'The ticket changed.', details: { current: ticket } } } };
    }
    const { expectedVersion: _v, reason: _r, note: _n, confirmOffline: _o, confirmRepeated: _c, ...patch } = body;
    const next: Ticket = { ...ticket, ...patch, version: ++server.version };
    if (match[2] === 'reassign') next.reassignmentCount += 1;
    server.tickets.set(next.id, next);
    return { status: 200, body: { ticket: next } };
  }

  return server;
}
