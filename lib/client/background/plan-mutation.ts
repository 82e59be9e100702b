// Turns what the user did into the request to send and the overlay to show until it is confirmed.
// Pure: the caller supplies the clock, the new idempotency key and what the cache knows.
import type { Callback, Note, Ticket } from '../../protocol/entities';
import { LOCAL_ID_PREFIX } from '../shared/local-id';
import type { MutationIntent } from '../shared/messages';
import type { OutboxEntry, TicketBasis } from '../shared/outbox-entry';
import type { Overlay } from '../shared/overlay';

export interface PlanContext {
  meId: string;
  now: Date;
  /** A fresh UUID: the Idempotency-Key of the request and the id of its overlay. */
  key: string;
  /** The ticket as the user saw it when acting (server row + overlay), for `basedOn`. */
  ticket?: Ticket;
}

export interface MutationPlan {
  entry: Omit<OutboxEntry, 'seq'>;
  /** What the UI shows until the server confirms; null when nothing is shown early. */
  overlay: Overlay | null;
}

export function planMutation(mutation: MutationIntent, ctx: PlanContext): MutationPlan {
  const createdAt = ctx.now.toISOString();
  const base = { idempotencyKey: ctx.key, createdAt, attempts: 0, nextAttemptAt: 0, lastError: null } as const;
  const overlayBase = { id: ctx.key, createdAt };
  switch (mutation.type) {
    case 'ticket.create': {
      const { threadKeys, subject, customer, departmentId, priority, assignToMe, lastCustomerMessageAt } = mutation.intent;
      const ticketId = `${LOCAL_ID_PREFIX}${ctx.key}`;
      const body = {
        threadKeys,
        subject,
        customer,
        departmentId,
        priority,
        assigneeId: assignToMe ? ctx.meId : null,
        ...(lastCustomerMessageAt ? { lastCustomerMessageAt } : {}),
      };
      const draft: Ticket = {
        id: ticketId,
        number: 0,
        subject,
        customer: { email: customer.email.toLowerCase(), name: customer.name ?? null },
        departmentId,
        status: assignToMe ? 'open' : 'new',
        priority,
        assigneeId: body.assigneeId,
        version: 0,
        reassignmentCount: 0,
        postponedUntil: null,
        firstResponseAt: null,
        lastCustomerMessageAt: lastCustomerMessageAt ?? null,
        threadKeys,
        createdAt,
        updatedAt: createdAt,
      };
      return {
        entry: { ...base, kind: 'ticket.create', ticketId, request: { method: 'POST', path: '/tickets', body }, response: 'createdTicket' },
        overlay: { ...overlayBase, ticketId, kind: 'ticket.create', draft },
      };
    }
    case 'ticket.update': {
      const { ticketId, ...body } = mutation.intent;
      const { expectedVersion: _ignored, ...patch } = body;
      const touched = (['status', 'priority', 'departmentId'] as const).filter((field) => patch[field] !== undefined);
      return {
        entry: {
          ...base,
          kind: 'ticket.update',
          ticketId,
          request: { method: 'PATCH', path: ticketPath(ticketId), body },
          response: 'ticket',
          ...basis(ctx.ticket, [...touched, 'assigneeId']),
        },
        overlay: { ...overlayBase, ticketId, kind: 'ticket.patch', patch },
      };
    }
    case 'ticket.take': {
      const { ticketId, expectedVersion } = mutation.intent;
      return {
        entry: {
          ...base,
          kind: 'ticket.take',
          ticketId,
          request: { method: 'POST', path: `${ticketPath(ticketId)}/take`, body: { expectedVersion } },
          response: 'ticket',
          ...basis(ctx.ticket, ['assigneeId']),
        },
        overlay: { ...overlayBase, ticketId, kind: 'ticket.patch', patch: { assigneeId: ctx.meId } },
      };
    }
    case 'ticket.reassign': {
      const { ticketId, ...body } = mutation.intent;
      const patch = { assigneeId: body.assigneeId, ...(body.departmentId ? { departmentId: body.departmentId } : {}) };
      return {
        entry: {
          ...base,
          kind: 'ticket.reassign',
          ticketId,
          request: { method: 'POST', path: `${ticketPath(ticketId)}/reassign`, body },
          response: 'ticket',
          ...basis(ctx.ticket, ['assigneeId', 'departmentId']),
        },
        overlay: { ...overlayBase, ticketId, kind: 'ticket.patch', patch },
      };
    }
    case 'callback.add': {
      const { ticketId, kind, dueAt, note, phone } = mutation.intent;
      const callback: Callback = {
        id: `${LOCAL_ID_PREFIX}${ctx.key}`,
        ticketId,
        ownerId: ctx.meId,
        phone,
        attempt: 1,
        outcome: null,
        kind,
        note,
        dueAt,
        status: 'pending',
        createdAt,
        completedAt: null,
        version: 0,
      };
      return {
        entry: {
          ...base,
          kind: 'callback.add',
          ticketId,
          request: { method: 'POST', path: `${ticketPath(ticketId)}/callbacks`, body: { kind, dueAt, note, phone } },
          response: 'callback',
        },
        overlay: { ...overlayBase, ticketId, kind: 'callback.add', callback },
      };
    }
    case 'note.add': {
      const { ticketId, text, mentions } = mutation.intent;
      const note: Note = { id: `${LOCAL_ID_PREFIX}${ctx.key}`, ticketId, authorId: ctx.meId, text, mentions, createdAt, version: 0 };
      return {
        entry: {
          ...base,
          kind: 'note.add',
          ticketId,
          request: { method: 'POST', path: `${ticketPath(ticketId)}/notes`, body: { text, mentions } },
          response: 'note',
        },
        overlay: { ...overlayBase, ticketId, kind: 'note.add', note },
      };
    }
    case 'note.delete': {
      const { ticketId, noteId } = mutation.intent;
      return {
        entry: {
          ...base,
          kind: 'note.delete',
          ticketId,
          request: { method: 'DELETE', path: `${ticketPath(ticketId)}/notes/${encodeURIComponent(noteId)}`, body: {} },
          response: 'note',
        },
        overlay: { ...overlayBase, ticketId, kind: 'note.delete', noteId },
      };
    }
    case 'callback.complete':
    case 'callback.cancel': {
      const { ticketId, callbackId, outcome } = mutation.intent;
      const cancel = mutation.type === 'callback.cancel';
      return {
        entry: {
          ...base,
          kind: mutation.type,
          ticketId,
          request: {
            method: 'POST',
            path: `/callbacks/${encodeURIComponent(callbackId)}/${cancel ? 'cancel' : 'complete'}`,
            body: cancel || !outcome ? {} : { outcome },
          },
          response: 'callback',
        },
        overlay: {
          ...overlayBase,
          ticketId,
          kind: 'callback.patch',
          callbackId,
          patch: closingPatch(cancel ? 'cancel' : (outcome ?? 'reached'), createdAt),
        },
      };
    }
  }
}

/** The fields a change depends on, as the user saw them (nothing when the ticket is unknown). */
function basis(ticket: Ticket | undefined, fields: readonly (keyof TicketBasis)[]): { basedOn?: TicketBasis } {
  if (!ticket) return {};
  return { basedOn: Object.fromEntries(fields.map((field) => [field, ticket[field]])) };
}

export const ticketPath = (ticketId: string) => `/tickets/${encodeURIComponent(ticketId)}`;

/** What a closed callback looks like until the server answers; a "no answer" waits for its next time. */
function closingPatch(closing: NonNullable<Callback['outcome']> | 'cancel', at: string): Partial<Pick<Callback, 'status' | 'completedAt'>> {
  if (closing === 'cancel') return { status: 'cancelled' };
  if (closing === 'no_answer') return {};
  return { status: closing === 'wrong_number' ? 'missed' : 'done', completedAt: at };
}
