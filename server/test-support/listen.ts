import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Harness } from './harness';

export interface ListeningApp {
  server: Server;
  port: number;
  /** http://127.0.0.1:<port> */
  base: string;
  close(): Promise<void>;
}

/** The harness's app on a real loopback socket: what body streams, resets and upgrades need. */
export async function listenOnLoopback(h: Pick<Harness, 'app'>): Promise<ListeningApp> {
  const server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
