import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultWorkspaceSettings } from '../../protocol/entities';
import { openSidedeskDb, type SidedeskDb } from './db';
import { saveSession } from './session';
import { SyncEngine } from './sync-engine';
import { makeTicket, makeUser } from '../testing/factories';
import type { PassedAroundTicket } from '../shared/message-responses';
import type { MessageResult } from '../shared/messages';
import type { BackgroundContext } from './context';
import { handleMessage } from './handle-message';

const QUERY = { from: '2026-11-14', to: '2026-11-20', groupBy: 'operator' } as const;
const zero = { sending: 0, sent: 0, scheduled: 0, delayed: 0, not_delivered: 0 };
const owner = makeUser({ id: 'u-owner', role: 'owner' });
let db: SidedeskDb;
let requests: { url: string; authorization: string | null }[];
let answer: (url: URL) => Response;

const stubFetch: typeof fetch = async (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  requests.push({ url: url.href, authorization: new Headers(init?.headers).get('authorization') });
  return answer(url);
};
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function context(): Promise<BackgroundContext> {
  const me = { user: owner, workspace: { id: 'w', name: 'W', settings: defaultWorkspaceSettings } };
  await saveSession(db, { serverUrl: 'http://sync.test', token: 'secret-token', userId: owner.id }, me);
  const engine = new SyncEngine({ db, fetch: stubFetch, onChange: () => {}, live: false });
  await engine.start();
  return { db, engine, fetch: stubFetch, now: () => new Date('2026-11-20T12:00:00.000Z'), newKey: () => crypto.randomUUID() };
}

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openSidedeskDb(`reports-${crypto.randomUUID()}`);
  requests = [];
  answer = () => json(404, { error: { code: 'not_found', message: 'not faked' } });
});

describe('report handlers', () => {
  it('should fetch the delivery report with the bearer header and return it checked', async () => {
    answer = (url) =>
      json(200, { from: QUERY.from, to: QUERY.to, groupBy: url.searchParams.get('groupBy'), totals: zero, rows: [], undelivered: [] });
    const result = await handleMessage(await context(), { type: 'reports.delivery', query: QUERY });

    expect(result).toEqual({ ok: true, data: expect.objectContaining({ groupBy: 'operator', totals: zero }) });
    const request = requests.find((r) => r.url.includes('/reports/'));
    expect(request).toEqual({
      url: 'http://sync.test/v1/reports/delivery?from=2026-11-14&to=2026-11-20&groupBy=operator',
      authorization: 'Bearer secret-token',
    });
  });

  it('should refuse a report the server answers in another shape', async () => {
    answer = () => json(200, { totals: 'many' });
    const result = await handleMessage(await context(), { type: 'reports.delivery', query: QUERY });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_response' } });
  });

  it('should pass the server refusal on to the page', async () => {
    answer = () => json(403, { error: { code: 'forbidden', message: 'Delivery reports are for supervisors, admins and owners.' } });
    const result = await handleMessage(await context(), { type: 'reports.delivery', query: QUERY });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('should download the CSV with the token in the header, never in the URL', async () => {
    answer = () => new Response('label,sent\nAnna,3\n', { status: 200, headers: { 'content-type': 'text/csv' } });
    const result = await handleMessage(await context(), { type: 'reports.deliveryCsv', query: QUERY });

    expect(result).toEqual({
      ok: true,
      data: { csv: 'label,sent\nAnna,3\n', filename: 'sidedesk-delivery-2026-11-14-2026-11-20-operator.csv' },
    });
    const request = requests.find((r) => r.url.includes('format=csv'));
    expect(request?.authorization).toBe('Bearer secret-token');
    expect(request?.url).not.toContain('secret-token');
  });

  it('should fetch the response times with the bearer header, and refuse an answer in another shape', async () => {
    answer = () => json(200, { from: QUERY.from, rows: 'many' });
    const query = { from: QUERY.from, to: QUERY.to, groupBy: 'department' } as const;
    const result = await handleMessage(await context(), { type: 'reports.responseTimes', query });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_response' } });
    expect(requests.find((r) => r.url.includes('/reports/'))).toEqual({
      url: 'http://sync.test/v1/reports/response-times?from=2026-11-14&to=2026-11-20&groupBy=department',
      authorization: 'Bearer secret-token',
    });
  });

  it('should download the response-times CSV under its own name', async () => {
    answer = () => new Response('department,created\r\n', { status: 200, headers: { 'content-type': 'text/csv' } });
    const query = { from: QUERY.from, to: QUERY.to, groupBy: 'operator' } as const;
    const result = await handleMessage(await context(), { type: 'reports.responseTimesCsv', query });
    expect(result).toEqual({
      ok: true,
      data: { csv: 'department,created\r\n', filename: 'sidedesk-response-times-2026-11-14-2026-11-20-operator.csv' },
    });
    expect(requests.find((r) => r.url.includes('format=csv'))?.url).toBe(
      'http://sync.test/v1/reports/response-times?from=2026-11-14&to=2026-11-20&groupBy=operator&format=csv',
    );
  });

  it('should list passed-around tickets with their handoff counts, most first', async () => {
    answer = () =>
      json(200, {
        tickets: [
          makeTicket({ id: 't-2', number: 1002, reassignmentCount: 2 }),
          makeTicket({ id: 't-3', number: 1003, reassignmentCount: 4 }),
        ],
      });
    const result = (await handleMessage(await context(), { type: 'tickets.passedAround' })) as MessageResult<PassedAroundTicket[]>;
    expect(result.ok && result.data.map((ticket) => [ticket.number, ticket.handoffs])).toEqual([
      [1003, 4],
      [1002, 2],
    ]);
  });
});
