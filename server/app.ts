import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, Deps } from './context';
import { buildOpenApi, type RouteDoc } from './http/api-doc';
import { ApiRoutes } from './http/api-routes';
import { requireUser } from './http/auth';
import { corsForApi } from './http/cors';
import { limitBody } from './http/body-limit';
import { isAllowedOrigin } from './http/origins';
import { sessionCacheFor } from './http/session-cache';
import { errorBody, handleError } from './http/errors';
import { rejectUnstorableText } from './http/validate';
import { accountRoutes } from './routes/account';
import { callbackRoutes } from './routes/callbacks';
import { changeRoutes } from './routes/changes';
import { diagnosticsRoutes } from './routes/diagnostics';
import { noteRoutes } from './routes/notes';
import { peopleRoutes } from './routes/people';
import { replyRoutes } from './routes/replies';
import { reportRoutes } from './routes/reports';
import { sessionRoutes } from './routes/session';
import { slaRoutes } from './routes/sla';
import { teamRoutes } from './routes/team';
import { ticketRoutes } from './routes/tickets';

export const API_VERSION = '1.0.0';

/** Requests that need no bearer token besides the routes declared public. The live socket authenticates with its own ticket. */
const PUBLIC_PATHS = ['GET /v1/openapi.json', 'GET /v1/health', 'GET /v1/live'];

/** Builds the HTTP app; it never listens (main.ts does), so tests call `app.request()` in process. */
export function createApp(deps: Deps): Hono<AppEnv> & { routeDocs: readonly RouteDoc[] } {
  const app = new Hono<AppEnv>();
  // A change to users (role, departments, deactivation) pokes everyone, on every instance: the
  // signed-in users remembered for their tokens may be out of date then.
  deps.bus.subscribe((poke) => {
    if (poke.audience.everyone) sessionCacheFor(deps.store).clear();
  });
  // A sign-out on any instance ends the token here too, at once rather than when it expires.
  deps.bus.subscribeRevocations((revocation) => {
    const cache = sessionCacheFor(deps.store);
    if (revocation.sessionHashes) for (const hash of revocation.sessionHashes) cache.forgetToken(hash);
    else cache.forgetUser(revocation.userId);
  });
  app.onError(handleError);
  app.notFound((c) => c.json(errorBody('not_found', `No such endpoint: ${c.req.method} ${c.req.path}`), 404));

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', secureHeaders());
  app.use(
    '/v1/*',
    corsForApi({
      origin: (origin) => (isAllowedOrigin(origin, deps) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
      exposeHeaders: ['Idempotent-Replayed', 'Retry-After'],
      maxAge: 600,
    }),
  );
  app.use('/v1/*', limitBody(deps.config.maxBodyBytes));
  // Every route of this app, declared once: handlers and the OpenAPI document come from the same specs.
  const routes = new ApiRoutes();
  for (const declare of [
    sessionRoutes,
    accountRoutes,
    peopleRoutes,
    teamRoutes,
    ticketRoutes,
    callbackRoutes,
    noteRoutes,
    replyRoutes,
    reportRoutes,
    changeRoutes,
    diagnosticsRoutes,
    slaRoutes,
  ]) {
    declare(routes);
  }
  const publicRoutes = new Set([...PUBLIC_PATHS, ...routes.publicRoutes('/v1')]);

  app.use('/v1/*', async (c, next) => {
    if (publicRoutes.has(`${c.req.method} ${c.req.path}`)) return next();
    return requireUser(c, next);
  });
  app.use('/v1/*', rejectUnstorableText);

  app.get('/v1/health', (c) => c.json({ ok: true, version: API_VERSION }));
  app.route('/v1', routes.app);
  const openApi = buildOpenApi(API_VERSION, routes.docs);
  app.get('/v1/openapi.json', (c) => c.json(openApi));
  return Object.assign(app, { routeDocs: routes.docs });
}
