// The long-lived runtime Port open views keep to the background: it pushes "the cache changed"
// so views re-read at once (no polling), and its reconnection wakes a sleeping service worker.
// No zod here: content scripts import this.
import type { Ticket } from '../../protocol/entities';

export const LIVE_PORT = 'sidedesk.live';

export type ConnectionState = 'signed-out' | 'online' | 'offline';

export interface CacheChangedMessage {
  type: 'cache.changed';
  /** Tickets whose rows, children or overlays changed; empty = anything may have changed. */
  ticketIds: string[];
  /**
   * Customer emails (lower case) of the tickets whose own rows were written, where the sender
   * knows them: a ticket new to a customer's list is among them. Absent: not known.
   */
  customers?: string[];
  /**
   * Ticket rows a pull wrote over ones the cache held, as the server sent them, when few: an open
   * sidebar shows them at once, before the re-read of its whole answer (change-scope.ts).
   */
  tickets?: Ticket[];
  connection: ConnectionState;
}

export function isCacheChangedMessage(value: unknown): value is CacheChangedMessage {
  const message = value as Partial<CacheChangedMessage> | null;
  return typeof message === 'object' && message !== null && message.type === 'cache.changed' && Array.isArray(message.ticketIds);
}

/** Someone started or stopped replying in this ticket's thread: views ask who is viewing again. */
export interface ViewersChangedMessage {
  type: 'viewers.changed';
  ticketId: string;
}

export function isViewersChangedMessage(value: unknown): value is ViewersChangedMessage {
  const message = value as Partial<ViewersChangedMessage> | null;
  return typeof message === 'object' && message !== null && message.type === 'viewers.changed' && typeof message.ticketId === 'string';
}
