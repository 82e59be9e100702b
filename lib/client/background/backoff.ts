/**
 * Reconnecting while a sidebar or popup is open: someone is looking at the Offline banner and
 * waiting for their changes to go, so 1, 2, 4, then every 5 s (docs/design.md "Outbox").
 */
export const VIEW_OPEN_RECONNECT = { baseMs: 1_000, capMs: 5_000 } as const;

/** Exponential backoff: 1 s, 2 s, 4 s … up to the cap, for the n-th consecutive failure (n ≥ 1). */
export function backoffDelay(failures: number, { baseMs = 1_000, capMs = 60_000 } = {}): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  return Math.min(capMs, baseMs * 2 ** exponent);
}
