// Talking to the server directly from a spec, to check what it stored (not what the UI shows).
export async function signInApi(serverUrl: string, email: string, password = 'demo'): Promise<string> {
  const response = await fetch(`${serverUrl}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export async function getJson<T>(serverUrl: string, token: string, path: string): Promise<T> {
  const response = await fetch(`${serverUrl}/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A change made directly through the API (a colleague's, or setting up what a spec needs). */
export async function postJson<T>(serverUrl: string, token: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${serverUrl}/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
