import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv, AuthedUser } from '../context';
import type { RouteDoc } from './api-doc';
import { parseBody, parseQuery } from './validate';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> extends Omit<RouteDoc, 'body' | 'query'> {
  body?: B;
  query?: Q;
  /** Who may call it at all, checked before the input is read (a 403 before a 400). */
  guard?: (actor: AuthedUser) => void;
}

export type RouteHandler<B, Q> = (c: Context<AppEnv>, input: { body: Parsed<B>; query: Parsed<Q> }) => Response | Promise<Response>;

/**
 * Every route of the API is declared once, here: the same spec documents it in
 * `/v1/openapi.json` and parses its body and query for the handler, so the document and the
 * handler cannot disagree. One instance per app: its `docs` are that app's routes only.
 */
export class ApiRoutes {
  readonly app = new Hono<AppEnv>();
  readonly docs: RouteDoc[] = [];

  add<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
    spec: RouteSpec<B, Q>,
    handler: RouteHandler<B, Q>,
  ): void {
    const { guard, ...doc } = spec;
    this.docs.push(doc);
    this.app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      if (guard) guard(c.get('actor'));
      const body = (spec.body ? await parseBody(c, spec.body) : undefined) as Parsed<B>;
      const query = (spec.query ? parseQuery(c, spec.query) : undefined) as Parsed<Q>;
      return handler(c, { body, query });
    });
  }

  /** "POST /v1/session" for the routes anyone may call. */
  publicRoutes(prefix: string): Set<string> {
    return new Set(this.docs.filter((doc) => doc.public).map((doc) => `${doc.method.toUpperCase()} ${prefix}${doc.path}`));
  }
}
