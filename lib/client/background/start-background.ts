// Composition of the background service worker: the database, the sync engine, runtime messages,
// live ports to open views, the minute alarm, notifications and the badge.
import { createTranslator, browserUiLanguage, resolveLanguage, type Translate } from '../shared/i18n';
import { registerBundledCatalogues } from '../shared/i18n/bundled';
import { openSidedeskDb, type SidedeskDb } from './db';
import { LIVE_PORT, type CacheChangedMessage, type ConnectionState, type ViewersChangedMessage } from '../shared/messages';
import { readSettings } from '../shared/settings';
import { retryingLazy, runDetached } from './run-detached';
import { singleFlight } from './single-flight';
import { SyncEngine } from './sync-engine';
import { updateBadge } from './badge';
import type { BackgroundContext } from './context';
import { flushAdapterFailures } from './diagnostics-handlers';
import { handleMessage } from './handle-message';
import { notificationTicketId, notifyAssignments, notifyDueCallbacks, notifyMentions, notifyUndeliveredReplies } from './notifications';
import { openTicket } from './popup-handlers';
import { revokeSignedOutTokens } from './session-handlers';
import { FOCUS_SIDEBAR_COMMAND, FOCUS_SIDEBAR_MESSAGE } from '../shared/commands';
import { notifySlaStages } from './sla-alerts';
import { readMe } from './session';

const PULL_ALARM = 'sidedesk.pull';
/** How long the badge waits after a change: the views' reads of the change go first. */
const INDICATORS_DELAY_MS = 300;

export function startBackground(): void {
  registerBundledCatalogues();
  const ports = new Set<Browser.runtime.Port>();
  // Made on first use; a database that failed to open is tried again on the next event.
  const contextReady = retryingLazy(() => createContext(ports));

  // Listeners are registered synchronously so a message that wakes the worker is not missed.
  // Returning the promise is how webextension-polyfill sends an asynchronous answer.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown) => contextReady().then((context) => handleMessage(context, message)));
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== LIVE_PORT) return;
    ports.add(port);
    port.onDisconnect.addListener(() => {
      ports.delete(port);
      runDetached('last view closed', () => contextReady().then(({ engine }) => engine.setViewsOpen(ports.size > 0)));
    });
    // Someone is looking: while offline, the engine tries the server every few seconds.
    runDetached('a view opened', () => contextReady().then(({ engine }) => engine.setViewsOpen(true)));
    // A view connecting may have just woken the worker: catch up, unless the live socket is up
    // (then nothing was missed, and a pull now would only compete with the view's first read).
    runDetached('sync for a view that connected', () => contextReady().then(({ engine }) => (engine.isLive ? undefined : engine.sync())));
  });
  // Created once: re-creating it on every wake would restart its minute, and a worker woken more
  // often than that (messages, the socket) would never see it fire.
  runDetached('pull alarm', () =>
    browser.alarms.get(PULL_ALARM).then((alarm) => (alarm ? undefined : browser.alarms.create(PULL_ALARM, { periodInMinutes: 1 }))),
  );
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== PULL_ALARM) return;
    runDetached('minute sync', async () => {
      const context = await contextReady();
      await revokeSignedOutTokens(context);
      await context.engine.sync();
      await refreshIndicators(context.db, context.engine, context.now());
    });
    // Counts of unreadable views that could not be sent when recorded (offline, signed out).
    runDetached('adapter failure counts', async () => flushAdapterFailures(await contextReady()));
  });
  browser.commands.onCommand.addListener((command) => {
    if (command !== FOCUS_SIDEBAR_COMMAND) return;
    runDetached('focus the sidebar', async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      // A tab without our content script (not a mail page) has nobody listening: nothing to do.
      if (tab?.id !== undefined) await browser.tabs.sendMessage(tab.id, { type: FOCUS_SIDEBAR_MESSAGE }).catch(() => undefined);
    });
  });
  browser.notifications.onClicked.addListener((notificationId) => {
    const ticketId = notificationTicketId(notificationId);
    if (!ticketId) return;
    runDetached('opening a notification', async () => {
      const context = await contextReady();
      const { url } = await openTicket(context, { type: 'ticket.open', ticketId });
      if (url) await browser.tabs.create({ url });
    });
  });
}

async function createContext(ports: Set<Browser.runtime.Port>): Promise<BackgroundContext> {
  const db = await openSidedeskDb();
  const now = () => new Date();
  let lastConnection: ConnectionState | null = null;
  // The badge and its notifications read every open ticket of the user (~4,500 of 10,000): run on
  // each change at once, several of those reads were in flight together and the open sidebar's own
  // small reads queued behind them (bench/extension-10k.ts: a reassignment reached the assignee's
  // sidebar after 7.8 s p50). One refresh at a time now, started once the views have re-read.
  const refresh = singleFlight(() => refreshIndicators(db, engine, now()));
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshSoon = () => {
    refreshTimer ??= setTimeout(() => {
      refreshTimer = undefined;
      runDetached('badge and notifications', refresh);
    }, INDICATORS_DELAY_MS);
  };
  const engine: SyncEngine = new SyncEngine({
    db,
    onChange: (ticketIds, connection, customers, tickets) => {
      // Back online: a token signed out while offline can be revoked now, not at the next alarm.
      if (connection === 'online' && lastConnection !== 'online')
        runDetached('revoking signed-out tokens', () => revokeSignedOutTokens(context));
      lastConnection = connection;
      const message: CacheChangedMessage = {
        type: 'cache.changed',
        ticketIds,
        connection,
        ...(customers ? { customers } : {}),
        ...(tickets ? { tickets } : {}),
      };
      for (const port of ports) port.postMessage(message);
      refreshSoon();
    },
    onViewersChanged: (ticketId) => {
      const message: ViewersChangedMessage = { type: 'viewers.changed', ticketId };
      for (const port of ports) port.postMessage(message);
    },
    onPulled: (result, session) => {
      runDetached('assignment notifications', () => translator().then((t) => notifyAssignments(result, session.userId, t)));
      runDetached('mention notifications', () => translator().then((t) => notifyMentions(db, result, session.userId, t)));
    },
  });
  const context: BackgroundContext = { db, engine, now, newKey: () => crypto.randomUUID() };
  await engine.start();
  return context;
}

async function translator(): Promise<Translate> {
  const settings = await readSettings();
  return createTranslator(resolveLanguage(settings.language, browserUiLanguage()));
}

async function refreshIndicators(db: SidedeskDb, engine: SyncEngine, now: Date): Promise<void> {
  const meId = engine.currentSession?.userId ?? null;
  const t = await translator();
  await updateBadge(db, meId, now, t);
  if (meId) {
    await notifyDueCallbacks(db, meId, now, t);
    await notifyUndeliveredReplies(db, meId, t);
    const me = await readMe(db);
    if (me) await notifySlaStages(db, me.user, now, t);
  }
}
