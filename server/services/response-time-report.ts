import { PostgresAdapter, sql, type Expression, type RawBuilder } from 'kysely';
import { createBusinessTimeline, instantOfWallClock, type BusinessMinutesBetween } from '../../lib/domain/business-hours';
import { reportScope } from '../../lib/domain/permissions';
import { periodBounds } from '../../lib/domain/report-period';
import { postponedSpans, type SlaStatusEvent } from '../../lib/domain/sla';
import type { BacklogBuckets, DurationStats, ResponseTimeReportResponse, ResponseTimeRow } from '../../lib/protocol/reports';
import type { AuthedUser } from '../context';
import { csvCell } from './csv';
import { loadBusinessHours } from './sla-due';
import { type Db, readEventData } from './rows';

// The "Response times" report (docs/design.md "Decided 2026-12": SLA): one query reads the tickets
// of the period and of the open backlog, each with the time of its last resolution before the
// period's end (a correlated sub-select on the index of resolutions); the rest is arithmetic here.
// Durations are business minutes of the workspace's hours, whatever hours the policy counts in,
// so that departments compare on one clock; SLA met follows each policy's own clock.

export interface ResponseTimeReportQuery {
  from: string;
  to: string;
  groupBy: 'department' | 'operator';
}

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * One ticket as the report reads it: the department or assignee it is grouped by; 1 unless
 * resolved now (the open backlog); made, first answered and last resolved before the period's
 * end, in epoch milliseconds; handoffs; the first-response target of its policy (null: none) and
 * whether that counts business hours (1) or around the clock (0; null: no policy); its number.
 */
type TicketFacts = [
  groupKey: string | null,
  isOpen: number,
  created: number,
  firstResponse: number | null,
  resolved: number | null,
  handoffs: number,
  target: number | null,
  businessHours: number | null,
  number: number,
];
const FACT_COLUMNS = [
  'group_key',
  'is_open',
  'created',
  'first_response',
  'resolved',
  'handoffs',
  'target',
  'business_hours',
  'number',
] as const;

/** Nearest-rank percentile of sorted values (the median of [1, 2] is 1), to a tenth of a minute. */
function percentile(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  const value = sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  return Math.round(value * 10) / 10;
}

function stats(values: number[]): DurationStats {
  // A typed array sorts numerically without a comparator call per pair (bench: 100,000 tickets).
  const sorted = Float64Array.from(values).sort();
  return { count: sorted.length, median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9) };
}

class Group {
  created = 0;
  resolved = 0;
  firstResponses: number[] = [];
  resolutions: number[] = [];
  met = 0;
  breached = 0;
  handoffs = 0;
  backlog: BacklogBuckets = { underOneDay: 0, oneToThreeDays: 0, threeToSevenDays: 0, overSevenDays: 0 };
  constructor(
    readonly key: string,
    readonly label: string,
  ) {}

  toRow(): ResponseTimeRow {
    const judged = this.met + this.breached;
    return {
      key: this.key,
      label: this.label,
      created: this.created,
      resolved: this.resolved,
      firstResponse: stats(this.firstResponses),
      resolution: stats(this.resolutions),
      sla: { met: this.met, breached: this.breached, percentMet: judged === 0 ? null : Math.round((this.met / judged) * 1000) / 10 },
      reassignmentsPerTicket: this.created === 0 ? null : Math.round((this.handoffs / this.created) * 100) / 100,
      backlog: this.backlog,
    };
  }
}

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * An ISO time column as epoch milliseconds, computed by the store: times are text on both stores
 * (server/store/schema.ts), and text is what a row costs most to bring and then to parse again.
 * Both are exact to the millisecond: SQLite's unixepoch counts whole milliseconds, PostgreSQL's
 * extract gives a numeric.
 */
function epochMs(db: Db, time: Expression<string | null>): RawBuilder<number | null> {
  return isPostgres(db)
    ? sql<number | null>`(extract(epoch from (${time})::timestamptz) * 1000)::bigint`
    : sql<number | null>`cast(round(unixepoch(${time}, 'subsec') * 1000) as integer)`;
}

/**
 * The one query. Rows cost most on their way out of the store (bench, 366 days over 100,000
 * tickets on SQLite: 1.15 s CPU with a row of seven text columns per ticket and the policy looked
 * up per ticket; the same figures summed inside SQLite took a sixth of that). So the store hands
 * over numbers (times in milliseconds, the policy's target joined in) and only the column the
 * report groups by as text, every ticket a JSON array in one JSON text that JSON.parse reads at a
 * fraction of a row's cost. (Grouped in SQL instead, SQLite walks tickets_by_assignee for the
 * operators' report: slower.) The last resolution is an index-only seek in the partial index of
 * resolutions (server/store/migrations-reports.ts); its terms are written out, not bound, so that
 * both stores see the index's own predicate.
 */
async function readTickets(
  db: Db,
  actor: AuthedUser,
  groupBy: ResponseTimeReportQuery['groupBy'],
  start: string,
  endExclusive: string,
): Promise<TicketFacts[]> {
  let query = db
    .selectFrom('tickets')
    .leftJoin('sla_policies', (join) =>
      join
        .onRef('sla_policies.workspace_id', '=', 'tickets.workspace_id')
        .onRef('sla_policies.department_id', '=', 'tickets.department_id')
        .onRef('sla_policies.priority', '=', 'tickets.priority'),
    )
    .select(groupBy === 'department' ? 'tickets.department_id as group_key' : 'tickets.assignee_id as group_key')
    .select((eb) => [
      eb.case().when('tickets.status', '=', 'resolved').then(eb.lit(0)).else(eb.lit(1)).end().as('is_open'),
      epochMs(db, eb.ref('tickets.created_at')).as('created'),
      epochMs(db, eb.ref('tickets.first_response_at')).as('first_response'),
      // Only a ticket changed since the period began can have been resolved in it: the others skip
      // the sub-select (CASE evaluates it only when needed, on both stores).
      epochMs(
        db,
        eb
          .case()
          .when('tickets.updated_at', '>=', start)
          .then(
            eb
              .selectFrom('events')
              .select((inner) => inner.fn.max('events.at').as('at'))
              .whereRef('events.ticket_id', '=', 'tickets.id')
              // Event data is JSON text on both stores (server/store/schema.ts), written by JSON.stringify.
              .where(sql<boolean>`events.type = 'status' and events.data like '%"to":"resolved"%'`)
              .where('events.at', '<', endExclusive),
          )
          .else(null)
          .end(),
      ).as('resolved'),
    ])
    .select([
      'tickets.reassignment_count as handoffs',
      'sla_policies.first_response_minutes as target',
      'sla_policies.business_hours',
      'tickets.number',
    ])
    .where('tickets.workspace_id', '=', actor.workspaceId)
    .where('tickets.merged_into_id', 'is', null)
    // Spam is not a customer's request: it is neither counted nor timed.
    .where('tickets.status', '!=', 'spam')
    // Made in the period, open now, or touched since the period began (so possibly resolved in it).
    .where((eb) =>
      eb.or([
        eb.and([eb('tickets.created_at', '>=', start), eb('tickets.created_at', '<', endExclusive)]),
        eb('tickets.status', '!=', 'resolved'),
        eb('tickets.updated_at', '>=', start),
      ]),
    );
  const scope = reportScope(actor);
  if (scope) query = scope.length > 0 ? query.where('tickets.department_id', 'in', scope) : query.where((eb) => eb.lit(false));
  const fields = sql.join(FACT_COLUMNS.map((column) => sql.ref(`ticket.${column}`)));
  const all = isPostgres(db)
    ? sql<string | null>`json_agg(json_build_array(${fields}))::text`
    : sql<string | null>`json_group_array(json_array(${fields}))`;
  const row = await db.selectFrom(query.as('ticket')).select(all.as('tickets')).executeTakeFirst();
  // No tickets: SQLite's aggregate gives [], PostgreSQL's null.
  return JSON.parse(row?.tickets ?? '[]') as TicketFacts[];
}

/**
 * The spans each ticket of the workspace postponed since `start` stood still (lib/domain/sla.ts),
 * by ticket number: a lookup beside the one query, over the few tickets ever postponed (found in
 * the partial index of postponements, server/store/migrations-reports.ts).
 */
async function readPostponements(db: Db, workspaceId: string, start: string, now: number): Promise<Map<number, Array<[number, number]>>> {
  const rows = await db
    .selectFrom('events')
    .innerJoin('tickets', 'tickets.id', 'events.ticket_id')
    .select(['tickets.number', 'events.type', 'events.at', 'events.data'])
    .where('events.type', '=', 'status')
    .where('events.ticket_id', 'in', (eb) =>
      eb
        .selectFrom('events as postponed')
        .select('postponed.ticket_id')
        .where('postponed.workspace_id', '=', workspaceId)
        .where(sql<boolean>`postponed.type = 'status' and postponed.data like '%"to":"postponed"%'`)
        .where('postponed.at', '>=', start),
    )
    .execute();
  const byTicket = new Map<number, SlaStatusEvent[]>();
  for (const row of rows) {
    const events = byTicket.get(row.number) ?? [];
    events.push({ type: 'status', at: row.at, data: readEventData(row) as SlaStatusEvent['data'] });
    byTicket.set(row.number, events);
  }
  return new Map([...byTicket].map(([number, events]) => [number, postponedSpans(events, now)]));
}

function ageBucket(ageMs: number): keyof BacklogBuckets {
  if (ageMs < DAY) return 'underOneDay';
  if (ageMs < 3 * DAY) return 'oneToThreeDays';
  if (ageMs < 7 * DAY) return 'threeToSevenDays';
  return 'overSevenDays';
}

/**
 * The period's days in the workspace's time zone (at most 400, as the protocol allows): a day
 * runs from its local midnight to the next, 23 or 25 hours when the clocks change.
 */
class Days {
  /** Each day's first instant, and the end of the last. */
  readonly bounds: number[];
  readonly created: Int32Array;
  readonly resolved: Int32Array;
  readonly firstResponses: number[][];
  /** `from` and `to`: the period's first and last dates (ms of their UTC midnights). */
  constructor(
    readonly from: number,
    to: number,
    timeZone: string,
  ) {
    const count = Math.min(400, Math.max(0, Math.round((to - from) / DAY) + 1));
    this.bounds = Array.from({ length: count + 1 }, (_, index) => instantOfWallClock(from + index * DAY, timeZone));
    this.created = new Int32Array(count);
    this.resolved = new Int32Array(count);
    this.firstResponses = Array.from({ length: count }, () => []);
  }

  /** The index of the day `t` falls on; -1 outside. */
  indexOf(t: number): number {
    const { bounds } = this;
    if (t < bounds[0]! || t >= bounds[bounds.length - 1]!) return -1;
    let low = 0;
    let high = bounds.length - 1;
    // The last day that begins at or before t.
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      if (bounds[middle]! <= t) low = middle;
      else high = middle;
    }
    return low;
  }

  toList(): ResponseTimeReportResponse['days'] {
    return this.firstResponses.map((firstResponses, index) => ({
      day: new Date(this.from + index * DAY).toISOString().slice(0, 10),
      created: this.created[index]!,
      resolved: this.resolved[index]!,
      medianFirstResponse: stats(firstResponses).median,
    }));
  }
}

export async function responseTimeReport(
  db: Db,
  actor: AuthedUser,
  query: ResponseTimeReportQuery,
  now: Date,
): Promise<ResponseTimeReportResponse> {
  // The period's dates are the workspace's: from local midnight to local midnight.
  const hours = await loadBusinessHours(db, actor.workspaceId);
  const { firstDate, lastDate, startMs, endMs, start, endExclusive } = periodBounds(query, hours.timeZone);
  const [tickets, postponements, departments, users] = await Promise.all([
    readTickets(db, actor, query.groupBy, start, endExclusive),
    readPostponements(db, actor.workspaceId, start, now.getTime()),
    db.selectFrom('departments').select(['id', 'name']).where('workspace_id', '=', actor.workspaceId).execute(),
    db.selectFrom('users').select(['id', 'name']).where('workspace_id', '=', actor.workspaceId).execute(),
  ]);
  const names = new Map([...departments, ...users].map((row) => [row.id, row.name]));
  const nowMs = now.getTime();
  // From the oldest ticket timed to now: every measured pair lies inside. Those made in the
  // period start at its start; of the older ones only a resolution is timed.
  let oldest = startMs;
  for (const [, , created, , resolved] of tickets) if (resolved !== null && created < oldest) oldest = created;
  const businessMinutes: BusinessMinutesBetween = createBusinessTimeline(oldest, Math.max(nowMs, endMs), hours);

  const groups = new Map<string, Group>();
  const totals = new Group('', 'Total');
  const days = new Days(firstDate, lastDate, hours.timeZone);
  for (const ticket of tickets) {
    const [groupKey, isOpen, created, , resolved] = ticket;
    const key = groupKey ?? '';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new Group(key, key === '' ? 'Unassigned' : (names.get(key) ?? '—'))));
    if (isOpen === 1) {
      const bucket = ageBucket(nowMs - created);
      group.backlog[bucket] += 1;
      totals.backlog[bucket] += 1;
    }
    if (created >= startMs && created < endMs) recordCreated(ticket, group, totals, days, businessMinutes, nowMs, postponements);
    if (resolved !== null && resolved >= startMs && resolved < endMs) {
      const minutes = businessMinutes(created, resolved);
      for (const counted of [group, totals]) {
        counted.resolved += 1;
        counted.resolutions.push(minutes);
      }
      const day = days.indexOf(resolved);
      if (day >= 0) days.resolved[day]! += 1;
    }
  }
  return {
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    businessHours: { timeZone: hours.timeZone, weekly: hours.weekly },
    totals: totals.toRow(),
    rows: [...groups.values()].map((group) => group.toRow()).sort((a, b) => a.label.localeCompare(b.label)),
    days: days.toList(),
  };
}

/** A ticket made in the period: counted, its handoffs summed, its first response timed and judged. */
function recordCreated(
  [, , created, responded, , handoffs, target, businessHours, number]: TicketFacts,
  group: Group,
  totals: Group,
  days: Days,
  businessMinutes: BusinessMinutesBetween,
  now: number,
  postponements: ReadonlyMap<number, ReadonlyArray<[number, number]>>,
): void {
  const minutes = responded === null ? null : businessMinutes(created, responded);
  // Judged on the policy's own clock, paused while postponed. Still unanswered: breached once the
  // target is spent, else not judged yet. An answer in closed hours right after a target ran out
  // at closing counts as met.
  let verdict: 'met' | 'breached' | null = null;
  if (target) {
    const until = responded ?? now;
    const clock = (from: number, to: number) => (businessHours === 1 ? businessMinutes(from, to) : Math.max(0, to - from) / MINUTE);
    let spent = clock(created, until);
    for (const [from, to] of postponements.get(number) ?? []) spent -= clock(Math.max(from, created), Math.min(to, until));
    if (responded !== null) verdict = spent <= target ? 'met' : 'breached';
    else if (spent > target) verdict = 'breached';
  }
  for (const counted of [group, totals]) {
    counted.created += 1;
    counted.handoffs += handoffs;
    if (minutes !== null) counted.firstResponses.push(minutes);
    if (verdict === 'met') counted.met += 1;
    if (verdict === 'breached') counted.breached += 1;
  }
  const day = days.indexOf(created);
  if (day >= 0) {
    days.created[day]! += 1;
    if (minutes !== null) days.firstResponses[day]!.push(minutes);
  }
}

const CSV_HEADER = [
  'created',
  'resolved',
  'first response median (business min)',
  'first response p90 (business min)',
  'resolution median (business min)',
  'resolution p90 (business min)',
  'SLA met %',
  'reassignments per ticket',
  'open <1 day',
  'open 1-3 days',
  'open 3-7 days',
  'open >7 days',
];

/** The table as CSV, formula-safe like the delivery report's (server/services/csv.ts). */
export function responseTimeReportCsv(report: ResponseTimeReportResponse): string {
  const blank = (value: number | null) => (value === null ? '' : value);
  const line = (row: ResponseTimeRow, label: string) =>
    [
      label,
      row.created,
      row.resolved,
      blank(row.firstResponse.median),
      blank(row.firstResponse.p90),
      blank(row.resolution.median),
      blank(row.resolution.p90),
      blank(row.sla.percentMet),
      blank(row.reassignmentsPerTicket),
      row.backlog.underOneDay,
      row.backlog.oneToThreeDays,
      row.backlog.threeToSevenDays,
      row.backlog.overSevenDays,
    ]
      .map(csvCell)
      .join(',');
  const lines = [[report.groupBy, ...CSV_HEADER].map(csvCell).join(',')];
  for (const row of report.rows) lines.push(line(row, row.label));
  lines.push(line(report.totals, 'total'));
  lines.push('');
  lines.push([`business hours: ${report.businessHours.timeZone}`].map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
