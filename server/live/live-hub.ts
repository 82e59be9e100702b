import { readLatestVersion } from '../store/versions';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isAdminRole } from '../../lib/domain/permissions';
import { liveClientMessageSchema, readLiveFrame, type LiveMessage } from '../../lib/protocol/changes';
import type { Role } from '../../lib/protocol/entities';
import { isAllowedOrigin } from '../http/origins';
import type { AuthedUser, Deps } from '../context';
import { readChanges } from '../services/changes';
import { redeemLiveTicket } from '../services/sessions';
import type { Audience, Poke } from './poke-bus';
import { readDepartmentIds } from '../services/rows';

export const KEEPALIVE_MS = 20_000;

interface Listener {
  userId: string;
  role: Role;
  departmentIds: string[];
}

interface Connection {
  socket: WebSocket;
  listener: Listener;
  /** Who reads the changes sent on this socket: the same scope as their own `GET /v1/changes`. */
  account: Pick<AuthedUser, 'workspaceId' | 'email' | 'name'>;
  alive: boolean;
  /** The session whose ticket opened it: its sign-out closes the socket. */
  sessionHash: string | null;
  /**
   * The cursor the client's cache has reached, as far as this server knows: what it said after its
   * last pull, or the end of the last page sent to it. Null until it says: then it gets pokes.
   */
  cursor: number | null;
  /** A page is being read for it; a change meanwhile is read after it, from the cursor that page ends at. */
  sending: boolean;
  changedWhileSending: boolean;
}

/**
 * A page larger than this goes as a poke: the client pulls it. A change sent on the socket is
 * meant to be a handful of rows; a ticket handed over with its whole history stays well under.
 */
const MAX_CHANGES_MESSAGE_CHARS = 512 * 1024;

/** Close code for a socket whose session ended (sign-out, new password, deactivation). */
export const SIGNED_OUT_CLOSE_CODE = 4001;

/** Whether a change concerns a listener: pokes are hints, so erring towards "yes" is harmless. */
export function concerns(listener: Listener, audience: Audience): boolean {
  if (audience.everyone) return true;
  const nobody = !audience.userIds?.length && !audience.departmentIds?.length;
  if (nobody) return false;
  if (isAdminRole(listener.role)) return true;
  if (audience.userIds?.includes(listener.userId)) return true;
  return audience.departmentIds?.some((id) => listener.departmentIds.includes(id)) ?? false;
}

export interface LiveHub {
  connectionCount(): number;
  close(): Promise<void>;
}

/**
 * `/v1/live`: a WebSocket that tells a client what changed, after a single-use ticket check, with
 * a keepalive every 20 s (it also keeps a Chrome MV3 worker alive). A client that said its cursor
 * gets the changes themselves (the page its pull would have read: one HTTP round trip less
 * between a colleague's change and this client's sidebar); any other gets a poke ("pull").
 */
export interface LiveHubOptions {
  /** Tests shorten it; production keeps the 20 s default. */
  keepaliveMs?: number;
}

export function attachLiveHub(server: Server, deps: Deps, options: LiveHubOptions = {}): LiveHub {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const byWorkspace = new Map<string, Set<Connection>>();

  const refuse = (socket: Duplex, status: string): void => {
    // The peer may have gone (reset, closed) while the upgrade was being checked.
    if (socket.destroyed || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  async function accept(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/v1/live') return refuse(socket, '404 Not Found');
    const origin = request.headers.origin;
    if (origin && !isAllowedOrigin(origin, deps)) return refuse(socket, '403 Forbidden');
    const ticket = url.searchParams.get('ticket');
    const redeemed = ticket ? await redeemLiveTicket(deps.store, ticket, deps.now()) : null;
    if (!redeemed) return refuse(socket, '401 Unauthorized');
    const { userId, sessionHash } = redeemed;
    const user = await deps.store.db
      .selectFrom('users')
      .select(['id', 'workspace_id', 'email', 'name', 'role', 'department_ids', 'active'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user || user.active !== 1) return refuse(socket, '401 Unauthorized');
    // The workspace counter on SQLite; on PostgreSQL it stays put and the sequence gives versions.
    const cursor = await readLatestVersion(deps.store.db, deps.store.dialect, user.workspace_id);
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection: Connection = {
        socket: ws,
        alive: true,
        sessionHash,
        listener: { userId: user.id, role: user.role, departmentIds: readDepartmentIds(user) },
        account: { workspaceId: user.workspace_id, email: user.email, name: user.name },
        cursor: null,
        sending: false,
        changedWhileSending: false,
      };
      const set = byWorkspace.get(user.workspace_id) ?? new Set();
      byWorkspace.set(user.workspace_id, set);
      set.add(connection);
      ws.on('pong', () => (connection.alive = true));
      ws.on('close', () => set.delete(connection));
      ws.on('error', () => ws.terminate());
      // A client says only where its cache is; anything else is ignored (maxPayload bounds abuse).
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        const said = isBinary ? null : liveClientMessageSchema.safeParse(readLiveFrame(data.toString()));
        // Never backwards: a report that crossed a page sent meanwhile must not undo it. A client
        // that is in fact behind ignores pages not from its cursor and pulls (sync.ts).
        if (said?.success) connection.cursor = Math.max(connection.cursor ?? 0, said.data.cursor);
      });
      send(ws, { type: 'hello', cursor });
    });
  }

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node takes its own 'error' listener off a socket it hands to 'upgrade': without one of ours,
    // a reset arriving before the refusal or the handshake is written is an unhandled 'error'
    // event that ends the process (one unauthenticated packet). ws adds its own after the handshake.
    socket.on('error', () => socket.destroy());
    accept(request, socket, head).catch((error: unknown) => {
      console.error('[sidedesk] live connection failed:', error);
      refuse(socket, '500 Internal Server Error');
    });
  };
  server.on('upgrade', onUpgrade);

  async function refreshListeners(workspaceId: string, connections: Set<Connection>): Promise<void> {
    const users = await deps.store.db
      .selectFrom('users')
      .select(['id', 'role', 'department_ids', 'active'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    const byId = new Map(users.map((user) => [user.id, user]));
    for (const connection of connections) {
      const user = byId.get(connection.listener.userId);
      if (!user || user.active !== 1) {
        connection.socket.close(SIGNED_OUT_CLOSE_CODE, 'signed out');
        continue;
      }
      connection.listener.role = user.role;
      connection.listener.departmentIds = readDepartmentIds(user);
    }
  }

  const unsubscribe = deps.bus.subscribe((poke: Poke) => {
    const connections = byWorkspace.get(poke.workspaceId);
    if (!connections || connections.size === 0) return;
    const deliver = () => {
      if (poke.viewersOf) {
        const message = JSON.stringify({ type: 'viewers', ticketId: poke.viewersOf } satisfies LiveMessage);
        for (const connection of connections) if (concerns(connection.listener, poke.audience)) connection.socket.send(message);
        return;
      }
      const message = JSON.stringify({ type: 'poke', cursor: poke.cursor } satisfies LiveMessage);
      for (const connection of connections) {
        if (!concerns(connection.listener, poke.audience)) continue;
        if (connection.cursor === null) connection.socket.send(message);
        else void sendChanges(connection, message);
      }
    };
    // A change of users may change who may hear what: refresh before poking.
    if (poke.audience.everyone) refreshListeners(poke.workspaceId, connections).then(deliver, deliver);
    else deliver();
  });

  /**
   * Reads what changed for this client since its cursor and sends it; a poke instead when the
   * page is not the whole answer (a reset, more pages) or too large, or the read failed. One read
   * at a time per client, so that pages leave in order, each from where the previous one ended.
   */
  async function sendChanges(connection: Connection, poke: string): Promise<void> {
    if (connection.sending) {
      connection.changedWhileSending = true;
      return;
    }
    connection.sending = true;
    try {
      do {
        connection.changedWhileSending = false;
        const since = connection.cursor;
        if (since === null) break;
        const { userId, role, departmentIds } = connection.listener;
        const actor: AuthedUser = { id: userId, role, departmentIds, ...connection.account };
        const page = await readChanges(deps.store.db, actor, since);
        const message = page.reset || page.more ? null : JSON.stringify({ type: 'changes', since, page } satisfies LiveMessage);
        if (message === null || message.length > MAX_CHANGES_MESSAGE_CHARS) {
          // It pulls now and says its cursor after: pages resume from there.
          connection.cursor = null;
          connection.socket.send(poke);
          break;
        }
        connection.cursor = page.cursor;
        connection.socket.send(message);
      } while (connection.changedWhileSending);
    } catch (error) {
      console.error('[sidedesk] live changes could not be read; poking instead:', error);
      connection.cursor = null;
      connection.socket.send(poke);
    } finally {
      connection.sending = false;
    }
  }

  const unsubscribeRevocations = deps.bus.subscribeRevocations((revocation) => {
    for (const connection of byWorkspace.get(revocation.workspaceId) ?? []) {
      if (connection.listener.userId !== revocation.userId) continue;
      const ended =
        !revocation.sessionHashes || (connection.sessionHash !== null && revocation.sessionHashes.includes(connection.sessionHash));
      if (ended) connection.socket.close(SIGNED_OUT_CLOSE_CODE, 'signed out');
    }
  });

  const keepalive = setInterval(() => {
    const message = JSON.stringify({ type: 'keepalive', at: deps.now().toISOString() } satisfies LiveMessage);
    for (const connections of byWorkspace.values()) {
      for (const connection of connections) {
        if (!connection.alive) {
          connection.socket.terminate();
          continue;
        }
        connection.alive = false;
        connection.socket.ping();
        connection.socket.send(message);
      }
    }
  }, options.keepaliveMs ?? KEEPALIVE_MS);
  keepalive.unref();

  return {
    connectionCount: () => [...byWorkspace.values()].reduce((sum, set) => sum + set.size, 0),
    async close() {
      clearInterval(keepalive);
      unsubscribe();
      unsubscribeRevocations();
      server.off('upgrade', onUpgrade);
      for (const connections of byWorkspace.values()) for (const connection of connections) connection.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function send(socket: WebSocket, message: LiveMessage): void {
  socket.send(JSON.stringify(message));
}
