import { readLatestVersion } from '../store/versions';
import type { Server } from 'node:http';
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import WebSocket from 'ws';
import { liveMessageSchema, type LiveMessage } from '../../lib/protocol/changes';
import { createHarness, createSignedInUser, createTestTicket, type Harness } from '../test-support/harness';
import { listenOnLoopback } from '../test-support/listen';
import { attachLiveHub, KEEPALIVE_MS, type LiveHub, type LiveHubOptions } from './live-hub';

interface Client {
  socket: WebSocket;
  messages: LiveMessage[];
  closed: Promise<number>;
  /** Resolves with the first message (after those already seen) that matches. */
  next(match: (message: LiveMessage) => boolean, timeoutMs?: number): Promise<LiveMessage>;
}

async function listen(
  h: Harness,
  options: LiveHubOptions = {},
): Promise<{ server: Server; hub: LiveHub; base: string; close(): Promise<void> }> {
  const listening = await listenOnLoopback(h);
  const hub = attachLiveHub(listening.server, h.deps, options);
  return {
    server: listening.server,
    hub,
    base: `ws://127.0.0.1:${listening.port}`,
    async close() {
      await hub.close();
      await listening.close();
    },
  };
}

/** Opens the socket; resolves with the HTTP status when the server refuses the upgrade. */
function open(url: string, headers: Record<string, string> = {}): Promise<Client | { refused: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    const messages: LiveMessage[] = [];
    let seen = 0;
    socket.on('message', (data: Buffer) => messages.push(liveMessageSchema.parse(JSON.parse(data.toString()))));
    const closed = new Promise<number>((done) => socket.on('close', (code) => done(code)));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ refused: response.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
    socket.once('open', () =>
      resolve({
        socket,
        messages,
        closed,
        async next(match, timeoutMs = 3000) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const index = messages.findIndex((message, i) => i >= seen && match(message));
            if (index >= 0) {
              seen = index + 1;
              return messages[index]!;
            }
            if (Date.now() > deadline) throw new Error(`no matching live message; got ${JSON.stringify(messages.slice(seen))}`);
            await new Promise((wait) => setTimeout(wait, 5));
          }
        },
      }),
    );
  });
}

function isClient(value: Client | { refused: number }): value is Client {
  return 'socket' in value;
}

describe('live hub (/v1/live)', () => {
  let h: Harness;
  let live: Awaited<ReturnType<typeof listen>>;
  const clients: Client[] = [];
  const liveTicket = async (token: string): Promise<string> => (await h.call(token, 'POST', '/v1/live/ticket')).body.ticket;
  const connect = async (token: string): Promise<Client> => {
    const client = await open(`${live.base}/v1/live?ticket=${await liveTicket(token)}`);
    if (!isClient(client)) throw new Error(`refused: ${client.refused}`);
    clients.push(client);
    await client.next((m) => m.type === 'hello');
    return client;
  };

  beforeAll(async () => {
    h = await createHarness();
    live = await listen(h);
  });
  afterAll(async () => {
    for (const client of clients) client.socket.terminate();
    await live.close();
    await h.close();
  });

  describe('authentication', () => {
    it('should refuse a connection without a ticket (401)', async () => {
      expect(await open(`${live.base}/v1/live`)).toEqual({ refused: 401 });
    });

    it('should refuse an invalid ticket (401)', async () => {
      expect(await open(`${live.base}/v1/live?ticket=${'x'.repeat(43)}`)).toEqual({ refused: 401 });
    });

    it('should refuse a ticket used a second time (401)', async () => {
      const ticket = await liveTicket(h.tokens.anna);
      const first = await open(`${live.base}/v1/live?ticket=${ticket}`);
      expect(isClient(first)).toBe(true);
      if (isClient(first)) clients.push(first);
      expect(await open(`${live.base}/v1/live?ticket=${ticket}`)).toEqual({ refused: 401 });
    });

    it('should refuse an expired ticket (401)', async () => {
      const ticket = await liveTicket(h.tokens.anna);
      h.clock.advance(31_000);
      try {
        expect(await open(`${live.base}/v1/live?ticket=${ticket}`)).toEqual({ refused: 401 });
      } finally {
        h.clock.advance(-31_000);
      }
    });

    it('should refuse a bearer token in place of a ticket (401)', async () => {
      expect(await open(`${live.base}/v1/live?ticket=${h.tokens.anna}`)).toEqual({ refused: 401 });
    });

    it('should refuse a web page’s origin (403)', async () => {
      const ticket = await liveTicket(h.tokens.anna);
      expect(await open(`${live.base}/v1/live?ticket=${ticket}`, { Origin: 'https://evil.example' })).toEqual({ refused: 403 });
    });

    it('should accept an extension origin', async () => {
      const ticket = await liveTicket(h.tokens.anna);
      const client = await open(`${live.base}/v1/live?ticket=${ticket}`, { Origin: 'chrome-extension://abcdefghijklmnop' });
      expect(isClient(client)).toBe(true);
      if (isClient(client)) clients.push(client);
    });

    it('should answer 404 for another path', async () => {
      const ticket = await liveTicket(h.tokens.anna);
      expect(await open(`${live.base}/v1/elsewhere?ticket=${ticket}`)).toEqual({ refused: 404 });
    });
  });

  describe('pokes', () => {
    it('should say hello with the current cursor', async () => {
      const client = await open(`${live.base}/v1/live?ticket=${await liveTicket(h.tokens.boris)}`);
      if (!isClient(client)) throw new Error('refused');
      clients.push(client);
      const hello = await client.next((m) => m.type === 'hello');
      expect(hello).toEqual({ type: 'hello', cursor: await readLatestVersion(h.store.db, h.store.dialect, h.actor('boris').workspaceId) });
    });

    it('should poke with the new cursor after a change the user may see', async () => {
      const anna = await connect(h.tokens.anna);
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
      expect(await anna.next((m) => m.type === 'poke')).toEqual({ type: 'poke', cursor: ticket.version });
    });

    it('should not poke anna for a Technical-only change, but poke boris', async () => {
      const anna = await connect(h.tokens.anna);
      const boris = await connect(h.tokens.boris);
      const technical = await createTestTicket(h, { departmentId: h.departments.technical });
      expect(await boris.next((m) => m.type === 'poke')).toEqual({ type: 'poke', cursor: technical.version });
      const billing = await createTestTicket(h, { departmentId: h.departments.billing });
      // The first poke anna gets is the Billing one: the Technical change never reached her.
      expect(await anna.next((m) => m.type === 'poke')).toEqual({ type: 'poke', cursor: billing.version });
      expect(anna.messages.filter((m) => m.type === 'poke')).toEqual([{ type: 'poke', cursor: billing.version }]);
    });

    it('should poke a supervisor and an admin for any change in scope', async () => {
      const supervisor = await connect(h.tokens.supervisor);
      const owner = await connect(h.tokens.owner);
      const ticket = await createTestTicket(h, { departmentId: h.departments.technical });
      expect(await supervisor.next((m) => m.type === 'poke')).toEqual({ type: 'poke', cursor: ticket.version });
      expect(await owner.next((m) => m.type === 'poke')).toEqual({ type: 'poke', cursor: ticket.version });
    });

    it('should poke the old department when a ticket leaves it', async () => {
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
      const anna = await connect(h.tokens.anna);
      const moved = await h.call(h.tokens.owner, 'PATCH', `/v1/tickets/${ticket.id}`, {
        departmentId: h.departments.technical,
        expectedVersion: ticket.version,
      });
      expect(await anna.next((m) => m.type === 'poke')).toEqual({ type: 'poke', cursor: moved.body.ticket.version });
    });

    it('should poke everyone for a change of users', async () => {
      const boris = await connect(h.tokens.boris);
      const result = await h.call(h.tokens.anna, 'POST', '/v1/me/presence', { availability: 'away' });
      expect(await boris.next((m) => m.type === 'poke')).toEqual({ type: 'poke', cursor: result.body.user.version });
    });

    it('should poke a user for their new department after their departments change', async () => {
      const member = await createSignedInUser(h, { role: 'operator', departmentIds: [h.departments.billing] });
      const client = await connect(member.token);
      const patched = await h.call(h.tokens.owner, 'PATCH', `/v1/users/${member.user.id}`, { departmentIds: [h.departments.technical] });
      await client.next((m) => m.type === 'poke' && m.cursor === patched.body.user.version);
      const ticket = await createTestTicket(h, { departmentId: h.departments.technical });
      expect(await client.next((m) => m.type === 'poke')).toEqual({ type: 'poke', cursor: ticket.version });
    });

    it('should close the socket of a user who is deactivated', async () => {
      const member = await createSignedInUser(h, { role: 'operator', departmentIds: [h.departments.billing] });
      const client = await connect(member.token);
      await h.call(h.tokens.owner, 'PATCH', `/v1/users/${member.user.id}`, { active: false });
      expect(await client.closed).toBe(4001);
    });

    it('should close the sockets of a session that signs out, and only those', async () => {
      const member = await createSignedInUser(h, { role: 'operator', departmentIds: [h.departments.billing] });
      const otherBrowser = await h.login(member.email, member.password);
      const leaving = await connect(member.token);
      const staying = await connect(otherBrowser);
      expect((await h.call(member.token, 'DELETE', '/v1/session')).status).toBe(204);
      expect(await leaving.closed).toBe(4001);
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
      expect(await staying.next((m) => m.type === 'poke')).toEqual({ type: 'poke', cursor: ticket.version });
    });

    it('should close the sockets of every other session of a user who changes their password', async () => {
      // Nobody sets another person's password (PATCH refuses it): the user changes their own from
      // one browser, and their other browsers are signed out.
      const member = await createSignedInUser(h, { role: 'operator', departmentIds: [h.departments.billing] });
      const first = await connect(member.token);
      const second = await connect(await h.login(member.email, member.password));
      const here = await h.login(member.email, member.password);
      const changed = await h.call(here, 'POST', '/v1/me/password', {
        currentPassword: member.password,
        newPassword: 'a brand new passphrase',
      });
      expect(changed.status).toBe(200);
      expect(await first.closed).toBe(4001);
      expect(await second.closed).toBe(4001);
      expect((await h.call(member.token, 'GET', '/v1/me')).status).toBe(401);
      expect((await h.call(here, 'GET', '/v1/me')).status).toBe(200);
    });

    it('should not poke on a replayed mutation', async () => {
      const anna = await connect(h.tokens.anna);
      const key = crypto.randomUUID();
      const body = { name: 'Replayed dept' };
      const first = await h.call(h.tokens.owner, 'POST', '/v1/departments', body, { idempotencyKey: key });
      await anna.next((m) => m.type === 'poke' && m.cursor === first.body.department.version);
      await h.call(h.tokens.owner, 'POST', '/v1/departments', body, { idempotencyKey: key });
      const marker = await h.call(h.tokens.owner, 'POST', '/v1/departments', { name: 'Marker dept' });
      expect(await anna.next((m) => m.type === 'poke')).toEqual({ type: 'poke', cursor: marker.body.department.version });
    });
  });

  describe('changes sent on the socket', () => {
    /** The client says where its cache is; the server reads what it says on its own turn. */
    const sayCursor = async (client: Client, message: unknown) => {
      client.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
      await new Promise((wait) => setTimeout(wait, 100));
    };
    const pull = async (token: string, since: number) => (await h.call(token, 'GET', `/v1/changes?since=${since}`)).body;

    it('should send a client that said its cursor the page its own pull would read, each page from where the last ended', async () => {
      const anna = await connect(h.tokens.anna);
      const hello = anna.messages.find((m) => m.type === 'hello')!;
      const since = hello.type === 'hello' ? hello.cursor : -1;
      await sayCursor(anna, { type: 'cursor', cursor: since });
      // A Technical ticket is not anna's to see: her page skips it, as her pull would.
      await createTestTicket(h, { departmentId: h.departments.technical });
      const first = await createTestTicket(h, { departmentId: h.departments.billing });

      const sent = await anna.next((m) => m.type !== 'keepalive');
      expect(sent).toEqual({ type: 'changes', since, page: await pull(h.tokens.anna, since) });
      if (sent.type !== 'changes') throw new Error('not a page');
      expect(sent.page.tickets.map((ticket) => ticket.id)).toEqual([first.id]);
      expect(sent.page.cursor).toBe(first.version);

      const second = await createTestTicket(h, { departmentId: h.departments.billing });
      const next = await anna.next((m) => m.type !== 'keepalive');
      expect(next).toMatchObject({ type: 'changes', since: first.version, page: { cursor: second.version } });
      if (next.type === 'changes') expect(next.page.tickets.map((ticket) => ticket.id)).toEqual([second.id]);
    });

    it('should poke, and go on poking until told again, when the page is not the whole answer', async () => {
      const anna = await connect(h.tokens.anna);
      // A cursor from another database: her pull answers a reset, which she must pull herself.
      await sayCursor(anna, { type: 'cursor', cursor: 1_000_000_000 });
      const first = await createTestTicket(h, { departmentId: h.departments.billing });
      expect(await anna.next((m) => m.type !== 'keepalive')).toEqual({ type: 'poke', cursor: first.version });
      const second = await createTestTicket(h, { departmentId: h.departments.billing });
      expect(await anna.next((m) => m.type !== 'keepalive')).toEqual({ type: 'poke', cursor: second.version });
    });

    it('should ignore anything else a client says, and keep the socket open', async () => {
      const anna = await connect(h.tokens.anna);
      await sayCursor(anna, 'not json');
      await sayCursor(anna, { type: 'cursor', cursor: -1 });
      await sayCursor(anna, { type: 'cursor', cursor: '12' });
      await sayCursor(anna, { type: 'changes', since: 0 });
      const ticket = await createTestTicket(h, { departmentId: h.departments.billing });
      expect(await anna.next((m) => m.type !== 'keepalive')).toEqual({ type: 'poke', cursor: ticket.version });
      expect(anna.socket.readyState).toBe(WebSocket.OPEN);
    });
  });

  describe('keepalive', () => {
    const INTERVAL = 150;
    let timed: Awaited<ReturnType<typeof listen>>;
    beforeAll(async () => {
      timed = await listen(h, { keepaliveMs: INTERVAL });
    });
    afterAll(async () => {
      await timed.close();
    });
    const connectTimed = async (token: string): Promise<Client> => {
      const client = await open(`${timed.base}/v1/live?ticket=${await liveTicket(token)}`);
      if (!isClient(client)) throw new Error(`refused: ${client.refused}`);
      clients.push(client);
      await client.next((m) => m.type === 'hello');
      return client;
    };

    it('should keep alive every 20 s by default', async () => {
      expect(KEEPALIVE_MS).toBe(20_000);
      const spy = vi.spyOn(globalThis, 'setInterval');
      const other = await listen(h);
      try {
        expect(spy.mock.calls.map((call) => call[1])).toContain(20_000);
      } finally {
        spy.mockRestore();
        await other.close();
      }
    });

    it('should send keepalives at the interval, each with its time', async () => {
      const client = await connectTimed(h.tokens.anna);
      const started = Date.now();
      const first = await client.next((m) => m.type === 'keepalive');
      await client.next((m) => m.type === 'keepalive');
      expect(Date.now() - started).toBeGreaterThanOrEqual(INTERVAL);
      expect(first).toEqual({ type: 'keepalive', at: expect.any(String) });
      expect(Number.isNaN(Date.parse((first as { at: string }).at))).toBe(false);
    });

    it('should drop a connection that stopped answering pings', async () => {
      const client = await connectTimed(h.tokens.boris);
      const before = timed.hub.connectionCount();
      client.socket.pause(); // no pong goes back while paused
      await expect.poll(() => timed.hub.connectionCount(), { timeout: 3000 }).toBe(before - 1);
      client.socket.resume();
    });
  });
});
