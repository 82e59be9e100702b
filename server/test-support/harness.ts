import { randomUUID } from 'node:crypto';
import type { Ticket, User } from '../../lib/protocol/entities';
import { createApp } from '../app';
import type { RouteDoc } from '../http/api-doc';
import { defaultServerConfig, type AuthedUser, type Deps, type ServerConfig } from '../context';
import { DEMO_PASSWORD, seedDemoWorkspace } from '../demo-seed';
import { createLocalPokeBus } from '../live/poke-bus';
import type { Store } from '../store/open-store';
import { openTestStore } from './test-store';

// One seeded app per test file: logins cost a scrypt hash each (~50 ms), so each demo user signs
// in once and tests reuse the tokens.

export type DemoUser = 'owner' | 'supervisor' | 'anna' | 'boris';
export const DEMO_USERS: readonly DemoUser[] = ['owner', 'supervisor', 'anna', 'boris'];

export interface CallOptions {
  /** A fixed key (replays); `null` sends none. Default: a fresh UUID on POST/PATCH/DELETE. */
  idempotencyKey?: string | null;
  headers?: Record<string, string>;
  /** A raw body, sent as is (invalid JSON, oversized bodies). */
  rawBody?: string;
}

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Clock {
  now: () => Date;
  advance: (ms: number) => void;
}

export interface Harness {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  store: Store;
  clock: Clock;
  tokens: Record<DemoUser, string>;
  users: Record<DemoUser, User>;
  departments: { billing: string; technical: string };
  workspaceId: string;
  /** A demo user as the services see them (for calling services such as readChanges directly). */
  actor(who: DemoUser): AuthedUser;
  call<T = any>(token: string | null, method: string, path: string, body?: unknown, options?: CallOptions): Promise<CallResult<T>>;
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Opens the store; defaults to PostgreSQL when TEST_DATABASE_URL is set, else in-memory SQLite. */
  open?: () => Promise<Store & { dispose?: () => Promise<void> }>;
  config?: Partial<ServerConfig>;
}

const MUTATING = new Set(['POST', 'PATCH', 'DELETE', 'PUT']);

/**
 * One contract: every success a route test sees must match the response schema the route
 * documents (server/http/api-routes.ts). A handler that answers more, less or other than its
 * document fails the test that called it.
 */
export function checkAgainstDocument(docs: readonly RouteDoc[], method: string, path: string, status: number, body: unknown): void {
  const pathname = new URL(path, 'http://test').pathname;
  const doc = docs.find(
    (route) =>
      route.method === method.toLowerCase() &&
      new RegExp(`^/v1${route.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(pathname) &&
      // A literal path wins over a parameter (/tickets/passed-around before /tickets/:id).
      !docs.some(
        (other) =>
          other !== route &&
          other.method === route.method &&
          other.path.split(':').length < route.path.split(':').length &&
          `/v1${other.path}` === pathname,
      ),
  );
  if (!doc) return; // /v1/health, /v1/openapi.json: not API routes
  const schema = doc.responses[status];
  if (schema === undefined) throw new Error(`${method} ${path} answered ${status}, which its document does not list`);
  if (typeof schema === 'string') return;
  const checked = schema.safeParse(body);
  if (!checked.success) {
    throw new Error(`${method} ${path} answered ${status} with a body its document does not allow: ${checked.error.message}`);
  }
}

export function createClock(): Clock {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const store = await (options.open ?? openTestStore)();
  const clock = createClock();
  const deps: Deps = { store, bus: createLocalPokeBus(), config: { ...defaultServerConfig, ...options.config }, now: clock.now };
  // Without the demo's reply promises: the SLA route tests set the policies they test.
  await seedDemoWorkspace(deps, { sla: false });
  const app = createApp(deps);

  const call = async <T>(
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
    opts: CallOptions = {},
  ): Promise<CallResult<T>> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (token) headers.Authorization = `Bearer ${token}`;
    const key = opts.idempotencyKey === undefined ? (MUTATING.has(method) ? randomUUID() : null) : opts.idempotencyKey;
    if (key !== null) headers['Idempotency-Key'] = key;
    const payload = opts.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) headers['Content-Type'] ??= 'application/json';
    const response = await app.request(path, { method, headers, body: payload });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text.length > 0 ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the assertion message
    }
    if (response.ok) checkAgainstDocument(app.routeDocs, method, path, response.status, parsed);
    return { status: response.status, body: parsed as T, headers: response.headers };
  };

  const login = async (email: string, password = DEMO_PASSWORD) => {
    const result = await call<{ token: string }>(null, 'POST', '/v1/session', { email, password });
    if (result.status !== 200) throw new Error(`login ${email} failed: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body.token;
  };

  const signedIn = await Promise.all(
    DEMO_USERS.map(async (name) => {
      const result = await call<{ token: string; user: User }>(null, 'POST', '/v1/session', {
        email: `${name}@demo.test`,
        password: DEMO_PASSWORD,
      });
      if (result.status !== 200) throw new Error(`demo login ${name} failed: ${result.status}`);
      return [name, result.body] as const;
    }),
  );
  const tokens = Object.fromEntries(signedIn.map(([name, session]) => [name, session.token])) as Record<DemoUser, string>;
  const users = Object.fromEntries(signedIn.map(([name, session]) => [name, session.user])) as Record<DemoUser, User>;
  // Everyone starts online: tests about offline colleagues set it by hand.
  for (const name of DEMO_USERS) {
    const presence = await call(tokens[name], 'POST', '/v1/me/presence', { availability: 'online' });
    if (presence.status !== 200) throw new Error(`presence ${name} failed: ${presence.status}`);
  }
  const departmentRows = await store.db.selectFrom('departments').select(['id', 'name']).execute();
  const departmentId = (name: string) => departmentRows.find((row) => row.name === name)!.id;
  const workspace = await store.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();

  return {
    app,
    deps,
    store,
    clock,
    tokens,
    users,
    departments: { billing: departmentId('Billing'), technical: departmentId('Technical') },
    workspaceId: workspace.id,
    actor: (who) => {
      const user = users[who];
      return {
        id: user.id,
        workspaceId: workspace.id,
        email: user.email,
        name: user.name,
        role: user.role,
        departmentIds: user.departmentIds,
      };
    },
    call,
    login,
    async close() {
      await deps.bus.close();
      await (store.dispose ? store.dispose() : store.close());
    },
  };
}

let keySequence = 0;
/** Thread keys no other test uses. */
export function uniqueThreadKeys(label = 't'): string[] {
  keySequence += 1;
  const id = `${label}-${keySequence}-${randomUUID().slice(0, 8)}`;
  return [`rfc:${id}@mail.example.com`, `gmail:support@demo.test:${id}`];
}

export interface NewTicketOptions {
  departmentId: string;
  /** Who creates it (default: the owner's token). */
  token?: string;
  assigneeId?: string | null;
  subject?: string;
  customerEmail?: string;
  threadKeys?: string[];
}

/** Creates a ticket through the API and returns it (throws on anything but 201). */
export async function createTestTicket(h: Harness, options: NewTicketOptions): Promise<Ticket> {
  const result = await h.call<{ ticket: Ticket }>(options.token ?? h.tokens.owner, 'POST', '/v1/tickets', {
    threadKeys: options.threadKeys ?? uniqueThreadKeys(),
    subject: options.subject ?? 'Test ticket',
    customer: { email: options.customerEmail ?? 'customer@example.com', name: 'A Customer' },
    departmentId: options.departmentId,
    ...(options.assigneeId !== undefined ? { assigneeId: options.assigneeId } : {}),
  });
  if (result.status !== 201) throw new Error(`createTestTicket: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body.ticket;
}

/** Sets a signed-in user's availability by hand (reassigning to someone offline asks to confirm). */
export async function setAvailability(h: Harness, token: string, availability: 'online' | 'away' | 'offline'): Promise<void> {
  const result = await h.call(token, 'POST', '/v1/me/presence', { availability });
  if (result.status !== 200) throw new Error(`setAvailability: ${result.status} ${JSON.stringify(result.body)}`);
}

/** Adds a user through the API as the owner and signs them in. */
export async function createSignedInUser(
  h: Harness,
  user: { role: User['role']; departmentIds?: string[]; name?: string },
): Promise<{ token: string; user: User; email: string; password: string }> {
  keySequence += 1;
  const email = `${user.role}-${keySequence}-${randomUUID().slice(0, 6)}@demo.test`;
  const password = 'correct horse battery';
  const created = await h.call<{ user: User }>(h.tokens.owner, 'POST', '/v1/users', {
    email,
    name: user.name ?? `Test ${user.role}`,
    role: user.role,
    password,
    departmentIds: user.departmentIds ?? [],
  });
  if (created.status !== 201) throw new Error(`createSignedInUser: ${created.status} ${JSON.stringify(created.body)}`);
  return { token: await h.login(email, password), user: created.body.user, email, password };
}

/** Asserts-friendly: a 404 body that says nothing about the ticket. */
export function leaksNothing(body: unknown, ticket: Pick<Ticket, 'subject' | 'number'>): boolean {
  const text = JSON.stringify(body);
  return (
    !text.includes(ticket.subject) && !text.includes(String(ticket.number)) && !text.includes('"subject"') && !text.includes('"number"')
  );
}
