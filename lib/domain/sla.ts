import type { TicketSla, TicketStatus } from '../protocol/entities';
import type { BusinessHours, SlaTargets } from '../protocol/sla';
import { addBusinessMinutes, businessMinutesBetween } from './business-hours';

// Due times of a ticket's response-time promises, from its events (docs/design.md "Decided
// 2026-12": SLA). Pure: the server runs it whenever an event may move a due time and stores the
// answer on the ticket; no clock is read, every due time follows from the events alone.
//
// Clocks: the first-response clock starts when the ticket is created; a customer message that
// finds no reply pending starts the next-response clock; our reply stops either. The resolution
// clock runs from creation until resolved or spam, and on again if the ticket is reopened (the
// time it spent resolved does not count). Every clock pauses while the ticket is postponed and
// goes on with the time it had left when the ticket opens again (at the postpone date at the
// latest, when the server's sweep reopens it: while postponed, due times are predicted from it).

/** The share of a target after which the sidebar warns (amber). */
export const SLA_WARN_SHARE = 0.75;

/** The events that move due times, as the server's event log holds them (lib/protocol/entities.ts). */
export type SlaEvent =
  | { type: 'created'; at: string; data: { status: TicketStatus } }
  /** `data.at`: when the customer wrote; `at`: when it was recorded. */
  | { type: 'customer_message'; at: string; data: { at: string } }
  /** Sent or scheduled: the reply that answers (server/services/replies.ts markTicketAnswered). */
  | { type: 'reply'; at: string; data: { status: string; sentAt?: string | null } }
  | { type: 'status'; at: string; data: { to: TicketStatus; until: string | null } };

/** Stored on the ticket and sent with it (lib/protocol/entities.ts ticketSlaSchema). */
export type SlaDueTimes = TicketSla;

export const noSlaDueTimes: SlaDueTimes = {
  firstResponseDueAt: null,
  nextResponseDueAt: null,
  resolutionDueAt: null,
  replyWarnAt: null,
  resolutionWarnAt: null,
  waitingSince: null,
};

type Phase = 'running' | 'postponed' | 'closed';

/** A clock as the spans it ran; the last one open while it runs. */
interface Clock {
  spans: Array<{ start: number; end: number | null }>;
}

const isClosing = (status: TicketStatus) => status === 'resolved' || status === 'spam';

/** When it happened: a customer message when it was written, a reply when it was sent (if known). */
function happenedAt(event: SlaEvent): string {
  if (event.type === 'customer_message') return event.data.at;
  if (event.type === 'reply') return event.data.sentAt ?? event.at;
  return event.at;
}

/** The events in the order they happened (a reply from a thread's history is recorded long after). */
function byTime(events: readonly SlaEvent[]): Array<{ event: SlaEvent; t: number }> {
  return events.map((event, index) => ({ event, index, t: Date.parse(happenedAt(event)) })).sort((a, b) => a.t - b.t || a.index - b.index);
}

const NO_TARGETS: SlaTargets = { firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null, businessHours: false };

/** Without a policy (`null`) nothing is due, but how long the customer has waited still is. */
export function computeSlaDueTimes(events: readonly SlaEvent[], policy: SlaTargets | null, hours: BusinessHours): SlaDueTimes {
  const targets = policy ?? NO_TARGETS;
  const span = (from: number, to: number) => (targets.businessHours ? businessMinutesBetween(from, to, hours) : (to - from) / 60_000);
  const add = (from: number, minutes: number) =>
    targets.businessHours ? addBusinessMinutes(from, minutes, hours) : from + Math.round(minutes * 60_000);

  // Changed inside `enter` too: an object, so that the checks after the loop see it.
  const state: { phase: Phase | null; until: number | null } = { phase: null, until: null }; // phase null until created
  let resolution: Clock | null = null;
  let reply: Clock | null = null;
  let replied = false;
  let waitingSince: number | null = null;
  /** The customer's wait that began before the ticket was made from their thread (none: null). */
  let waitingBefore: number | null = null;
  const pause = (clock: Clock | null, t: number) => {
    const last = clock?.spans.at(-1);
    if (last && last.end === null) last.end = Math.max(t, last.start);
  };
  const run = (clock: Clock | null, t: number) => {
    if (clock && clock.spans.at(-1)?.end !== null) clock.spans.push({ start: t, end: null });
  };
  const enter = (next: Phase, t: number) => {
    if (state.phase === 'running' && next !== 'running') [resolution, reply].forEach((clock) => pause(clock, t));
    if (state.phase !== 'running' && next === 'running') {
      // The sweep reopens a postponed ticket a little after its date: the clock runs from the date.
      const from = state.phase === 'postponed' && state.until !== null ? Math.min(state.until, t) : t;
      [resolution, reply].forEach((clock) => run(clock, from));
    }
    state.phase = next;
  };

  for (const { event, t } of byTime(events)) {
    switch (event.type) {
      case 'created':
        resolution = { spans: [] };
        reply = { spans: [] };
        // The promise is counted from the ticket; how long the customer has waited, from their message.
        waitingSince = waitingBefore ?? t;
        enter(isClosing(event.data.status) ? 'closed' : 'running', t);
        break;
      case 'customer_message':
        if (state.phase === null) waitingBefore ??= t;
        if (state.phase === null || reply) break;
        reply = { spans: state.phase === 'running' ? [{ start: t, end: null }] : [] };
        waitingSince = t;
        break;
      case 'reply':
        if (event.data.status !== 'sent' && event.data.status !== 'scheduled') break;
        waitingBefore = null;
        // A reply from before the ticket (its thread's history) ends that wait, nothing more: the
        // ticket's first response is the first after it was made.
        if (state.phase === null) break;
        pause(reply, t);
        reply = null;
        replied = true;
        waitingSince = null;
        break;
      case 'status': {
        if (state.phase === null) break;
        const to = event.data.to;
        if (isClosing(to)) {
          enter('closed', t);
          reply = null; // a closed ticket owes no reply; the customer writing again starts a new wait
          waitingSince = null;
        } else if (to === 'postponed') {
          enter('postponed', t);
          state.until = event.data.until === null ? null : Date.parse(event.data.until);
        } else {
          enter('running', t);
        }
        break;
      }
    }
  }
  if (state.phase === null || state.phase === 'closed') return noSlaDueTimes;

  const resumesAt = state.phase === 'postponed' ? state.until : null;
  /** The instant the clock has run `minutes`: in a past span, the running one, or after the postponement. */
  const reached = (clock: Clock, minutes: number | null): string | null => {
    if (minutes === null) return null;
    let spent = 0;
    for (const { start, end } of clock.spans) {
      const length = end === null ? Infinity : span(start, end);
      if (spent + length >= minutes) return iso(add(start, minutes - spent));
      spent += length;
    }
    return resumesAt === null ? null : iso(add(resumesAt, minutes - spent));
  };
  const replyTarget = replied ? targets.nextResponseMinutes : targets.firstResponseMinutes;
  const replyDue = reply ? reached(reply, replyTarget) : null;
  return {
    firstResponseDueAt: replied ? null : replyDue,
    nextResponseDueAt: replied ? replyDue : null,
    resolutionDueAt: resolution ? reached(resolution, targets.resolutionMinutes) : null,
    replyWarnAt: reply && replyTarget !== null ? reached(reply, replyTarget * SLA_WARN_SHARE) : null,
    resolutionWarnAt:
      resolution && targets.resolutionMinutes !== null ? reached(resolution, targets.resolutionMinutes * SLA_WARN_SHARE) : null,
    waitingSince: reply && waitingSince !== null ? new Date(waitingSince).toISOString() : null,
  };
}

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

/** A status change as computeSlaDueTimes reads it. */
export type SlaStatusEvent = Extract<SlaEvent, { type: 'status' }>;

/**
 * The spans (epoch ms, start and end) in which a ticket's clocks stood still because it was
 * postponed, from its status changes in any order, as computeSlaDueTimes pauses them: from each
 * postponement until the ticket runs again or is closed, at its postpone date at the latest (the
 * sweep reopens it a little after), or `now`. Reports judge a first response against its target
 * without them (server/services/response-time-report.ts).
 */
export function postponedSpans(events: readonly SlaStatusEvent[], now: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let since: number | null = null;
  let until: number | null = null;
  for (const { event, t } of byTime(events)) {
    const { to, until: date } = (event as SlaStatusEvent).data;
    if (to === 'postponed') {
      since ??= t;
      until = date === null ? null : Date.parse(date);
    } else if (since !== null) {
      const resumed = isClosing(to) || until === null ? t : Math.min(until, t);
      spans.push([since, Math.max(since, resumed)]);
      since = null;
    }
  }
  // Not reopened yet: its clocks run again from the postpone date, if that has come.
  if (since !== null) spans.push([since, Math.max(since, until === null ? now : Math.min(until, now))]);
  return spans;
}
