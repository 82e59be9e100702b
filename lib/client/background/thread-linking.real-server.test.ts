// Linking an Outlook thread (no Message-ID on the page) to the customer's ticket made from Gmail,
// against the real server app in process (server/test-support/harness.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHarness, createTestTicket, type Harness } from '../../../server/test-support/harness';
import type { Ticket } from '../../protocol/entities';
import type { QueueRow, SidebarState } from '../shared/message-responses';
import type { RequestInput } from '../shared/messages';
import type { BackgroundContext } from './context';
import { openSidedeskDb } from './db';
import { handleMessage } from './handle-message';
import { startSession } from './session-handlers';
import { SyncEngine } from './sync-engine';
import { conversationSubject, selectLinkCandidates } from './thread-linking';

const SERVER = 'http://sync.test';
const OUTLOOK_URL = 'https://outlook.office.com/mail/inbox/id/AAQkADlink';
let h: Harness;

const inApp: typeof fetch = (input, init) => Promise.resolve(h.app.request(input instanceof Request ? input : input.toString(), init));

async function browserOf(token: string, userId: string): Promise<BackgroundContext> {
  const db = await openSidedeskDb(`link-${crypto.randomUUID()}`);
  const engine = new SyncEngine({ db, fetch: inApp, onChange: () => {}, live: false });
  await engine.start();
  const context = { db, engine, now: () => new Date(), newKey: () => crypto.randomUUID(), fetch: inApp };
  await startSession(context, SERVER, token, userId);
  await engine.sync();
  return context;
}

async function ask<T>(context: BackgroundContext, message: RequestInput): Promise<T> {
  const result = await handleMessage(context, message);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data as T;
}

const outlookKeys = () => [`outlook:support@demo.test:AAQkAD${crypto.randomUUID().replaceAll('-', '')}`];

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());
beforeEach(() => fakeBrowser.reset());

describe('linking a thread to a ticket of the same customer', () => {
  it('should offer the ticket made from Gmail on the Outlook thread, and make the thread that ticket', async () => {
    const customerEmail = `olivia-${crypto.randomUUID().slice(0, 6)}@example.test`;
    const fromGmail = await createTestTicket(h, {
      departmentId: h.departments.billing,
      token: h.tokens.anna,
      assigneeId: h.users.anna.id,
      subject: 'Invoice charged twice',
      customerEmail,
    });
    const anna = await browserOf(h.tokens.anna, h.users.anna.id);
    const threadKeys = outlookKeys();

    const offered = await ask<QueueRow[]>(anna, {
      type: 'thread.linkCandidates',
      customerEmail: customerEmail.toUpperCase(),
      subject: 'RE: Invoice charged twice',
      threadKeys,
    });
    expect(offered.map((row) => row.number)).toEqual([fromGmail.number]);

    const linked = await ask<{ ticketId: string; number: number }>(anna, {
      type: 'thread.link',
      ticketId: fromGmail.id,
      threadKeys,
      customerEmail,
    });
    expect(linked).toEqual({ ticketId: fromGmail.id, number: fromGmail.number });
    const sidebar = await ask<SidebarState>(anna, { type: 'sidebar.load', threadKeys, threadUrl: OUTLOOK_URL });
    expect(sidebar.kind === 'ready' && sidebar.ticket?.ticket.id).toBe(fromGmail.id);
    // Once linked, the thread is no longer offered to itself.
    expect(await ask<QueueRow[]>(anna, { type: 'thread.linkCandidates', customerEmail, subject: 'x', threadKeys })).toEqual([]);
  });

  it('should not offer a colleague’s ticket the operator may see but not change, and refuse a link to it', async () => {
    const customerEmail = `pavel-${crypto.randomUUID().slice(0, 6)}@example.test`;
    const supervisors = await createTestTicket(h, {
      departmentId: h.departments.billing,
      assigneeId: h.users.supervisor.id,
      customerEmail,
    });
    const anna = await browserOf(h.tokens.anna, h.users.anna.id);
    const threadKeys = outlookKeys();
    expect(await ask<QueueRow[]>(anna, { type: 'thread.linkCandidates', customerEmail, subject: 'Test ticket', threadKeys })).toEqual([]);
    await expect(ask(anna, { type: 'thread.link', ticketId: supervisors.id, threadKeys, customerEmail })).rejects.toThrow(
      `#${supervisors.number}`,
    );
  });
});

describe('selectLinkCandidates', () => {
  const ticket = (id: string, subject: string, status: Ticket['status'], updatedAt: string, threadKeys = [`gmail:a:${id}`]): Ticket =>
    ({ id, number: Number(id), subject, status, updatedAt, threadKeys, customer: { email: 'c@example.test', name: null } }) as Ticket;

  it('should put the same subject first, then unresolved tickets, then the newest', () => {
    const tickets = [
      ticket('1', 'Other matter', 'open', '2026-12-03T00:00:00Z'),
      ticket('2', 'Invoice twice', 'resolved', '2026-12-01T00:00:00Z'),
      ticket('3', 'Fwd: Invoice twice', 'open', '2026-11-01T00:00:00Z'),
      ticket('4', 'Old question', 'resolved', '2026-12-04T00:00:00Z'),
      ticket('5', 'Invoice twice', 'open', '2026-12-02T00:00:00Z', ['outlook:x:this']),
    ];
    const ids = selectLinkCandidates(tickets, 'C@example.test', 'Re: Invoice twice', ['outlook:x:this']).map((t) => t.id);
    expect(ids).toEqual(['3', '2', '1', '4']);
  });

  it.each([
    ['Re: Fwd: Invoice', 'invoice'],
    ['AW: WG: Rechnung', 'rechnung'],
    ['Ответ: Пересл: Счёт', 'счёт'],
    ['RE[2]: Invoice', 'invoice'],
    ['Invoice: March', 'invoice: march'],
  ])('should read "%s" as the conversation "%s"', (subject, expected) => {
    expect(conversationSubject(subject)).toBe(expected);
  });
});
