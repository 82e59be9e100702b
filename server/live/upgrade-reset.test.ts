import { Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startServerProcess, type ServerProcess } from '../test-support/server-process';
import { createPostgresSchema, TEST_DATABASE_URL } from '../test-support/test-store';

// The one-packet crash: an upgrade request to /v1/live followed at once by a TCP reset. Node
// removes its own 'error' listener from a socket it hands to 'upgrade'; a refusal written to a
// reset socket then raised an unhandled 'error' and ended the process. Run against the real
// server process, as an attacker would reach it, on both stores.

/** Sends an upgrade request and resets the connection (SO_LINGER 0) right after it is written. */
function upgradeThenReset(port: number, target: string, headers: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve) => {
    const socket = new Socket();
    // A refused connection (the server is gone) resolves too: the checks below then say why.
    socket.on('error', () => resolve());
    socket.connect(port, '127.0.0.1', () => {
      const lines = [
        `GET ${target} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`, () => {
        socket.resetAndDestroy();
        resolve();
      });
    });
  });
}

const VARIANTS: [string, string, Record<string, string>?][] = [
  ['no ticket', '/v1/live'],
  ['a made-up ticket', `/v1/live?ticket=${'x'.repeat(43)}`],
  ['an unknown path', '/v1/elsewhere'],
  ['a forbidden origin', '/v1/live?ticket=abc', { Origin: 'https://evil.example' }],
];

function describeStore(name: string, env: () => Record<string, string>) {
  describe(`live upgrade followed by a reset (${name})`, () => {
    let server: ServerProcess;
    beforeAll(async () => {
      server = await startServerProcess({ env: env() });
    }, 90_000);
    afterAll(async () => {
      await server?.stop();
    });

    it.each(VARIANTS)('should keep serving after a reset with %s', async (_label, target, headers) => {
      for (let attempt = 0; attempt < 25; attempt += 1) await upgradeThenReset(server.port, target, headers);
      // Let the refusals run into the reset sockets before asking.
      await new Promise((wait) => setTimeout(wait, 200));
      expect(server.child.exitCode).toBeNull();
      const health = await request(server.url, 'GET', '/v1/health');
      expect(health.status).toBe(200);
    });
  });
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sidedesk-reset-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
describeStore('SQLite', () => ({ DATA_DIR: dataDir }));

let schema: Awaited<ReturnType<typeof createPostgresSchema>> | undefined;
describe.runIf(TEST_DATABASE_URL)('on PostgreSQL', () => {
  beforeAll(async () => {
    schema = await createPostgresSchema(TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    await schema?.drop();
  });
  describeStore('PostgreSQL', () => ({ DATABASE_URL: schema!.url }));
});
