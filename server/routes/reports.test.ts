import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../lib/protocol/entities';
import type { DeliveryReportResponse } from '../../lib/protocol/reports';
import { createHarness, createTestTicket, type Harness } from '../test-support/harness';
import { baseSubject } from '../services/delivery-matching';

let h: Harness;
const today = () => h.clock.now().toISOString().slice(0, 10);

async function sendReply(token: string, ticketId: string, messageId: string, recipient: string, subject: string): Promise<Reply> {
  const result = await h.call<{ reply: Reply }>(token, 'POST', `/v1/tickets/${ticketId}/replies`, {
    messageId,
    recipients: [recipient],
    subject,
    status: 'sent',
  });
  expect(result.status).toBe(201);
  return result.body.reply;
}

const notice = (overrides: Record<string, unknown>) => ({
  kind: 'failed',
  originalMessageId: null,
  arrivedAt: h.clock.now().toISOString(),
  recipients: [{ address: 'gone@example.com', status: '5.1.1', smtpCode: 550, diagnostic: '550 5.1.1 User unknown' }],
  ...overrides,
});

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());

describe('POST /v1/delivery-reports', () => {
  it('should match a bounce by the original Message-ID and mark the reply not delivered', async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing, assigneeId: h.users.anna.id });
    const reply = await sendReply(h.tokens.anna, ticket.id, '<m1@demo.test>', 'gone@example.com', 'Re: Test ticket');
    const result = await h.call(h.tokens.anna, 'POST', '/v1/delivery-reports', notice({ originalMessageId: '<m1@DEMO.test>' }));
    expect(result.status).toBe(200);
    expect(result.body.matchedBy).toBe('message_id');
    expect(result.body.reply.id).toBe(reply.id);
    expect(result.body.reply.status).toBe('not_delivered');
    expect(result.body.reply.reports[0]).toMatchObject({ recipient: 'gone@example.com', status: '5.1.1', smtpCode: 550 });
  });

  it('should match by thread and recipient when the notice has no Message-ID', async () => {
    const ticket = await createTestTicket(h, { departmentId: h.departments.billing, assigneeId: h.users.anna.id });
    const reply = await sendReply(h.tokens.anna, ticket.id, '<m2@demo.test>', 'slow@example.com', 'Re: Test ticket');
    const result = await h.call(
      h.tokens.anna,
      'POST',
      '/v1/delivery-reports',
      notice({
        kind: 'delayed',
        ticketId: ticket.id,
        recipients: [{ address: 'SLOW@example.com', status: '4.4.1', smtpCode: 451, diagnostic: 'retrying' }],
      }),
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ matchedBy: 'thread_recipient', reply: { id: reply.id, status: 'delayed' } });
  });

  it('should match by recipient and base subject as a last resort', async () => {
    const ticket = await createTestTicket(h, {
      departmentId: h.departments.billing,
      assigneeId: h.users.anna.id,
      subject: 'Quarterly invoice',
    });
    const reply = await sendReply(h.tokens.anna, ticket.id, '<m3@demo.test>', 'full@example.com', 'Re: Quarterly invoice');
    const result = await h.call(
      h.tokens.anna,
      'POST',
      '/v1/delivery-reports',
      notice({
        originalSubject: 'RE: Re: Quarterly  invoice',
        recipients: [{ address: 'full@example.com', status: '5.2.2', smtpCode: 552, diagnostic: 'Mailbox full' }],
      }),
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ matchedBy: 'recipient_subject', reply: { id: reply.id, status: 'not_delivered' } });
  });

  it('should answer 404 when no visible reply matches, including replies outside the caller’s scope', async () => {
    const technical = await createTestTicket(h, { departmentId: h.departments.technical, assigneeId: h.users.boris.id });
    await sendReply(h.tokens.boris, technical.id, '<m4@demo.test>', 'x@example.com', 'Re: Test ticket');
    const foreign = await h.call(h.tokens.anna, 'POST', '/v1/delivery-reports', notice({ originalMessageId: '<m4@demo.test>' }));
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain('x@example.com');
    const unknown = await h.call(h.tokens.anna, 'POST', '/v1/delivery-reports', notice({ originalMessageId: '<nobody@demo.test>' }));
    expect(unknown.status).toBe(404);
  });

  it('should answer the same whether or not a hidden ticket has a reply to the address (no oracle)', async () => {
    const decoyTicket = await createTestTicket(h, { departmentId: h.departments.billing, assigneeId: h.users.anna.id, subject: 'Decoy' });
    const answers = [];
    for (const [label, hiddenRecipient] of [
      ['present', 'probe@example.com'],
      ['absent', 'someone-else@example.com'],
    ] as const) {
      const hidden = await createTestTicket(h, { departmentId: h.departments.technical, assigneeId: h.users.boris.id });
      await sendReply(h.tokens.boris, hidden.id, `<hidden-${label}@demo.test>`, hiddenRecipient, 'Re: Decoy');
      const decoy = await sendReply(h.tokens.anna, decoyTicket.id, `<decoy-${label}@demo.test>`, 'probe@example.com', 'Re: Decoy');
      const result = await h.call(
        h.tokens.anna,
        'POST',
        '/v1/delivery-reports',
        notice({
          kind: 'delayed',
          ticketId: hidden.id,
          originalSubject: 'Re: Decoy',
          recipients: [{ address: 'probe@example.com', status: '4.4.1', smtpCode: 451, diagnostic: 'later' }],
        }),
      );
      answers.push({ status: result.status, matchedBy: result.body.matchedBy, isDecoy: result.body.reply?.id === decoy.id });
      const hiddenReplies = (await h.call(h.tokens.owner, 'GET', `/v1/tickets/${hidden.id}/replies`)).body.replies as Reply[];
      expect(hiddenReplies[0]!.reports).toEqual([]);
    }
    expect(answers[0]).toEqual({ status: 200, matchedBy: 'recipient_subject', isDecoy: true });
    expect(answers[1]).toEqual(answers[0]);
  });

  it('should refuse a malformed notice with the field named', async () => {
    const result = await h.call(h.tokens.anna, 'POST', '/v1/delivery-reports', notice({ recipients: [] }));
    expect(result.status).toBe(400);
    expect(result.body.error.details.fields[0].path).toBe('recipients');
  });
});

describe('GET /v1/reports/delivery', () => {
  it('should count replies per day with every day of the period present', async () => {
    const result = await h.call<DeliveryReportResponse>(h.tokens.owner, 'GET', `/v1/reports/delivery?from=2026-01-01&to=2026-01-07`);
    expect(result.status).toBe(200);
    expect(result.body.rows.map((row) => row.key)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
      '2026-01-05',
      '2026-01-06',
      '2026-01-07',
    ]);
    expect(result.body.rows.every((row) => row.total === 0)).toBe(true);
  });

  it('should give the owner every department and list undelivered replies with their reports', async () => {
    const result = await h.call<DeliveryReportResponse>(
      h.tokens.owner,
      'GET',
      `/v1/reports/delivery?from=2026-01-01&to=${today()}&groupBy=department`,
    );
    expect(result.status).toBe(200);
    const labels = result.body.rows.map((row) => row.label).sort();
    expect(labels).toEqual(['Billing', 'Technical']);
    expect(result.body.totals.not_delivered).toBeGreaterThanOrEqual(3); // the demo's bounce + two above
    expect(result.body.undelivered.every((item) => item.reply.status === 'not_delivered' && item.reply.reports.length > 0)).toBe(true);
  });

  it('should limit a supervisor to their departments', async () => {
    const sam = await h.call<DeliveryReportResponse>(
      h.tokens.supervisor,
      'GET',
      `/v1/reports/delivery?from=2026-01-01&to=${today()}&groupBy=department`,
    );
    expect(sam.status).toBe(200);
    expect(sam.body.rows.map((row) => row.label).sort()).toEqual(['Billing', 'Technical']);
  });

  it('should refuse operators', async () => {
    const result = await h.call(h.tokens.anna, 'GET', `/v1/reports/delivery?from=2026-01-01&to=2026-01-02`);
    expect(result.status).toBe(403);
  });

  it('should group by operator with their names', async () => {
    const result = await h.call<DeliveryReportResponse>(
      h.tokens.owner,
      'GET',
      `/v1/reports/delivery?from=2026-01-01&to=${today()}&groupBy=operator`,
    );
    expect(result.body.rows.map((row) => row.label)).toEqual(expect.arrayContaining(['Anna Ivanova', 'Boris Novak']));
  });

  it('should export CSV with formula-safe cells', async () => {
    const response = await h.app.request(`/v1/reports/delivery?from=2026-01-01&to=${today()}&format=csv`, {
      headers: { Authorization: `Bearer ${h.tokens.owner}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const text = await response.text();
    expect(text.split('\r\n')[0]).toBe('"day","sending","sent","scheduled","delayed","not_delivered","total"');
    expect(text).toContain('"gone@example.com","5.1.1"');
  });

  it.each([
    ['from=2026-02-10&to=2026-02-01', 'ends before it starts'],
    ['from=2024-01-01&to=2026-01-01', 'at most 366 days'],
    ['from=yesterday&to=2026-01-01', 'from'],
    ['from=2026-01-01&to=2026-01-02&groupBy=week', 'groupBy'],
  ])('should refuse the period %s', async (query, message) => {
    const result = await h.call(h.tokens.owner, 'GET', `/v1/reports/delivery?${query}`);
    expect(result.status).toBe(400);
    expect(result.body.error.message).toContain(message);
  });
});

describe('baseSubject', () => {
  it.each([
    ['Re: Re: Hello', 'hello'],
    ['AW: Fwd: Hello  world', 'hello world'],
    ['Ответ: Счёт', 'счёт'],
    ['Re[2]: Hello', 'hello'],
  ])('should reduce %s to %s', (subject, base) => expect(baseSubject(subject)).toBe(base));
});
