import { instantOfWallClock } from './business-hours';

// A report's period (lib/protocol/reports.ts: `from` and `to`, both days included) as the instants
// the report's rows are compared with. The delivery and call-back reports count UTC days; the
// response-time report counts the workspace's days (docs/design.md "Decided 2026-12": SLA).

const DAY = 86_400_000;

export interface PeriodBounds {
  /** The period's first and last dates, as the epoch ms of their UTC midnights. */
  firstDate: number;
  lastDate: number;
  /** The first instant of the period and the first one after it (epoch ms). */
  startMs: number;
  endMs: number;
  /** The same two as ISO text, the way times are stored (server/store/schema.ts). */
  start: string;
  endExclusive: string;
}

/**
 * From the midnight that begins `from` to the midnight that ends `to`: in `timeZone` when one is
 * given (a day of 23 or 25 hours when the clocks change), else in UTC.
 */
export function periodBounds(period: { from: string; to: string }, timeZone?: string): PeriodBounds {
  const firstDate = Date.parse(`${period.from}T00:00:00.000Z`);
  const lastDate = Date.parse(`${period.to}T00:00:00.000Z`);
  const instant = (wall: number) => (timeZone === undefined ? wall : instantOfWallClock(wall, timeZone));
  const startMs = instant(firstDate);
  const endMs = instant(lastDate + DAY);
  return { firstDate, lastDate, startMs, endMs, start: new Date(startMs).toISOString(), endExclusive: new Date(endMs).toISOString() };
}
