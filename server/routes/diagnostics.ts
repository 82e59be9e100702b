import { canInWorkspace } from '../../lib/domain/permissions';
import {
  adapterFailureListResponseSchema,
  adapterFailureQuerySchema,
  adapterFailureReportRequestSchema,
  adapterFailureReportResponseSchema,
} from '../../lib/protocol/diagnostics';
import type { ApiRoutes } from '../http/api-routes';
import { Forbidden } from '../services/errors';
import { runMutation } from '../http/mutation';
import { listAdapterFailures, recordAdapterFailures } from '../services/adapter-failures';

const DEFAULT_DAYS = 7;

export function diagnosticsRoutes(routes: ApiRoutes): void {
  routes.add(
    {
      method: 'post',
      path: '/diagnostics/adapter',
      summary: 'Add counts of webmail views the extension could not read (no page content)',
      access: 'signed in',
      mutation: true,
      body: adapterFailureReportRequestSchema,
      responses: { 200: adapterFailureReportResponseSchema },
    },
    async (c, { body }) => runMutation(c, (m) => recordAdapterFailures(m, c.get('actor'), body.counts)),
  );

  routes.add(
    {
      method: 'get',
      path: '/diagnostics/adapter',
      summary: 'Counts of unreadable webmail views per day, provider, selector and version',
      access: 'admin, owner',
      query: adapterFailureQuerySchema,
      responses: { 200: adapterFailureListResponseSchema },
      guard: (actor) => {
        if (!canInWorkspace(actor, 'workspace.manage')) throw new Forbidden('Adapter diagnostics are for admins and owners.');
      },
    },
    async (c, { query }) => {
      const { store, now } = c.get('deps');
      return c.json(await listAdapterFailures(store.db, c.get('actor'), query.days ?? DEFAULT_DAYS, now()));
    },
  );
}
