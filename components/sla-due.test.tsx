import { act, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TicketSla } from '@/lib/protocol/entities';
import { formatSpan, SlaDue } from './sla-due';
import { renderWithProviders } from './testing/harness';

const none: TicketSla = {
  firstResponseDueAt: null,
  nextResponseDueAt: null,
  resolutionDueAt: null,
  replyWarnAt: null,
  resolutionWarnAt: null,
  waitingSince: null,
};
const waiting: TicketSla = {
  ...none,
  firstResponseDueAt: '2026-12-07T12:00:00.000Z',
  replyWarnAt: '2026-12-07T11:00:00.000Z',
  waitingSince: '2026-12-07T08:00:00.000Z',
};
const at = (iso: string) => new Date(iso);

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('SlaDue', () => {
  it('should turn amber at the warn time and red at the due time, not at the next half-minute tick', async () => {
    vi.useFakeTimers({ now: at('2026-12-07T10:59:50.000Z') });
    renderWithProviders(
      <SlaDue sla={{ ...waiting, firstResponseDueAt: '2026-12-07T11:00:20.000Z', replyWarnAt: '2026-12-07T11:00:00.000Z' }} />,
    );
    const state = () => screen.getByTestId('ticket-sla').dataset.state;
    expect(state()).toBe('ok');
    await act(async () => void (await vi.advanceTimersByTimeAsync(10_100)));
    expect(state()).toBe('warn');
    await act(async () => void (await vi.advanceTimersByTimeAsync(20_000)));
    expect(state()).toBe('over');
  });

  it('should count from the moment a due time arrives, not from when the view first showed', async () => {
    // The ticket view shows a just-created ticket before the server's due time comes back: the
    // minutes left are counted from now, not from that first render (it said "2 min" of a 1 min target).
    vi.useFakeTimers({ now: at('2026-12-07T11:00:00.000Z') });
    let show: (sla: TicketSla) => void = () => undefined;
    function TicketView() {
      const [sla, setSla] = useState(none);
      show = setSla;
      return <SlaDue sla={sla} />;
    }
    renderWithProviders(<TicketView />);
    vi.setSystemTime(at('2026-12-07T11:00:05.000Z'));
    await act(() => show({ ...none, firstResponseDueAt: '2026-12-07T11:01:05.000Z', replyWarnAt: '2026-12-07T11:00:50.000Z' }));
    expect(screen.getByTestId('ticket-sla').querySelector('strong')?.textContent).toBe('Reply due in 1\u00a0min');
  });

  it.each([
    ['green before the warn time', '2026-12-07T09:40:00.000Z', 'ok', 'Reply due in 2\u00a0hr 20\u00a0min', 'Waiting 1\u00a0hr 40\u00a0min'],
    ['amber from the warn time', '2026-12-07T11:00:00.000Z', 'warn', 'Reply due in 1\u00a0hr', 'Waiting 3\u00a0hr'],
    ['red once due', '2026-12-07T12:00:00.000Z', 'over', 'Overdue by 1\u00a0min', 'Waiting 4\u00a0hr'],
    [
      'red, and by how long, when overdue',
      '2026-12-08T13:30:00.000Z',
      'over',
      'Overdue by 1\u00a0day 1\u00a0hr',
      'Waiting 1\u00a0day 5\u00a0hr',
    ],
  ])('should show the reply due time %s, and how long the customer waits', (_when, now, state, text, waitingText) => {
    renderWithProviders(<SlaDue sla={waiting} now={at(now)} />);
    const shown = screen.getByTestId('ticket-sla');
    expect(shown.dataset.state).toBe(state);
    expect(shown.querySelector('strong')?.textContent).toBe(text);
    expect(shown.querySelector('.sd-muted')?.textContent).toBe(waitingText);
  });

  it('should count the next response when the first was made', () => {
    renderWithProviders(<SlaDue sla={{ ...none, nextResponseDueAt: '2026-12-07T12:00:00.000Z' }} now={at('2026-12-07T11:40:00.000Z')} />);
    expect(screen.getByTestId('ticket-sla').textContent).toContain('Reply due in 20\u00a0min');
  });

  it('should say only how long the customer waits without a policy', () => {
    renderWithProviders(<SlaDue sla={{ ...none, waitingSince: '2026-12-07T08:00:00.000Z' }} now={at('2026-12-07T11:40:00.000Z')} />);
    expect(screen.getByTestId('ticket-sla').dataset.state).toBe('none');
    expect(screen.getByTestId('ticket-sla').querySelector('strong')).toBeNull();
    expect(screen.getByTestId('ticket-sla').textContent?.trim()).toBe('Waiting 3\u00a0hr 40\u00a0min');
  });

  it('should show nothing when nothing waits, or for a ticket without due times', () => {
    renderWithProviders(
      <>
        <SlaDue sla={none} now={at('2026-12-07T11:40:00.000Z')} />
        <SlaDue sla={undefined} />
      </>,
    );
    expect(screen.queryByTestId('ticket-sla')).toBeNull();
  });
});

describe('formatSpan', () => {
  it.each([
    [30_000, 'en', '1\u00a0min'],
    [80 * 60_000, 'en', '1\u00a0hr 20\u00a0min'],
    [80 * 60_000, 'ru', '1\u00a0ч 20\u00a0мин'],
    [2 * 86_400_000 + 3 * 3_600_000 + 59_000, 'en', '2\u00a0days 3\u00a0hr'],
    // Seen in the popup's queue: a number and its unit stay on one line, the two units may part.
    [2 * 86_400_000 + 13 * 3_600_000, 'ru', '2\u00a0дн. 13\u00a0ч'],
  ] as const)('should word %i ms in %s as "%s"', (ms, language, text) => {
    expect(formatSpan(ms, language)).toBe(text);
  });
});
