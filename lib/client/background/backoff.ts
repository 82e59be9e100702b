/** Exponential backoff: 1 s, 2 s, 4 s … up to the cap, for the n-th consecutive failure (n ≥ 1). */
export function backoffDelay(failures: number, { baseMs = 1_000, capMs = 60_000 } = {}): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  return Math.min(capMs, baseMs * 2 ** exponent);
}
