// test/e2e/support/browser.ts asks vitest for the server's URL (the e2e global setup provides it).
// Out of vitest, a bench that launches the extension provides it the same way.
export function provideE2eServerUrl(serverUrl: string): void {
  const state = globalThis as { __vitest_worker__?: { providedContext: Record<string, unknown> } };
  state.__vitest_worker__ ??= { providedContext: {} };
  state.__vitest_worker__.providedContext.e2e = { serverUrl };
}
