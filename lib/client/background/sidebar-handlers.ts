// Requests from the sidebar: its state for an open thread, colleagues to hand over to, viewers,
// and user actions (queued in the outbox).
import { ticketResponseSchema, ticketViewersResponseSchema } from '../../protocol/requests';
import { ApiError, NotSignedInError } from './api-errors';
import { rankedColleagues } from './colleagues';
import { isLocalId } from '../shared/local-id';
import type { ReadySidebarState, ResponseMap, RequestOf, SidebarState, Viewer } from '../shared/message-responses';
import { planMutation } from './plan-mutation';
import { isFirstSyncDone } from './apply-changes';
import { readMe } from './session';
import {
  findDepartedTicket,
  findRefusedCreates,
  findTicketIdByThreadKeys,
  isHiddenTicketRefusal,
  loadShownTicket,
  loadTicketDetail,
} from './sidebar-state';
import { isHiddenThread, rememberHiddenThread } from './hidden-threads';
import type { BackgroundContext } from './context';
import type { ThreadLink } from './db';
import { hasTicket, writeCachedTickets } from './ticket-chunks';

export async function loadSidebar(context: BackgroundContext, message: RequestOf<'sidebar.load'>): Promise<SidebarState> {
  const { db, engine } = context;
  // Signed out, or the server no longer accepts our token: the sidebar asks to sign in again.
  if (!engine.currentSession || engine.connection === 'signed-out') return { kind: 'signed-out' };
  // Independent reads run together: this answer is on the path of the sidebar's first paint.
  const [me, users, departments, cachedTicketId, synced] = await Promise.all([
    readMe(db),
    db.getAll('users'),
    db.getAll('departments'),
    findTicketIdByThreadKeys(db, message.threadKeys),
    isFirstSyncDone(db),
  ]);
  if (!me) return { kind: 'signed-out' };
  // Once the first sync is done the cache holds every ticket this user may see, so a miss means
  // "not a ticket". Until its last page is written (the cursor moves after the first one), ask
  // the server rather than offer to create a duplicate. The engine says 'offline' until that
  // first pull ends, so a pull under way counts as reachable.
  const firstSyncPending = !synced && engine.api !== null && (engine.connection !== 'offline' || engine.isPulling);
  const ticketId = cachedTicketId ?? (firstSyncPending ? await fetchTicketByThreadKeys(context, message.threadKeys) : null);
  const [ticket] = await Promise.all([
    ticketId ? loadTicketDetail(db, ticketId) : null,
    ticketId && !isLocalId(ticketId) ? rememberThreadLink(context, ticketId, message) : null,
  ]);
  const [departed, refused] = ticket
    ? [null, { hiddenTicket: false, createNotices: [] }]
    : await Promise.all([findDepartedTicket(db, message.threadKeys), readRefusedCreates(context, message.threadKeys)]);
  return {
    kind: 'ready',
    connection: engine.connection,
    me: me.user,
    settings: me.workspace.settings,
    users,
    departments,
    ticket,
    departed,
    ...refused,
  };
}

/**
 * Why a create of this thread did not go through. A "ticket out of your sight" refusal is kept in
 * hidden-threads.ts and its notice dropped: the sidebar says it in place of the form from then on.
 */
async function readRefusedCreates(
  { db, engine, now }: BackgroundContext,
  threadKeys: readonly string[],
): Promise<Pick<ReadySidebarState, 'hiddenTicket' | 'createNotices'>> {
  const session = engine.currentSession;
  const notices = await findRefusedCreates(db, threadKeys);
  const hidden = notices.filter(isHiddenTicketRefusal);
  if (session && hidden.length > 0) {
    const keys = hidden.flatMap((notice) => notice.notSent?.request.body.threadKeys as string[]);
    await rememberHiddenThread(session, [...threadKeys, ...keys], now());
    await Promise.all(hidden.map((notice) => db.delete('notices', notice.id)));
  }
  return {
    hiddenTicket: hidden.length > 0 || (session ? await isHiddenThread(session, threadKeys) : false),
    createNotices: notices.filter((notice) => !hidden.includes(notice)),
  };
}

async function fetchTicketByThreadKeys({ db, engine }: BackgroundContext, threadKeys: readonly string[]): Promise<string | null> {
  for (const key of threadKeys) {
    try {
      const { ticket } = await engine.api!({
        method: 'GET',
        path: `/tickets/by-key/${encodeURIComponent(key)}`,
        schema: ticketResponseSchema,
      });
      await writeCachedTickets(db, ticket);
      return ticket.id;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) continue;
      // Offline or failing: the sidebar shows what the cache has; the next sync will bring it.
      return null;
    }
  }
  return null;
}

/**
 * The popup opens a ticket's thread from the URL it was last seen at in this browser. A ticket
 * shown again after it had left the view (an undone handoff) loses its "went to" note here.
 *
 * The write re-reads in one transaction, and only while the ticket is still cached: the sidebar
 * read the ticket a moment ago, and a pull may have taken it out of the view since (its tombstone
 * wrote the note on this link, apply-changes.ts). Writing the link from that earlier read erased
 * the note, and the sidebar then offered "Create ticket" for a ticket that exists.
 */
async function rememberThreadLink({ db, now }: BackgroundContext, ticketId: string, message: RequestOf<'sidebar.load'>): Promise<void> {
  const isCurrent = (link: ThreadLink | undefined) => link?.url === message.threadUrl && !link.leftView;
  // The usual case, a link already up to date, takes no write lock on the sidebar's path.
  if (isCurrent(await db.get('threadLinks', ticketId))) return;
  const tx = db.transaction(['threadLinks', 'ticketChunks'], 'readwrite');
  const links = tx.objectStore('threadLinks');
  const [known, stillCached] = await Promise.all([links.get(ticketId), hasTicket(tx.objectStore('ticketChunks'), ticketId)]);
  if (stillCached && !isCurrent(known)) {
    // This user's handoff stays with the link until the ticket has left and come back.
    const handoff = known && !known.leftView ? known.handoff : undefined;
    await links.put({
      ticketId,
      url: message.threadUrl,
      threadKeys: message.threadKeys,
      seenAt: now().toISOString(),
      ...(handoff ? { handoff } : {}),
    });
  }
  await tx.done;
}

export async function listColleagues(
  { db, engine }: BackgroundContext,
  message: RequestOf<'reassign.colleagues'>,
): Promise<ResponseMap['reassign.colleagues']> {
  const session = engine.currentSession;
  if (!session) throw new NotSignedInError();
  const ticket = await loadShownTicket(db, message.ticketId);
  if (!ticket) return [];
  return rankedColleagues({ db, engine }, ticket, session.userId);
}

export async function heartbeatViewers(
  { db, engine, newKey }: BackgroundContext,
  message: RequestOf<'viewers.heartbeat'>,
): Promise<Viewer[]> {
  if (!engine.api || isLocalId(message.ticketId)) return [];
  const { viewers } = await engine.api({
    method: 'POST',
    path: `/tickets/${encodeURIComponent(message.ticketId)}/viewers`,
    body: message.composing === undefined ? {} : { composing: message.composing },
    idempotencyKey: newKey(),
    schema: ticketViewersResponseSchema,
  });
  const others = viewers.filter((viewer) => viewer.userId !== engine.currentSession?.userId);
  return Promise.all(others.map(async (viewer) => ({ ...viewer, name: (await db.get('users', viewer.userId))?.name ?? '' })));
}

export async function mutate({ db, engine, now, newKey }: BackgroundContext, message: RequestOf<'mutate'>): Promise<{ ticketId: string }> {
  const session = engine.currentSession;
  if (!session) throw new NotSignedInError();
  const { mutation } = message;
  // What the user saw when acting: the change is re-sent (not rolled back) if a conflict leaves it intact.
  const ticketId = 'ticketId' in mutation.intent ? mutation.intent.ticketId : null;
  const seen = ticketId ? ((await loadShownTicket(db, ticketId)) ?? undefined) : undefined;
  const plan = planMutation(mutation, { meId: session.userId, now: now(), key: newKey(), ...(seen ? { ticket: seen } : {}) });
  if (mutation.type === 'ticket.reassign' && seen && mutation.intent.reason !== 'undo') {
    // Kept for "Undo" should the handoff take the ticket out of this user's view (apply-changes.ts).
    // One transaction: a pull writing this link meanwhile (a ticket leaving the view) is not undone.
    const links = db.transaction('threadLinks', 'readwrite').store;
    const link = await links.get(seen.id);
    if (link) await links.put({ ...link, handoff: { userId: session.userId, from: seen.assigneeId } });
  }
  if (mutation.type === 'ticket.create') {
    await db.put('threadLinks', {
      ticketId: plan.entry.ticketId,
      url: mutation.intent.threadUrl,
      threadKeys: mutation.intent.threadKeys,
      seenAt: now().toISOString(),
    });
  }
  await engine.enqueue(plan);
  return { ticketId: plan.entry.ticketId };
}

export async function dismissNotice({ db, engine }: BackgroundContext, message: RequestOf<'notice.dismiss'>): Promise<null> {
  const notice = await db.get('notices', message.noticeId);
  await db.delete('notices', message.noticeId);
  if (notice) engine.notifyChanged([notice.ticketId]);
  return null;
}
