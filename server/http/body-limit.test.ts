import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../test-support/harness';
import { listenOnLoopback, type ListeningApp } from '../test-support/listen';

// Over a real listening server, as production runs: the body limit must hold for bodies that
// declare their length and for chunked ones that do not.

describe('request body limit over HTTP', () => {
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

  /** POST /v1/departments as the owner, the body sent in `chunks` (chunked when `chunked`). */
  const post = (chunks: string[], chunked: boolean) =>
    new Promise<{ status: number; body: { error?: { code: string } } }>((resolve, reject) => {
      const length = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk), 0);
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/departments',
          headers: {
            authorization: `Bearer ${h.tokens.owner}`,
            'content-type': 'application/json',
            'idempotency-key': crypto.randomUUID(),
            ...(chunked ? {} : { 'content-length': String(length) }),
          },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
        },
      );
      request.on('error', reject);
      for (const chunk of chunks) request.write(chunk);
      request.end();
    });

  const oversized = () => {
    const text = JSON.stringify({ name: 'x'.repeat(h.deps.config.maxBodyBytes) });
    return [text.slice(0, 1000), text.slice(1000)];
  };

  it('should answer 413 to a declared length over the limit', async () => {
    const result = await post(oversized(), false);
    expect(result.status).toBe(413);
    expect(result.body.error?.code).toBe('payload_too_large');
  });

  it('should answer 413 to a chunked body that grows over the limit', async () => {
    const result = await post(oversized(), true);
    expect(result.status).toBe(413);
  });

  it('should take a chunked body under the limit', async () => {
    const result = await post(['{"name":', '"Chunked"}'], true);
    expect(result.status).toBe(201);
  });

  it('should take a declared body under the limit', async () => {
    const result = await post(['{"name":"Declared"}'], false);
    expect(result.status).toBe(201);
  });
});
