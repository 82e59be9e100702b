import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHarness, type Harness } from '../test-support/harness';
import { listenOnLoopback, type ListeningApp } from '../test-support/listen';

// Over a real socket: only then does Node's request stream fail when the client goes away.

describe('a client that aborts its upload', () => {
  let h: Harness;
  let listening: ListeningApp;
  let port: number;

  beforeAll(async () => {
    h = await createHarness();
    listening = await listenOnLoopback(h);
    port = listening.port;
  });
  afterAll(async () => {
    await listening.close();
    await h.close();
  });
  afterEach(() => vi.restoreAllMocks());

  /** Sends the head and part of the body, waits until the server reads it, then drops the connection. */
  const abortUpload = async (framing: 'declared' | 'chunked', reset: boolean) => {
    const errors = vi.spyOn(console, 'error');
    const warnings = vi.spyOn(console, 'warn');
    const received = new Promise<void>((resolve) => listening.server.once('request', () => resolve()));
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      [
        'POST /v1/departments HTTP/1.1',
        'Host: 127.0.0.1',
        `Authorization: Bearer ${h.tokens.owner}`,
        'Content-Type: application/json',
        `Idempotency-Key: ${crypto.randomUUID()}`,
        framing === 'declared' ? 'Content-Length: 1000' : 'Transfer-Encoding: chunked',
        '',
        framing === 'declared' ? '{"name":' : '8\r\n{"name":\r\n',
      ].join('\r\n'),
    );
    // The handler is waiting for the rest of the body; then the client goes.
    await received;
    await new Promise((resolve) => setImmediate(resolve));
    if (reset) socket.resetAndDestroy();
    else socket.destroy();
    // Whatever the server makes of it, it logs once: wait for that line.
    await vi.waitFor(() => expect(errors.mock.calls.length + warnings.mock.calls.length).toBeGreaterThan(0));
    return {
      errors: errors.mock.calls.map((call) => call.map(String).join(' ')),
      warnings: warnings.mock.calls.map((call) => call.map(String).join(' ')),
    };
  };

  it.each([
    ['a declared length', 'declared', false],
    ['a chunked body', 'chunked', false],
    ['a declared length, reset', 'declared', true],
  ] as const)('should log no error with a stack for %s', async (_label, framing, reset) => {
    const logged = await abortUpload(framing, reset);
    expect(logged.errors).toEqual([]);
    expect(logged.warnings.length).toBeLessThanOrEqual(1);
    for (const line of logged.warnings) expect(line).not.toContain('\n');
    const health = await fetch(`http://127.0.0.1:${port}/v1/health`);
    expect(health.status).toBe(200);
  });
});
