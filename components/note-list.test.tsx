import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Note } from '@/lib/protocol/entities';
import { createTranslator } from '@/lib/client/shared/i18n';
import { makeTicket } from '@/lib/client/testing/factories';
import { toWorkspace } from '@/lib/client/ui/sidebar-context';
import { NoteList } from './note-list';
import { fakeBackground, readyState, renderWithProviders } from './testing/harness';

const ticket = makeTicket({ id: 't-1', assigneeId: 'u-anna', departmentId: 'dep-billing' });
const workspace = toWorkspace(readyState(), createTranslator('en'));
const note = (overrides: Partial<Note>): Note => ({
  id: 'n-1',
  ticketId: 't-1',
  authorId: 'u-anna',
  text: 'Hello',
  mentions: [],
  createdAt: '2026-11-22T10:00:00.000Z',
  version: 3,
  ...overrides,
});

beforeEach(() => {
  fakeBrowser.reset();
});

describe('NoteList', () => {
  it('should render a note as text, with only its http(s) links clickable and opening apart', () => {
    const text = '<img src=x onerror=alert(1)> see https://crm.example.com/42 or javascript:alert(1)';
    renderWithProviders(<NoteList ticket={ticket} notes={[{ row: note({ text }), pending: false }]} workspace={workspace} />);

    const body = screen.getByTestId('note-text');
    expect(body.textContent).toBe(text);
    expect(body.querySelector('img')).toBeNull();
    const links = [...body.querySelectorAll('a')];
    expect(links.map((link) => [link.getAttribute('href'), link.target, link.rel])).toEqual([
      ['https://crm.example.com/42', '_blank', 'noopener noreferrer'],
    ]);
  });

  it('should offer to delete my notes only', () => {
    renderWithProviders(
      <NoteList
        ticket={ticket}
        notes={[
          { row: note({ id: 'n-mine' }), pending: false },
          { row: note({ id: 'n-olga', authorId: 'u-olga' }), pending: false },
        ]}
        workspace={workspace}
      />,
    );
    expect(screen.getAllByTestId('note-delete')).toHaveLength(1);
  });

  it('should offer @colleagues who can see the ticket, and send the one picked as a mention', async () => {
    const received = fakeBackground(() => ({ ticketId: 't-1' }));
    renderWithProviders(<NoteList ticket={ticket} notes={[]} workspace={workspace} />);
    const input = screen.getByTestId<HTMLTextAreaElement>('note-input');

    fireEvent.input(input, { target: { value: 'Ask @', selectionStart: 5 } });
    // Boris is in Technical and cannot see a Billing ticket; Olga the owner can; Anna is me.
    expect(screen.getAllByTestId('note-mention-option').map((option) => option.textContent)).toEqual(['Olga Owner']);
    fireEvent.click(screen.getByTestId('note-mention-option'));
    expect(input.value).toBe('Ask @Olga Owner ');
    fireEvent.click(screen.getByTestId('note-add'));

    await waitFor(() =>
      expect(received).toContainEqual({
        type: 'mutate',
        mutation: { type: 'note.add', intent: { ticketId: 't-1', text: 'Ask @Olga Owner', mentions: ['u-olga'] } },
      }),
    );
  });

  it('should drop a mention whose name was erased before sending', async () => {
    const received = fakeBackground(() => ({ ticketId: 't-1' }));
    renderWithProviders(<NoteList ticket={ticket} notes={[]} workspace={workspace} />);
    const input = screen.getByTestId<HTMLTextAreaElement>('note-input');
    fireEvent.input(input, { target: { value: '@ol', selectionStart: 3 } });
    fireEvent.click(screen.getByTestId('note-mention-option'));
    fireEvent.input(input, { target: { value: 'never mind', selectionStart: 10 } });
    fireEvent.click(screen.getByTestId('note-add'));

    await waitFor(() =>
      expect(received).toContainEqual({
        type: 'mutate',
        mutation: { type: 'note.add', intent: { ticketId: 't-1', text: 'never mind', mentions: [] } },
      }),
    );
  });
});
