import { fireEvent, screen } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTranslator } from '@/lib/client/shared/i18n';
import { makeCallback, makeEvent } from '@/lib/client/testing/factories';
import { formatTime } from '@/lib/client/ui/format-time';
import { toWorkspace } from '@/lib/client/ui/sidebar-context';
import { readyState, renderWithProviders } from './testing/harness';
import { Timeline } from './timeline';

const workspace = toWorkspace(readyState(), createTranslator('en'));

beforeEach(() => {
  fakeBrowser.reset();
});

describe('Timeline', () => {
  it('should say until when a ticket was postponed', () => {
    const until = '2026-12-01T09:30:00.000Z';
    const event = makeEvent('t-1', { type: 'status', data: { from: 'open', to: 'postponed', until } });
    renderWithProviders(<Timeline events={[event]} workspace={workspace} />);

    expect(screen.getByTestId('timeline').textContent).toContain(
      `Anna Ivanova changed status: Open → Postponed until ${formatTime(until, 'en')}`,
    );
  });

  it('should say who added a note and who deleted it, without its text', () => {
    const added = makeEvent('t-1', { actorId: 'u-anna', type: 'note', data: { noteId: 'n-1', action: 'added' } });
    const deleted = makeEvent('t-1', { actorId: 'u-anna', type: 'note', data: { noteId: 'n-1', action: 'deleted' } });
    renderWithProviders(<Timeline events={[added, deleted]} workspace={workspace} />);

    const text = screen.getByTestId('timeline').textContent;
    expect(text).toContain('Anna Ivanova added a note');
    expect(text).toContain('Anna Ivanova deleted a note');
  });

  it('should not name the one who handed a ticket over twice', () => {
    const event = makeEvent('t-1', {
      actorId: 'u-anna',
      type: 'reassigned',
      data: { from: 'u-anna', to: 'u-boris', reason: 'workload', note: null, departmentFrom: null, departmentTo: null },
    });
    renderWithProviders(<Timeline events={[event]} workspace={workspace} />);

    const text = screen.getByTestId('timeline').textContent;
    expect(text).toContain('Anna Ivanova handed it to Boris Novak: Workload');
    expect(text).not.toContain('from Anna Ivanova');
  });

  it('should still say from whom when someone else reassigned it', () => {
    const event = makeEvent('t-1', {
      actorId: 'u-olga',
      type: 'reassigned',
      data: { from: 'u-anna', to: 'u-boris', reason: 'workload', note: null, departmentFrom: null, departmentTo: null },
    });
    renderWithProviders(<Timeline events={[event]} workspace={workspace} />);

    expect(screen.getByTestId('timeline').textContent).toContain('Olga Owner handed it from Anna Ivanova to Boris Novak');
  });

  it('should say when an added callback is due', () => {
    const callback = makeCallback({ id: 'cb-1', ticketId: 't-1', dueAt: '2026-11-21T15:00:00.000Z' });
    const event = makeEvent('t-1', { type: 'callback', data: { callbackId: 'cb-1', action: 'added' } });
    renderWithProviders(<Timeline events={[event]} workspace={workspace} callbacks={[{ row: callback, pending: false }]} />);

    expect(screen.getByTestId('timeline').textContent).toContain(`due ${formatTime('2026-11-21T15:00:00.000Z', 'en')}`);
  });

  it('should say a call was not answered and when the next try is, and why a call was missed', () => {
    const retry = makeEvent('t-1', {
      type: 'callback',
      data: { callbackId: 'cb-1', action: 'retry', outcome: 'no_answer', dueAt: '2026-11-21T15:15:00.000Z' },
    });
    const missed = makeEvent('t-1', { type: 'callback', data: { callbackId: 'cb-2', action: 'missed', outcome: 'wrong_number' } });
    renderWithProviders(<Timeline events={[retry, missed]} workspace={workspace} />);

    const text = screen.getByTestId('timeline').textContent;
    expect(text).toContain(`callback not answered, next try, due ${formatTime('2026-11-21T15:15:00.000Z', 'en')}`);
    expect(text).toContain('callback missed (Wrong number)');
  });

  it('should show the 20 newest entries of a long history, and the rest on request, in Russian too', async () => {
    const events = Array.from({ length: 55 }, (_, n) => makeEvent('t-1', { id: `e-${n}`, version: n + 1 }));
    renderWithProviders(<Timeline events={events} workspace={workspace} />);

    expect(screen.getByTestId('timeline').querySelectorAll('li')).toHaveLength(20);
    const earlier = screen.getByTestId('timeline-show-earlier');
    expect(earlier.textContent).toBe('Show 35 earlier entries');
    fireEvent.click(earlier);
    expect(screen.getByTestId('timeline').querySelectorAll('li')).toHaveLength(55);
    expect(createTranslator('ru')('timeline.showEarlier', { count: 35 })).toBe('Показать 35 более ранних записей');
    expect(createTranslator('ru')('replies.showEarlier', { count: 21 })).toBe('Показать 21 более ранний ответ');
  });
});
