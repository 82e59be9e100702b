// The background's sync engine: one place that decides when to send the outbox and pull the feed
// (after a user action, on a poke, when the socket comes back, on the minute alarm) and tells open
// views what changed. Every path ends in a result, never in an unhandled rejection.
import { z } from 'zod';
import { meResponseSchema } from '../../protocol/requests';
import type { Ticket } from '../../protocol/entities';
import { createApiClient, type ApiClient } from './api-client';
import { ApiError } from './api-errors';
import type { SidedeskDb } from './db';
import type { ConnectionState } from '../shared/messages';
import { drainOutbox, enqueueMutation, type DrainResult } from './outbox';
import type { MutationPlan } from './plan-mutation';
import { readMe, readSession, saveMe, type Session } from './session';
import { singleFlight } from './single-flight';
import { startLiveSocket, type LiveSocket, type PushedChanges } from './live-socket';
import { backoffDelay, VIEW_OPEN_RECONNECT } from './backoff';
import { runDetached } from './run-detached';
import { pullChanges, type PullResult } from './sync';

/**
 * The server shows a user offline 45 s after their last heartbeat (server/services/sweeps.ts); the
 * socket's keepalive comes every 20 s, and a beat is sent on each one (15 s leaves room for jitter).
 */
const PRESENCE_HEARTBEAT_MS = 15_000;

/**
 * Up to this many changed rows go to the views with the news (a colleague's change is one or two);
 * more, and the views only re-read, as a message of rows nobody shows would cost every open tab.
 */
const ROWS_TOLD_TO_VIEWS = 20;

/** A 401 means our token is no longer valid: show "sign in", not "offline". */
function stateAfter(ok: boolean, error: unknown): ConnectionState {
  if (ok) return 'online';
  return error instanceof ApiError && error.status === 401 ? 'signed-out' : 'offline';
}

export interface SyncEngineOptions {
  db: SidedeskDb;
  fetch?: typeof fetch;
  /**
   * Views to refresh; `ticketIds` empty means "anything may have changed". `customers`: of the
   * tickets whose rows were written, when known; `tickets`: rows written over cached ones, when
   * few (live-port.ts).
   */
  onChange: (ticketIds: string[], connection: ConnectionState, customers?: string[], tickets?: Ticket[]) => void;
  onPulled?: (result: PullResult, session: Session) => void;
  onDrained?: (result: DrainResult) => void;
  /** Who is replying in this ticket's thread changed: open views ask who is viewing again. */
  onViewersChanged?: (ticketId: string) => void;
  live?: boolean;
  /** Tests give a fake socket (live-socket.ts). */
  createSocket?: (url: string) => WebSocket;
}

export class SyncEngine {
  private session: Session | null = null;
  private client: ApiClient | null = null;
  private socket: LiveSocket | null = null;
  private state: ConnectionState = 'signed-out';
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private forceNextDrain = false;
  private lastHeartbeatAt = 0;
  private viewsOpen = false;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  private probeFailures = 0;
  private pulling = false;
  /** Pages the live socket brought, waiting for the pull that applies them in order. */
  private pushed: PushedChanges[] = [];
  /** The cursor last told to the server on this socket (it sends changes from there). */
  private reportedCursor: number | null = null;

  constructor(private readonly options: SyncEngineOptions) {}

  get connection(): ConnectionState {
    return this.state;
  }

  get isLive(): boolean {
    return this.socket?.isConnected() ?? false;
  }

  /** A pull is under way: during a first sync the state still says 'offline' until it ends. */
  get isPulling(): boolean {
    return this.pulling;
  }

  get api(): ApiClient | null {
    return this.client;
  }

  get currentSession(): Session | null {
    return this.session;
  }

  /** (Re)reads the session from IndexedDB: at start-up and after sign-in or sign-out. */
  async start(): Promise<void> {
    this.socket?.stop();
    this.socket = null;
    this.pushed = [];
    // Whoever signs in now is online now: the previous session's last beat says nothing about them.
    this.lastHeartbeatAt = 0;
    this.session = await readSession(this.options.db);
    this.client = this.session ? this.apiFor(this.session.serverUrl, this.session.token) : null;
    this.setState(this.session ? 'offline' : 'signed-out', []);
    if (!this.session || !this.client) return;
    if (this.options.live !== false) {
      this.socket = startLiveSocket({
        serverUrl: this.session.serverUrl,
        api: this.client,
        onPoke: () => runDetached('pull after a poke', () => this.pull()),
        onChanges: (pushed) => {
          this.pushed.push(pushed);
          runDetached('changes from the live socket', () => this.pull());
        },
        onConnected: () => {
          // A new socket knows nothing of our cursor: the pull below tells it.
          this.reportedCursor = null;
          this.forceNextDrain = true;
          runDetached('sync after reconnecting', () => this.sync());
        },
        onDisconnected: () => this.setState('offline', []),
        onKeepalive: () => {
          const { client } = this;
          if (client) runDetached('presence heartbeat', () => this.heartbeat(client));
        },
        onViewers: (ticketId) => this.options.onViewersChanged?.(ticketId),
        ...(this.options.createSocket ? { createSocket: this.options.createSocket } : {}),
      });
    }
    runDetached('refresh of the signed-in user', () => this.refreshMe());
    await this.sync();
  }

  apiFor(serverUrl: string, token: string | null): ApiClient {
    return createApiClient({ baseUrl: serverUrl, token, ...(this.options.fetch ? { fetch: this.options.fetch } : {}) });
  }

  /** Writes a user action (overlay + outbox entry, one transaction) and starts sending it. */
  async enqueue(plan: MutationPlan): Promise<void> {
    await enqueueMutation(this.options.db, plan);
    this.options.onChange([plan.entry.ticketId], this.state);
    this.forceNextDrain = true;
    runDetached('sync after a change', () => this.sync());
  }

  /** Send what is queued, then pull: the pull then brings the rows our sends produced. */
  readonly sync = singleFlight(async (): Promise<void> => {
    const wasOnline = this.state === 'online';
    const drained = await this.drain();
    const pulled = await this.pull();
    // The server answers again: what was postponed while it was away goes now, not when its
    // backoff ends (up to a minute later: changes waited ~95 s after the server came back).
    if (!wasOnline && pulled?.ok && (drained?.blocked === 'waiting' || drained?.blocked === 'offline')) {
      this.forceNextDrain = true;
      await this.drain();
    }
  });

  /** Sends the whole queue now, ignoring backoff: signing out waits for it (session-handlers.ts). */
  async sendQueuedNow(): Promise<void> {
    this.forceNextDrain = true;
    await this.drain();
  }

  /**
   * A sidebar or popup is open (or the last one closed). While one is, an offline engine tries
   * the server every few seconds instead of waiting for the minute alarm or the socket's backoff.
   */
  setViewsOpen(open: boolean): void {
    this.viewsOpen = open;
    if (open) this.scheduleProbe();
    else this.cancelProbe();
  }

  readonly pull = singleFlight(async (): Promise<PullResult | null> => {
    const { session, client } = this;
    if (!session || !client) return null;
    this.pulling = true;
    let result: PullResult;
    try {
      result = await pullChanges(this.options.db, client, { takePushed: (cursor) => this.takePushed(cursor) });
    } finally {
      this.pulling = false;
    }
    if (session !== this.session) return null;
    if (result.ok && result.cursor !== this.reportedCursor && this.socket?.isConnected()) {
      this.reportedCursor = result.cursor;
      this.socket.reportCursor(result.cursor);
    }
    if (result.ok) runDetached('presence heartbeat', () => this.heartbeat(client));
    // From scratch, or with other colleagues' names or departments: views re-read everything.
    const everything = (result.pages > 0 && result.fromScratch) || result.teamChanged;
    const rows = result.ticketChanges.length <= ROWS_TOLD_TO_VIEWS ? result.ticketChanges.map((change) => change.after) : undefined;
    this.setState(stateAfter(result.ok, result.error), result.touchedTicketIds, everything, result.customers, rows);
    this.options.onPulled?.(result, session);
    return result;
  });

  /**
   * The socket's page that continues from this cursor. Pages from an older cursor were overtaken
   * by a pull and are dropped; one from a cursor ahead of ours (a page we missed) waits, and the
   * request that fills the gap makes it old.
   */
  private takePushed(cursor: number): PushedChanges['page'] | undefined {
    this.pushed = this.pushed.filter((pushed) => pushed.since >= cursor);
    const index = this.pushed.findIndex((pushed) => pushed.since === cursor);
    return index < 0 ? undefined : this.pushed.splice(index, 1)[0]!.page;
  }

  private readonly drain = singleFlight(async (): Promise<DrainResult | null> => {
    const { client } = this;
    if (!client) return null;
    const force = this.forceNextDrain;
    this.forceNextDrain = false;
    const result = await drainOutbox(this.options.db, client, { force });
    if (result.blocked === 'offline') this.setState('offline', []);
    // The token was revoked or expired: the queue waits for the user to sign in again.
    if (result.blocked === 'signed-out') this.setState('signed-out', []);
    if (result.sent > 0 || result.rejected.length > 0) this.options.onChange(result.ticketIds, this.state);
    this.scheduleRetry(result.nextAttemptAt);
    this.options.onDrained?.(result);
    return result;
  });

  /** Tells open views to re-read these tickets (a local change that needed no sync). */
  notifyChanged(ticketIds: string[]): void {
    this.options.onChange(ticketIds, this.state);
  }

  stop(): void {
    this.socket?.stop();
    clearTimeout(this.retryTimer);
    this.cancelProbe();
  }

  private scheduleProbe(): void {
    if (!this.viewsOpen || this.state !== 'offline' || this.probeTimer !== undefined) return;
    this.probeFailures += 1;
    this.probeTimer = setTimeout(
      () => {
        this.probeTimer = undefined;
        runDetached('reconnect while a view is open', async () => {
          await this.sync();
          if (this.state === 'online') this.socket?.retryNow();
          else this.scheduleProbe();
        });
      },
      backoffDelay(this.probeFailures, VIEW_OPEN_RECONNECT),
    );
  }

  private cancelProbe(): void {
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    this.probeFailures = 0;
  }

  /** Keeps "online" true on the server while the browser runs Sidedesk (colleagues rank by it). */
  private async heartbeat(client: ApiClient): Promise<void> {
    const now = Date.now();
    if (now - this.lastHeartbeatAt < PRESENCE_HEARTBEAT_MS) return;
    this.lastHeartbeatAt = now;
    try {
      await client({ method: 'POST', path: '/me/presence', body: {}, idempotencyKey: crypto.randomUUID(), schema: z.unknown() });
    } catch {
      this.lastHeartbeatAt = 0;
    }
  }

  private async refreshMe(): Promise<void> {
    if (!this.client) return;
    try {
      const me = await this.client({ method: 'GET', path: '/me', schema: meResponseSchema });
      const before = await readMe(this.options.db);
      await saveMe(this.options.db, me);
      // The workspace's settings and the user's own record come with it: when they changed, views
      // read everything again (asked at every start of the worker, which mostly finds them the same).
      if (JSON.stringify(before) !== JSON.stringify(me)) this.options.onChange([], this.state);
    } catch {
      // Offline: the cached copy from sign-in stays.
    }
  }

  private scheduleRetry(at: number | null): void {
    clearTimeout(this.retryTimer);
    // The worker may sleep before then: the minute alarm is the fallback that always comes.
    if (at !== null) this.retryTimer = setTimeout(() => runDetached('outbox retry', () => this.sync()), Math.max(0, at - Date.now()));
  }

  private setState(state: ConnectionState, ticketIds: string[], everything = false, customers?: string[], tickets?: Ticket[]): void {
    const changed = state !== this.state;
    this.state = state;
    if (state === 'offline') this.scheduleProbe();
    else this.cancelProbe();
    if (!changed && ticketIds.length === 0 && !everything) return;
    if (everything) this.options.onChange([], state, customers);
    else this.options.onChange(ticketIds, state, customers, tickets?.length ? tickets : undefined);
  }
}
