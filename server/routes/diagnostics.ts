import { Hono } from 'hono';
import { canInWorkspace } from '../../lib/domain/permissions';
import {
  adapterFailureListResponseSchema,
  adapterFailureQuerySchema,
  adapterFailureReportRequestSchema,
  adapterFailureReportResponseSchema,
} from '../../lib/protocol/diagnostics';
import type { AppEnv } from '../context';
import { documentRoute } from '../http/api-doc';
import { forbidden } from '../http/errors';
import { runMutation } from '../http/mutation';
import { parseBody, parseQuery } from '../http/validate';
import { listAdapterFailures, recordAdapterFailures } from '../services/adapter-failures';

const DEFAULT_DAYS = 7;

export function diagnosticsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  documentRoute({
    method: 'post',
    path: '/diagnostics/adapter',
    summary: 'Add counts of webmail views the extension could not read (no page content)',
    access: 'signed in',
    mutation: true,
    body: adapterFailureReportRequestSchema,
    responses: { 200: adapterFailureReportResponseSchema },
  });
  app.post('/diagnostics/adapter', async (c) => {
    const body = await parseBody(c, adapterFailureReportRequestSchema);
    return runMutation(c, (m) => recordAdapterFailures(m, c.get('actor'), body.counts));
  });

  documentRoute({
    method: 'get',
    path: '/diagnostics/adapter',
    summary: 'Counts of unreadable webmail views per day, provider, selector and version',
    access: 'admin, owner',
    query: adapterFailureQuerySchema,
    responses: { 200: adapterFailureListResponseSchema },
  });
  app.get('/diagnostics/adapter', async (c) => {
    const actor = c.get('actor');
    if (!canInWorkspace(actor, 'workspace.manage')) throw forbidden('Adapter diagnostics are for admins and owners.');
    const query = parseQuery(c, adapterFailureQuerySchema);
    const { store, now } = c.get('deps');
    return c.json(await listAdapterFailures(store.db, actor, query.days ?? DEFAULT_DAYS, now()));
  });
  return app;
}
