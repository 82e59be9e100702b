import { screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { QueueRow } from '@/lib/client/shared/message-responses';
import { QueueRows } from './queue-rows';
import { renderWithProviders } from './testing/harness';

const row = (number: number, dueAt: string | null): QueueRow => ({
  key: `t-${number}`,
  ticketId: `t-${number}`,
  number,
  subject: `Subject ${number}`,
  status: 'open',
  since: new Date(Date.now() - 3_600_000).toISOString(),
  dueAt,
  threadUrl: null,
});

describe('QueueRows', () => {
  it('should say when each reply is due, and mark the overdue one', () => {
    const inTwentyMinutes = new Date(Date.now() + 20 * 60_000 - 1_000).toISOString();
    const anHourAgo = new Date(Date.now() - 60 * 60_000 + 30_000).toISOString();
    renderWithProviders(<QueueRows rows={[row(1, anHourAgo), row(2, inTwentyMinutes), row(3, null)]} more={0} onOpen={() => {}} />);
    const due = screen.getAllByTestId('queue-due');
    expect(due.map((element) => element.textContent)).toEqual([' · Overdue by 1\u00a0hr', ' · Reply due in 20\u00a0min']);
    expect(due[0]!.className).toBe('sd-overdue');
    expect(due[1]!.className).toBe('');
  });
});
