// Requests from the options page's Reports tab and the popup's "passed around" list. The server
// decides who may see them (403 for operators); the answers are checked with the protocol schemas.
import {
  deliveryReportResponseSchema,
  responseTimeReportResponseSchema,
  type DeliveryReportResponse,
  type ResponseTimeReportResponse,
} from '../../protocol/reports';
import { errorBodySchema } from '../../protocol/common';
import { ticketListResponseSchema } from '../../protocol/requests';
import { ApiError, NetworkError, NotSignedInError } from './api-errors';
import type { DeliveryReportPeriod, ResponseTimePeriod } from '../shared/messages';
import type { PassedAroundTicket, RequestOf } from '../shared/message-responses';
import { summarizeTickets } from './ticket-summary';
import type { BackgroundContext } from './context';

function reportPath(
  report: 'delivery' | 'response-times',
  { from, to, groupBy }: DeliveryReportPeriod | ResponseTimePeriod,
  format: 'json' | 'csv',
): string {
  const params = new URLSearchParams({ from, to, groupBy });
  if (format === 'csv') params.set('format', 'csv');
  return `/reports/${report}?${params.toString()}`;
}

export async function loadDeliveryReport(
  { engine }: BackgroundContext,
  message: RequestOf<'reports.delivery'>,
): Promise<DeliveryReportResponse> {
  if (!engine.api) throw new NotSignedInError();
  return engine.api({ method: 'GET', path: reportPath('delivery', message.query, 'json'), schema: deliveryReportResponseSchema });
}

export async function loadResponseTimeReport(
  { engine }: BackgroundContext,
  message: RequestOf<'reports.responseTimes'>,
): Promise<ResponseTimeReportResponse> {
  if (!engine.api) throw new NotSignedInError();
  return engine.api({ method: 'GET', path: reportPath('response-times', message.query, 'json'), schema: responseTimeReportResponseSchema });
}

export async function loadDeliveryReportCsv(
  context: BackgroundContext,
  { query }: RequestOf<'reports.deliveryCsv'>,
): Promise<{ csv: string; filename: string }> {
  const csv = await fetchCsv(context, reportPath('delivery', query, 'csv'));
  return { csv, filename: `sidedesk-delivery-${query.from}-${query.to}-${query.groupBy}.csv` };
}

export async function loadResponseTimeReportCsv(
  context: BackgroundContext,
  { query }: RequestOf<'reports.responseTimesCsv'>,
): Promise<{ csv: string; filename: string }> {
  const csv = await fetchCsv(context, reportPath('response-times', query, 'csv'));
  return { csv, filename: `sidedesk-response-times-${query.from}-${query.to}-${query.groupBy}.csv` };
}

/** CSV is not JSON, so the api client cannot read it: the same bearer header, by hand. */
async function fetchCsv({ engine, fetch: fetchImpl = fetch }: BackgroundContext, path: string): Promise<string> {
  const session = engine.currentSession;
  if (!session) throw new NotSignedInError();
  const root = session.serverUrl.replace(/\/+$/, '');
  let response: Response;
  try {
    response = await fetchImpl(`${root}/v1${path}`, {
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
  return response.text();
}

/** Most handed-around first, as one-line summaries that can open the thread. */
export async function loadPassedAround({ db, engine }: BackgroundContext): Promise<PassedAroundTicket[]> {
  if (!engine.api) throw new NotSignedInError();
  const { tickets } = await engine.api({ method: 'GET', path: '/tickets/passed-around', schema: ticketListResponseSchema });
  const sorted = [...tickets].sort((a, b) => b.reassignmentCount - a.reassignmentCount);
  const summaries = await summarizeTickets(db, sorted, true);
  return summaries.map((summary, i) => ({ ...summary, handoffs: sorted[i]!.reassignmentCount }));
}
