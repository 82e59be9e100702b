// The pending overlay: what the user did that the server has not confirmed yet. Cached server
// rows are never edited in place; views are server rows with these applied on top, in order.
import type { Callback, Note, Reply, Ticket } from '../../protocol/entities';

export type TicketPatch = Partial<Pick<Ticket, 'status' | 'priority' | 'departmentId' | 'assigneeId' | 'postponedUntil'>>;

interface OverlayBase {
  /** The outbox entry's idempotency key: overlay and entry live and die together. */
  id: string;
  ticketId: string;
  createdAt: string;
}

export type Overlay =
  | (OverlayBase & { kind: 'ticket.create'; draft: Ticket })
  | (OverlayBase & { kind: 'ticket.patch'; patch: TicketPatch })
  | (OverlayBase & { kind: 'callback.add'; callback: Callback })
  | (OverlayBase & { kind: 'callback.patch'; callbackId: string; patch: Partial<Pick<Callback, 'status' | 'completedAt'>> })
  | (OverlayBase & { kind: 'note.add'; note: Note })
  | (OverlayBase & { kind: 'note.delete'; noteId: string })
  | (OverlayBase & { kind: 'reply.add'; reply: Reply })
  | (OverlayBase & {
      kind: 'reply.patch';
      replyId: string;
      patch: Partial<Pick<Reply, 'status' | 'sentAt' | 'scheduledAt' | 'messageId'>>;
    });

export interface WithPending<T> {
  row: T;
  /** True while an unsent or unacknowledged change is shown: the UI marks it "syncing". */
  pending: boolean;
}

const byCreation = (a: Overlay, b: Overlay) => a.createdAt.localeCompare(b.createdAt);

export function overlayTicket(server: Ticket | undefined, overlays: readonly Overlay[]): WithPending<Ticket> | null {
  let row = server;
  let pending = false;
  for (const overlay of [...overlays].sort(byCreation)) {
    if (overlay.kind === 'ticket.create' && !row) {
      row = overlay.draft;
      pending = true;
    } else if (overlay.kind === 'ticket.patch' && row) {
      row = { ...row, ...overlay.patch };
      pending = true;
    }
  }
  return row ? { row, pending } : null;
}

/** Server replies plus the ones being recorded (a reply already on the server by Message-ID wins). */
export function overlayReplies(server: readonly Reply[], overlays: readonly Overlay[]): Reply[] {
  const known = new Set(server.map((reply) => reply.messageId).filter(Boolean));
  const rows = new Map(server.map((reply) => [reply.id, reply]));
  for (const overlay of [...overlays].sort(byCreation)) {
    if (overlay.kind === 'reply.add' && !(overlay.reply.messageId && known.has(overlay.reply.messageId)))
      rows.set(overlay.reply.id, overlay.reply);
    if (overlay.kind === 'reply.patch') {
      const reply = rows.get(overlay.replyId);
      if (reply) rows.set(reply.id, { ...reply, ...overlay.patch });
    }
  }
  return [...rows.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export function overlayCallbacks(server: readonly Callback[], overlays: readonly Overlay[]): WithPending<Callback>[] {
  const rows = new Map(server.map((callback) => [callback.id, { row: callback, pending: false }]));
  for (const overlay of [...overlays].sort(byCreation)) {
    if (overlay.kind === 'callback.add') rows.set(overlay.callback.id, { row: overlay.callback, pending: true });
    if (overlay.kind === 'callback.patch') {
      const known = rows.get(overlay.callbackId);
      if (known) rows.set(overlay.callbackId, { row: { ...known.row, ...overlay.patch }, pending: true });
    }
  }
  return [...rows.values()].sort((a, b) => a.row.dueAt.localeCompare(b.row.dueAt));
}

/** Server notes plus the ones being added, minus the ones being deleted; oldest first. */
export function overlayNotes(server: readonly Note[], overlays: readonly Overlay[]): WithPending<Note>[] {
  const rows = new Map(server.map((note) => [note.id, { row: note, pending: false }]));
  for (const overlay of [...overlays].sort(byCreation)) {
    if (overlay.kind === 'note.add') rows.set(overlay.note.id, { row: overlay.note, pending: true });
    if (overlay.kind === 'note.delete') rows.delete(overlay.noteId);
  }
  return [...rows.values()].sort((a, b) => a.row.createdAt.localeCompare(b.row.createdAt));
}
