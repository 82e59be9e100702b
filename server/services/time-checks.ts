import { Invalid } from './errors';

/** How far ahead of the server's clock a client's clock may run before its times are refused. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Times that say when something already happened (a customer's message, a send, a notice) cannot
 * lie in the future: a customer message dated 9999 once kept a resolved ticket from ever reopening.
 */
export function requirePast(at: string | null | undefined, now: Date, field: string): void {
  if (at === null || at === undefined) return;
  if (Date.parse(at) > now.getTime() + CLOCK_SKEW_MS) {
    throw new Invalid(`${field}: a time in the future; check the computer's clock.`, { path: field, message: 'in the future' });
  }
}
