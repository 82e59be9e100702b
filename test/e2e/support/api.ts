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
