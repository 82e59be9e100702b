import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

export interface CorsOptions {
  origin: (origin: string, c: Context) => string | null;
  allowHeaders: string[];
  allowMethods: string[];
  exposeHeaders: string[];
  maxAge: number;
}

/**
 * Hono's cors(), with the headers of an actual (non-preflight) request set on the finished
 * response. Hono's version touches `c.res` before the handler runs and calls `c.header()` after:
 * on @hono/node-server each turns the handler's plain response into a full WHATWG Response with
 * a body stream, which the server then reads back chunk by chunk (a tenth of a reassign's CPU).
 * The headers are the same: Access-Control-Allow-Origin for an allowed origin, the exposed
 * headers and `Vary: Origin` always. Preflights go to Hono's own.
 */
export function corsForApi(options: CorsOptions): MiddlewareHandler {
  const preflight = cors(options);
  const exposed = options.exposeHeaders.join(',');
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    await next();
    // `c.res.headers` of the finished response: mutable, and reading them keeps it a plain one.
    const headers = c.res.headers;
    const allowed = options.origin(c.req.header('origin') ?? '', c);
    if (allowed) headers.set('Access-Control-Allow-Origin', allowed);
    if (exposed) headers.set('Access-Control-Expose-Headers', exposed);
    headers.append('Vary', 'Origin');
  };
}
