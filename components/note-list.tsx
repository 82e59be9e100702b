import { useState } from 'preact/hooks';
import { can } from '@/lib/domain/permissions';
import type { Note, Ticket, User } from '@/lib/protocol/entities';
import type { WithPending } from '@/lib/client/shared/overlay';
import { isLocalId } from '@/lib/client/shared/local-id';
import { useMutate } from '@/lib/client/ui/hooks';
import { formatTime } from '@/lib/client/ui/format-time';
import { splitLinks } from '@/lib/client/ui/linkify';
import type { Workspace } from '@/lib/client/ui/sidebar-context';
import { useLanguage, useT } from './i18n-provider';
import { shortcutAttrs } from '@/lib/client/ui/shortcuts';

/** The "@partial" being typed just before the caret, if any. */
const typedMention = (text: string, caret: number) => /(?:^|\s)@([^\s@]{0,30})$/.exec(text.slice(0, caret))?.[1] ?? null;

/** Internal notes (staff only): plain text with clickable http(s) links, @mentions of colleagues who see the ticket. */
export function NoteList({ ticket, notes, workspace }: { ticket: Ticket; notes: WithPending<Note>[]; workspace: Workspace }) {
  const t = useT();
  const language = useLanguage();
  const mutate = useMutate();
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [named, setNamed] = useState<User[]>([]);
  // The server refuses a mention of someone who cannot see the ticket (server/services/notes.ts): offer only those who can.
  const colleagues = workspace.users.filter((user) => user.active && user.id !== workspace.me.id && can(user, 'ticket.view', ticket));
  const partial = typedMention(text, caret)?.toLowerCase() ?? null;
  const options =
    partial === null
      ? []
      : colleagues
          .filter((user) =>
            user.name
              .toLowerCase()
              .split(/\s+/)
              .some((word) => word.startsWith(partial)),
          )
          .slice(0, 5);
  const canAdd = can(workspace.me, 'note.add', ticket) && !isLocalId(ticket.id);

  const pick = (user: User) => {
    const before = text.slice(0, caret).replace(/@[^\s@]*$/, `@${user.name} `);
    setText(before + text.slice(caret));
    setCaret(before.length);
    if (!named.some((known) => known.id === user.id)) setNamed([...named, user]);
  };
  const submit = () => {
    const body = text.trim();
    if (!body) return;
    const mentions = named.filter((user) => body.includes(`@${user.name}`)).map((user) => user.id);
    mutate.mutate({ type: 'note.add', intent: { ticketId: ticket.id, text: body, mentions } });
    setText('');
    setNamed([]);
  };

  return (
    <section class="sd-section" data-testid="notes">
      <h3 class="sd-subheading">{t('notes.title')}</h3>
      <ul class="sd-list">
        {notes.map(({ row, pending }) => (
          <li key={row.id} data-testid="note">
            <strong>{workspace.nameOf(row.authorId)}</strong> <time dateTime={row.createdAt}>{formatTime(row.createdAt, language)}</time>
            {pending ? <span class="sd-syncing"> · {t('common.syncing')}</span> : null}
            {row.authorId === workspace.me.id && !isLocalId(row.id) ? (
              <button
                type="button"
                class="sd-link"
                data-testid="note-delete"
                onClick={() => mutate.mutate({ type: 'note.delete', intent: { ticketId: ticket.id, noteId: row.id } })}
              >
                {t('notes.delete')}
              </button>
            ) : null}
            <div class="sd-note" data-testid="note-text">
              {splitLinks(row.text).map((part, index) =>
                part.href ? (
                  <a key={index} href={part.href} target="_blank" rel="noopener noreferrer">
                    {part.text}
                  </a>
                ) : (
                  part.text
                ),
              )}
            </div>
          </li>
        ))}
      </ul>
      {canAdd ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <textarea
            class="sd-note-input"
            rows={2}
            maxLength={5000}
            placeholder={t('notes.placeholder')}
            aria-label={t('notes.title')}
            value={text}
            {...shortcutAttrs('n')}
            data-testid="note-input"
            onInput={(event) => {
              setText(event.currentTarget.value);
              setCaret(event.currentTarget.selectionStart);
            }}
            onKeyDown={(event) => {
              if ((event.key === 'Enter' || event.key === 'Tab') && options[0]) {
                event.preventDefault();
                pick(options[0]);
              }
            }}
          />
          {options.length > 0 ? (
            <ul class="sd-list" role="listbox" data-testid="note-mention-options">
              {options.map((user) => (
                <li key={user.id} role="option">
                  <button type="button" class="sd-link" data-testid="note-mention-option" onClick={() => pick(user)}>
                    {user.name}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <button type="submit" class="sd-button" data-testid="note-add" disabled={!text.trim()}>
            {t('notes.add')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
