/**
 * The load generator's HTTP client: undici's Pool when it resolves (it is what Node's fetch is
 * built on, minus the WHATWG overhead; present here as a transitive dependency), else node:http
 * with a keep-alive agent. Either way: a fixed number of keep-alive connections to 127.0.0.1.
 */
import http from 'node:http';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  body: string;
}

export interface HttpClient {
  kind: string;
  request(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

const REQUEST_TIMEOUT_MS = 10_000;

export async function createHttpClient(origin: string, connections: number): Promise<HttpClient> {
  if (process.env.BENCH_HTTP_CLIENT !== 'node-http') {
    try {
      const undici = await import('undici');
      const pool = new undici.Pool(origin, {
        connections,
        pipelining: 1,
        headersTimeout: REQUEST_TIMEOUT_MS,
        bodyTimeout: REQUEST_TIMEOUT_MS,
      });
      return {
        kind: 'undici Pool',
        async request(request) {
          const response = await pool.request({ method: request.method, path: request.path, headers: request.headers, body: request.body });
          return { status: response.statusCode, body: await response.body.text() };
        },
        close: () => pool.close(),
      };
    } catch {
      // fall through to node:http
    }
  }
  const url = new URL(origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  return {
    kind: 'node:http keep-alive agent',
    request(request) {
      return new Promise((resolve, reject) => {
        const headers: Record<string, string | number> = { ...request.headers };
        if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
        const req = http.request(
          { host: url.hostname, port: url.port, path: request.path, method: request.method, headers, agent },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
            res.on('error', reject);
          },
        );
        req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('request timed out')));
        req.on('error', reject);
        req.end(request.body);
      });
    },
    async close() {
      agent.destroy();
    },
  };
}

/** Signs in (one scrypt verification each: deliberately slow, so once per user). */
export async function login(client: HttpClient, email: string, password: string): Promise<string> {
  const response = await client.request({
    method: 'POST',
    path: '/v1/session',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${response.body.slice(0, 200)}`);
  return (JSON.parse(response.body) as { token: string }).token;
}
