// Requests from the options page's Reports tab and the popup's "passed around" list. The server
// decides who may see them (403 for operators); the answers are checked with the protocol schemas.
import { deliveryReportResponseSchema, type DeliveryReportResponse } from '../../protocol/reports';
import { errorBodySchema } from '../../protocol/common';
import { ticketListResponseSchema } from '../../protocol/requests';
import { ApiError, NetworkError, NotSignedInError } from './api-errors';
import type { DeliveryReportPeriod } from '../shared/messages';
import type { PassedAroundTicket, RequestOf } from '../shared/message-responses';
import { summarizeTicket } from './ticket-summary';
import type { BackgroundContext } from './context';

function reportPath({ from, to, groupBy }: DeliveryReportPeriod, format: 'json' | 'csv'): string {
  const params = new URLSearchParams({ from, to, groupBy });
  if (format === 'csv') params.set('format', 'csv');
  return `/reports/delivery?${params.toString()}`;
}

export async function loadDeliveryReport(
  { engine }: BackgroundContext,
  message: RequestOf<'reports.delivery'>,
): Promise<DeliveryReportResponse> {
  if (!engine.api) throw new NotSignedInError();
  return engine.api({ method: 'GET', path: reportPath(message.query, 'json'), schema: deliveryReportResponseSchema });
}

/** CSV is not JSON, so the api client cannot read it: the same bearer header, by hand. */
export async function loadDeliveryReportCsv(
  { engine, fetch: fetchImpl = fetch }: BackgroundContext,
  message: RequestOf<'reports.deliveryCsv'>,
): Promise<{ csv: string; filename: string }> {
  const session = engine.currentSession;
  if (!session) throw new NotSignedInError();
  const root = session.serverUrl.replace(/\/+$/, '');
  let response: Response;
  try {
    response = await fetchImpl(`${root}/v1${reportPath(message.query, 'csv')}`, {
      headers: { accept: 'text/csv', authorization: `Bearer ${session.token}` },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (cause) {
    throw new NetworkError(`Cannot reach the Sidedesk server at ${root}.`, { cause });
  }
  if (!response.ok) {
    const body = errorBodySchema.safeParse(await response.json().catch(() => undefined));
    if (body.success) throw new ApiError(response.status, body.data.error.code, body.data.error.message, body.data.error.details);
    throw new ApiError(response.status, response.status >= 500 ? 'internal' : 'bad_response', `The server answered ${response.status}.`);
  }
  const { from, to, groupBy } = message.query;
  return { csv: await response.text(), filename: `sidedesk-delivery-${from}-${to}-${groupBy}.csv` };
}

/** Most handed-around first, as one-line summaries that can open the thread. */
export async function loadPassedAround({ db, engine }: BackgroundContext): Promise<PassedAroundTicket[]> {
  if (!engine.api) throw new NotSignedInError();
  const { tickets } = await engine.api({ method: 'GET', path: '/tickets/passed-around', schema: ticketListResponseSchema });
  const sorted = [...tickets].sort((a, b) => b.reassignmentCount - a.reassignmentCount);
  return Promise.all(sorted.map(async (ticket) => ({ ...(await summarizeTicket(db, ticket, true)), handoffs: ticket.reassignmentCount })));
}
