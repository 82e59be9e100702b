import { describe, expect, it } from 'vitest';
import type { BusinessHours, SlaTargets } from '../protocol/sla';
import { computeSlaDueTimes, noSlaDueTimes, postponedSpans, type SlaEvent, type SlaStatusEvent } from './sla';

const nineToFive = [{ from: '09:00', to: '17:00' }];
const hoursIn = (timeZone: string): BusinessHours => ({
  timeZone,
  weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
  holidays: [],
});
const BERLIN = hoursIn('Europe/Berlin');
const targets: SlaTargets = { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 480, businessHours: true };

const created = (at: string): SlaEvent => ({ type: 'created', at, data: { status: 'new' } });
const customer = (wroteAt: string, recordedAt = wroteAt): SlaEvent => ({ type: 'customer_message', at: recordedAt, data: { at: wroteAt } });
const reply = (at: string, status = 'sent'): SlaEvent => ({ type: 'reply', at, data: { status } });
const status = (at: string, to: 'open' | 'resolved' | 'postponed' | 'spam', until: string | null = null): SlaEvent => ({
  type: 'status',
  at,
  data: { to, until },
});
const due = (events: SlaEvent[], policy: SlaTargets | null = targets, hours = BERLIN) => computeSlaDueTimes(events, policy, hours);

// All times UTC; Berlin is CEST (+2) from 2026-03-29. Mon 2026-03-30 08:00Z is 10:00 local.
const MON_10 = '2026-03-30T08:00:00Z';

describe('computeSlaDueTimes', () => {
  it('should set the first response, its warning and the resolution from creation', () => {
    expect(due([created(MON_10)])).toEqual({
      firstResponseDueAt: '2026-03-30T09:00:00.000Z',
      nextResponseDueAt: null,
      replyWarnAt: '2026-03-30T08:45:00.000Z',
      // 7 h left on Monday, the 8th hour on Tuesday from 09:00 local.
      resolutionDueAt: '2026-03-31T08:00:00.000Z',
      resolutionWarnAt: '2026-03-30T14:00:00.000Z',
      waitingSince: '2026-03-30T08:00:00.000Z',
    });
  });

  it('should say the customer has waited since their message written before the ticket was made', () => {
    // Their first message on Friday, ours on Saturday, theirs again on Sunday; the ticket on Monday.
    const events = [customer('2026-03-27T10:00:00Z'), reply('2026-03-28T10:00:00Z'), customer('2026-03-29T10:00:00Z'), created(MON_10)];
    expect(due(events)).toMatchObject({ firstResponseDueAt: '2026-03-30T09:00:00.000Z', waitingSince: '2026-03-29T10:00:00.000Z' });
    // Answered before the ticket was made: the wait counts from the ticket, as ever.
    expect(due([customer('2026-03-27T10:00:00Z'), reply('2026-03-28T10:00:00Z'), created(MON_10)])).toMatchObject({
      waitingSince: '2026-03-30T08:00:00.000Z',
    });
  });

  it('should clear the reply due time when our reply is recorded', () => {
    expect(due([created(MON_10), reply('2026-03-30T08:30:00Z')])).toMatchObject({
      firstResponseDueAt: null,
      nextResponseDueAt: null,
      replyWarnAt: null,
      waitingSince: null,
      resolutionDueAt: '2026-03-31T08:00:00.000Z',
    });
  });

  it('should not count a reply still sending as a response', () => {
    expect(due([created(MON_10), reply('2026-03-30T08:30:00Z', 'sending')]).firstResponseDueAt).toBe('2026-03-30T09:00:00.000Z');
  });

  it('should start the next response when the customer writes after our reply', () => {
    expect(due([created(MON_10), reply('2026-03-30T08:30:00Z'), customer('2026-03-30T12:00:00Z')])).toMatchObject({
      firstResponseDueAt: null,
      nextResponseDueAt: '2026-03-30T14:00:00.000Z',
      replyWarnAt: '2026-03-30T13:30:00.000Z',
      waitingSince: '2026-03-30T12:00:00.000Z',
    });
  });

  it('should keep counting from the first unanswered message when the customer writes again', () => {
    const events = [created(MON_10), reply('2026-03-30T08:30:00Z'), customer('2026-03-30T12:00:00Z'), customer('2026-03-30T13:00:00Z')];
    expect(due(events)).toMatchObject({ nextResponseDueAt: '2026-03-30T14:00:00.000Z', waitingSince: '2026-03-30T12:00:00.000Z' });
  });

  it('should count a message that arrives on Friday evening from Monday morning', () => {
    // Fri 27 Mar 10:00 CET created, answered; the customer writes at 20:00 CET.
    const events = [created('2026-03-27T09:00:00Z'), reply('2026-03-27T09:30:00Z'), customer('2026-03-27T19:00:00Z')];
    // Mon 09:00 CEST + 2 h.
    expect(due(events).nextResponseDueAt).toBe('2026-03-30T09:00:00.000Z');
  });

  it('should not start a wait for a message written before our reply but recorded after it', () => {
    const events = [created(MON_10), reply('2026-03-30T09:00:00Z'), customer('2026-03-30T08:50:00Z', '2026-03-30T09:10:00Z')];
    expect(due(events)).toMatchObject({ nextResponseDueAt: null, firstResponseDueAt: null, waitingSince: null });
  });

  it('should pause while postponed and predict the due times from the postpone date', () => {
    // 30 min spent, then postponed until Wed 09:00 local: 30 min of the first response left.
    const events = [created(MON_10), status('2026-03-30T08:30:00Z', 'postponed', '2026-04-01T07:00:00Z')];
    expect(due(events)).toMatchObject({
      firstResponseDueAt: '2026-04-01T07:30:00.000Z',
      // 450 min left: Wed 09:00 + 7 h 30 min.
      resolutionDueAt: '2026-04-01T14:30:00.000Z',
    });
  });

  it('should run from the postpone date when the sweep reopens the ticket a little later', () => {
    const events = [
      created(MON_10),
      status('2026-03-30T08:30:00Z', 'postponed', '2026-04-01T07:00:00Z'),
      status('2026-04-01T07:01:00Z', 'open'),
    ];
    expect(due(events).firstResponseDueAt).toBe('2026-04-01T07:30:00.000Z');
  });

  it('should run again from the customer message that reopens a postponed ticket early', () => {
    const events = [
      created(MON_10),
      status('2026-03-30T08:30:00Z', 'postponed', '2026-04-01T07:00:00Z'),
      customer('2026-03-31T10:00:00Z'),
      status('2026-03-31T10:00:00Z', 'open'),
    ];
    expect(due(events).firstResponseDueAt).toBe('2026-03-31T10:30:00.000Z');
  });

  it('should keep a breach that happened before the ticket was postponed', () => {
    const events = [created(MON_10), status('2026-03-30T10:00:00Z', 'postponed', '2026-04-01T07:00:00Z')];
    expect(due(events).firstResponseDueAt).toBe('2026-03-30T09:00:00.000Z');
  });

  it('should have nothing due while postponed without a date', () => {
    expect(due([created(MON_10), status('2026-03-30T08:30:00Z', 'postponed')])).toMatchObject({
      firstResponseDueAt: null,
      resolutionDueAt: null,
    });
  });

  it.each(['resolved', 'spam'] as const)('should stop every clock when %s', (to) => {
    expect(due([created(MON_10), status('2026-03-30T09:00:00Z', to)])).toEqual(noSlaDueTimes);
  });

  it('should run the resolution clock on, without the time resolved, when the customer reopens', () => {
    const events = [
      created(MON_10),
      reply('2026-03-30T08:30:00Z'),
      status('2026-03-30T10:00:00Z', 'resolved'), // 120 min spent
      customer('2026-03-31T08:00:00Z'),
      status('2026-03-31T08:05:00Z', 'open'),
    ];
    expect(due(events)).toMatchObject({
      // 360 min left from Tue 10:05 local.
      resolutionDueAt: '2026-03-31T14:05:00.000Z',
      nextResponseDueAt: '2026-03-31T10:05:00.000Z',
      waitingSince: '2026-03-31T08:00:00.000Z',
    });
  });

  it('should owe no reply after a resolved ticket is reopened by hand', () => {
    const events = [created(MON_10), status('2026-03-30T09:00:00Z', 'resolved'), status('2026-03-30T09:30:00Z', 'open')];
    expect(due(events)).toMatchObject({ firstResponseDueAt: null, nextResponseDueAt: null, waitingSince: null });
  });

  it('should count around the clock when the policy says so', () => {
    const events = [created('2026-03-28T12:00:00Z')]; // a Saturday
    expect(due(events, { ...targets, businessHours: false })).toMatchObject({
      firstResponseDueAt: '2026-03-28T13:00:00.000Z',
      resolutionDueAt: '2026-03-28T20:00:00.000Z',
    });
  });

  it('should count New York hours across its spring change', () => {
    // Fri 6 Mar 16:00 EST: one hour ends at closing (17:00 EST); two end Mon 9 Mar 10:00 EDT.
    const events = [created('2026-03-06T21:00:00Z')];
    expect(due(events, targets, hoursIn('America/New_York')).firstResponseDueAt).toBe('2026-03-06T22:00:00.000Z');
    expect(due(events, { ...targets, firstResponseMinutes: 120 }, hoursIn('America/New_York')).firstResponseDueAt).toBe(
      '2026-03-09T14:00:00.000Z',
    );
  });

  it('should leave out the targets a policy does not set', () => {
    const partial = { ...targets, firstResponseMinutes: null };
    expect(due([created(MON_10)], partial)).toMatchObject({
      firstResponseDueAt: null,
      replyWarnAt: null,
      resolutionDueAt: '2026-03-31T08:00:00.000Z',
    });
  });

  it('should have nothing due without a policy, yet say since when the customer waits', () => {
    expect(due([created(MON_10), reply('2026-03-30T08:30:00Z'), customer('2026-03-30T12:00:00Z')], null)).toEqual({
      ...noSlaDueTimes,
      waitingSince: '2026-03-30T12:00:00.000Z',
    });
  });

  it('should have nothing due before the ticket was created', () => {
    expect(due([customer(MON_10)])).toEqual(noSlaDueTimes);
  });
});

describe('postponedSpans', () => {
  const at = (minutes: number) => new Date(Date.parse('2026-03-02T10:00:00.000Z') + minutes * 60_000).toISOString();
  const ms = (minutes: number) => Date.parse(at(minutes));
  const status = (minutes: number, to: SlaStatusEvent['data']['to'], until: number | null = null): SlaStatusEvent => ({
    type: 'status',
    at: at(minutes),
    data: { to, until: until === null ? null : at(until) },
  });

  it('should end a postponement when the ticket is taken back early, or at its date when the sweep is late', () => {
    const events = [status(130, 'open'), status(100, 'postponed', 125), status(10, 'postponed', 200), status(40, 'open')];
    expect(postponedSpans(events, ms(500))).toEqual([
      [ms(10), ms(40)],
      [ms(100), ms(125)],
    ]);
  });

  it('should run a postponement on until now, or until its date once that has come', () => {
    expect(postponedSpans([status(10, 'postponed', 300)], ms(60))).toEqual([[ms(10), ms(60)]]);
    expect(postponedSpans([status(10, 'postponed', 30)], ms(60))).toEqual([[ms(10), ms(30)]]);
  });

  it('should end a postponement when the ticket is resolved', () => {
    expect(postponedSpans([status(10, 'postponed', 300), status(20, 'resolved')], ms(60))).toEqual([[ms(10), ms(20)]]);
  });
});
