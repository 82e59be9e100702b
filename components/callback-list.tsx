import { useContext, useState } from 'preact/hooks';
import { can, canCloseCallback } from '@/lib/domain/permissions';
import { findPhoneNumbers, isPlausiblePhone, telHref } from '@/lib/domain/phone';
import { ThreadTextContext } from '@/lib/client/ui/thread-text';
import { PHONE_MAX_LENGTH } from '@/lib/protocol/phone';
import type { Callback, Ticket } from '@/lib/protocol/entities';
import type { WithPending } from '@/lib/client/shared/overlay';
import { useMutate } from '@/lib/client/ui/hooks';
import { isLocalId } from '@/lib/client/shared/local-id';
import { formatTime, fromLocalInputValue, toLocalInputValue } from '@/lib/client/ui/format-time';
import type { Notice } from '@/lib/client/shared/notices';
import { describeError } from '@/lib/client/ui/describe-error';
import { useLanguage, useT } from './i18n-provider';
import { NoticeList } from './notice-list';
import { StateMessage } from './state-message';
import type { Workspace } from '@/lib/client/ui/sidebar-context';
import { shortcutAttrs } from '@/lib/client/ui/shortcuts';

type Kind = Callback['kind'];
const OUTCOMES = ['reached', 'no_answer', 'wrong_number'] as const;
/** A long thread can quote many numbers: the few first found are offered. */
const MAX_OFFERED = 10;

export function CallbackList({
  ticket,
  callbacks,
  workspace,
  notices = [],
}: {
  ticket: Ticket;
  callbacks: WithPending<Callback>[];
  workspace: Workspace;
  /** Callback changes the server refused. */
  notices?: Notice[];
}) {
  const t = useT();
  const language = useLanguage();
  const mutate = useMutate();
  const now = Date.now();
  const canAdd = can(workspace.me, 'callback.add', ticket) && !isLocalId(ticket.id);
  return (
    <section class="sd-section" data-testid="callbacks">
      <h3 class="sd-subheading">{t('callbacks.title')}</h3>
      {callbacks.length === 0 ? <p class="sd-muted">{t('callbacks.empty')}</p> : null}
      <ul class="sd-list">
        {callbacks.map(({ row, pending }) => {
          const overdue = row.status === 'pending' && Date.parse(row.dueAt) < now;
          return (
            // Marked by a class (a border, not only a colour) and a word, for whoever cannot tell colours apart.
            <li key={row.id} data-testid="callback" class={overdue ? 'sd-callback--overdue' : undefined}>
              <span class="sd-pill">{t(`callbackKind.${row.kind}`)}</span>{' '}
              <time dateTime={row.dueAt}>{formatTime(row.dueAt, language)}</time>{' '}
              {overdue ? <strong class="sd-warn">{t('callbacks.overdue')}</strong> : null}{' '}
              <span class="sd-muted">
                {t(`callbackStatus.${row.status}`)}
                {row.attempt > 1 ? ` · ${t('callbacks.attempt', { attempt: row.attempt })}` : null}
              </span>
              {pending ? <span class="sd-syncing"> · {t('common.syncing')}</span> : null}
              {row.note ? <div>{row.note}</div> : null}
              {row.phone ? (
                <div>
                  {/* tel: hands the number to the operator's dialer or softphone. */}
                  <a class="sd-link" href={telHref(row.phone)} data-testid="callback-phone">
                    {row.phone}
                  </a>
                </div>
              ) : null}
              {row.status === 'pending' && !isLocalId(row.id) && canCloseCallback(workspace.me, row, ticket) ? (
                <span class="sd-actions">
                  {(row.kind === 'call' ? OUTCOMES : [undefined]).map((outcome) => (
                    <button
                      key={outcome ?? 'done'}
                      type="button"
                      class="sd-link"
                      data-testid={outcome ? `callback-${outcome}` : 'callback-complete'}
                      onClick={() =>
                        mutate.mutate({ type: 'callback.complete', intent: { ticketId: ticket.id, callbackId: row.id, outcome } })
                      }
                    >
                      {outcome ? t(`callbackOutcome.${outcome}`) : t('callbacks.complete')}
                    </button>
                  ))}{' '}
                  <button
                    type="button"
                    class="sd-link"
                    data-testid="callback-cancel"
                    onClick={() => mutate.mutate({ type: 'callback.cancel', intent: { ticketId: ticket.id, callbackId: row.id } })}
                  >
                    {t('callbacks.cancel')}
                  </button>
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      {mutate.error ? <StateMessage kind="error">{describeError(mutate.error, t)}</StateMessage> : null}
      <NoticeList notices={notices} workspace={workspace} />
      {canAdd ? <AddCallbackForm ticketId={ticket.id} known={`${ticket.subject} ${ticket.customer.name ?? ''}`} /> : null}
    </section>
  );
}

/** Numbers to offer: those in the ticket (`known`: subject, customer name) and in the thread's text. */
function AddCallbackForm({ ticketId, known }: { ticketId: string; known: string }) {
  const t = useT();
  const readThreadText = useContext(ThreadTextContext);
  const [offered, setOffered] = useState(() => findPhoneNumbers(known));
  // The thread's bodies are read when the number field is entered, not on every render.
  const offerFromThread = () => setOffered(findPhoneNumbers(`${known}\n${readThreadText()}`).slice(0, MAX_OFFERED));
  const mutate = useMutate();
  const [kind, setKind] = useState<Kind>('call');
  const [due, setDue] = useState(() => toLocalInputValue(new Date(Date.now() + 60 * 60_000)));
  const [note, setNote] = useState('');
  const [phone, setPhone] = useState('');
  const dueAt = fromLocalInputValue(due);
  const number = kind === 'call' && phone.trim() ? phone.trim() : null;
  const phoneOk = number === null || isPlausiblePhone(number);
  const submit = (event: Event) => {
    event.preventDefault();
    if (!dueAt || !phoneOk) return;
    mutate.mutate({ type: 'callback.add', intent: { ticketId, kind, dueAt, note, phone: number } });
    setNote('');
  };
  return (
    <form class="sd-form sd-inline-form" onSubmit={submit}>
      <select
        aria-label={t('callbacks.kind')}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as Kind)}
        {...shortcutAttrs('c')}
      >
        <option value="call">{t('callbackKind.call')}</option>
        <option value="follow_up">{t('callbackKind.follow_up')}</option>
      </select>
      <input type="datetime-local" aria-label={t('callbacks.due')} value={due} onInput={(e) => setDue(e.currentTarget.value)} />
      {kind === 'call' ? (
        <>
          <input
            type="tel"
            aria-label={t('callbacks.phone')}
            placeholder={t('callbacks.phone')}
            aria-invalid={!phoneOk}
            value={phone}
            maxLength={PHONE_MAX_LENGTH}
            list={offered.length > 0 ? `sd-phones-${ticketId}` : undefined}
            onInput={(e) => setPhone(e.currentTarget.value)}
            onFocus={offerFromThread}
            data-testid="callback-phone-input"
          />
          {offered.length > 0 ? (
            <datalist id={`sd-phones-${ticketId}`}>
              {offered.map((found) => (
                <option key={found} value={found} />
              ))}
            </datalist>
          ) : null}
        </>
      ) : null}
      <input
        type="text"
        aria-label={t('callbacks.note')}
        placeholder={t('callbacks.note')}
        value={note}
        maxLength={1000}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <button type="submit" class="sd-button" disabled={!dueAt || !phoneOk || mutate.isPending}>
        {t('callbacks.add')}
      </button>
      {mutate.error ? <StateMessage kind="error">{describeError(mutate.error, t)}</StateMessage> : null}
    </form>
  );
}
