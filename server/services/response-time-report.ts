import { createBusinessTimeline, type BusinessMinutesBetween } from '../../lib/domain/business-hours';
import { reportScope } from '../../lib/domain/permissions';
import type { Priority } from '../../lib/protocol/entities';
import type { BacklogBuckets, DurationStats, ResponseTimeReportResponse, ResponseTimeRow } from '../../lib/protocol/reports';
import type { AuthedUser } from '../context';
import { csvCell } from './csv';
import type { Db } from './rows';
import { loadBusinessHours, toTargets } from './sla-due';

// The "Response times" report (docs/design.md "Decided 2026-12": SLA): one query reads the tickets
// of the period and of the open backlog, each with the time of its last resolution before the
// period's end (a correlated sub-select on events_by_ticket); the rest is arithmetic here.
// Durations are business minutes of the workspace's hours, whatever hours the policy counts in,
// so that departments compare on one clock; SLA met follows each policy's own clock.

export interface ResponseTimeReportQuery {
  from: string;
  to: string;
  groupBy: 'department' | 'operator';
}

const DAY = 86_400_000;
const MINUTE = 60_000;

interface TicketFacts {
  department_id: string;
  assignee_id: string | null;
  priority: Priority;
  status: string;
  created_at: string;
  first_response_at: string | null;
  reassignment_count: number;
  resolved_at: string | null;
}

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

function readTickets(db: Db, actor: AuthedUser, start: string, endExclusive: string) {
  let query = db
    .selectFrom('tickets')
    .select(['department_id', 'assignee_id', 'priority', 'status', 'created_at', 'first_response_at', 'reassignment_count'])
    .select((eb) =>
      // Only a ticket changed since the period began can have been resolved in it: the others skip
      // the sub-select (CASE evaluates it only when needed, on both stores).
      eb
        .case()
        .when('updated_at', '>=', start)
        .then(
          eb
            .selectFrom('events')
            .select((inner) => inner.fn.max('events.at').as('at'))
            .whereRef('events.ticket_id', '=', 'tickets.id')
            .where('events.type', '=', 'status')
            // Event data is JSON text on both stores (server/store/schema.ts), written by JSON.stringify.
            .where('events.data', 'like', '%"to":"resolved"%')
            .where('events.at', '<', endExclusive),
        )
        .else(null)
        .end()
        .as('resolved_at'),
    )
    .where('workspace_id', '=', actor.workspaceId)
    .where('merged_into_id', 'is', null)
    // Spam is not a customer's request: it is neither counted nor timed.
    .where('status', '!=', 'spam')
    // Made in the period, open now, or touched since the period began (so possibly resolved in it).
    .where((eb) =>
      eb.or([
        eb.and([eb('created_at', '>=', start), eb('created_at', '<', endExclusive)]),
        eb('status', '!=', 'resolved'),
        eb('updated_at', '>=', start),
      ]),
    );
  const scope = reportScope(actor);
  if (scope) query = scope.length > 0 ? query.where('department_id', 'in', scope) : query.where((eb) => eb.lit(false));
  return query.execute() as Promise<TicketFacts[]>;
}

function ageBucket(ageMs: number): keyof BacklogBuckets {
  if (ageMs < DAY) return 'underOneDay';
  if (ageMs < 3 * DAY) return 'oneToThreeDays';
  if (ageMs < 7 * DAY) return 'threeToSevenDays';
  return 'overSevenDays';
}

export async function responseTimeReport(
  db: Db,
  actor: AuthedUser,
  query: ResponseTimeReportQuery,
  now: Date,
): Promise<ResponseTimeReportResponse> {
  const start = `${query.from}T00:00:00.000Z`;
  const endExclusive = new Date(Date.parse(`${query.to}T00:00:00.000Z`) + DAY).toISOString();
  const [tickets, departments, users, policies, hours] = await Promise.all([
    readTickets(db, actor, start, endExclusive),
    db.selectFrom('departments').select(['id', 'name']).where('workspace_id', '=', actor.workspaceId).execute(),
    db.selectFrom('users').select(['id', 'name']).where('workspace_id', '=', actor.workspaceId).execute(),
    db.selectFrom('sla_policies').selectAll().where('workspace_id', '=', actor.workspaceId).execute(),
    loadBusinessHours(db, actor.workspaceId),
  ]);
  const names = new Map([...departments, ...users].map((row) => [row.id, row.name]));
  const targets = new Map(policies.map((row) => [`${row.department_id}/${row.priority}`, toTargets(row)]));
  const nowMs = now.getTime();
  const startMs = Date.parse(start);
  const endMs = Date.parse(endExclusive);
  // From the oldest ticket timed to now: every measured pair lies inside.
  const timed = tickets.filter((ticket) => ticket.created_at < endExclusive && (ticket.created_at >= start || ticket.resolved_at));
  const oldest = timed.reduce((min, ticket) => Math.min(min, Date.parse(ticket.created_at)), startMs);
  const businessMinutes: BusinessMinutesBetween = createBusinessTimeline(oldest, Math.max(nowMs, endMs), hours);

  const groups = new Map<string, Group>();
  const totals = new Group('', 'Total');
  const days = new Map<string, { created: number; resolved: number; firstResponses: number[] }>();
  for (let day = startMs; day < endMs && days.size < 400; day += DAY) {
    days.set(new Date(day).toISOString().slice(0, 10), { created: 0, resolved: 0, firstResponses: [] });
  }
  for (const ticket of tickets) {
    const key = query.groupBy === 'department' ? ticket.department_id : (ticket.assignee_id ?? '');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new Group(key, key === '' ? 'Unassigned' : (names.get(key) ?? '—'))));
    const created = Date.parse(ticket.created_at);
    const madeInPeriod = created >= startMs && created < endMs;
    if (ticket.status !== 'resolved') {
      const bucket = ageBucket(nowMs - created);
      group.backlog[bucket] += 1;
      totals.backlog[bucket] += 1;
    }
    if (madeInPeriod)
      recordCreated(
        ticket,
        created,
        [group, totals],
        days,
        businessMinutes,
        targets.get(`${ticket.department_id}/${ticket.priority}`),
        nowMs,
      );
    const resolvedAt = ticket.resolved_at ? Date.parse(ticket.resolved_at) : null;
    if (resolvedAt !== null && resolvedAt >= startMs && resolvedAt < endMs) {
      const minutes = businessMinutes(created, resolvedAt);
      for (const target of [group, totals]) {
        target.resolved += 1;
        target.resolutions.push(minutes);
      }
      const day = days.get(ticket.resolved_at!.slice(0, 10));
      if (day) day.resolved += 1;
    }
  }
  return {
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    businessHours: { timeZone: hours.timeZone, weekly: hours.weekly },
    totals: totals.toRow(),
    rows: [...groups.values()].map((group) => group.toRow()).sort((a, b) => a.label.localeCompare(b.label)),
    days: [...days.entries()].map(([day, counts]) => ({
      day,
      created: counts.created,
      resolved: counts.resolved,
      medianFirstResponse: stats(counts.firstResponses).median,
    })),
  };
}

/** A ticket made in the period: counted, its handoffs summed, its first response timed and judged. */
function recordCreated(
  ticket: TicketFacts,
  created: number,
  groups: readonly Group[],
  days: Map<string, { created: number; firstResponses: number[] }>,
  businessMinutes: BusinessMinutesBetween,
  policy: ReturnType<typeof toTargets> | undefined,
  now: number,
): void {
  const responded = ticket.first_response_at ? Date.parse(ticket.first_response_at) : null;
  const minutes = responded === null ? null : businessMinutes(created, responded);
  // Judged on the policy's own clock. Still unanswered: breached once the target is spent, else
  // not judged yet. An answer in closed hours right after a target ran out at closing counts as met.
  let verdict: 'met' | 'breached' | null = null;
  const target = policy?.firstResponseMinutes;
  if (policy && target) {
    const spent = (until: number) => (policy.businessHours ? businessMinutes(created, until) : (until - created) / MINUTE);
    if (responded !== null) verdict = spent(responded) <= target ? 'met' : 'breached';
    else if (spent(now) > target) verdict = 'breached';
  }
  for (const group of groups) {
    group.created += 1;
    group.handoffs += ticket.reassignment_count;
    if (minutes !== null) group.firstResponses.push(minutes);
    if (verdict === 'met') group.met += 1;
    if (verdict === 'breached') group.breached += 1;
  }
  const day = days.get(ticket.created_at.slice(0, 10));
  if (day) {
    day.created += 1;
    if (minutes !== null) day.firstResponses.push(minutes);
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
