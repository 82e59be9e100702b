// Puts the sidebar into a webmail page: a shadow-root UI (styles isolated both ways) on the right
// edge, the page narrowed so nothing of the mail is covered, and everything removed when the
// content script's context ends (extension updated, disabled or removed).
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CaptureReaders } from '@/lib/client/content/capture-readers';
import { withConversationKeys } from '@/lib/client/content/conversation-keys';
import { logReadFailure } from '@/lib/client/content/describe-failure';
import { startDeliveryCapture } from '@/lib/client/content/delivery-capture';
import { createReadFailureReporter } from '@/lib/client/content/report-failure';
import { watchThread } from '@/lib/client/content/thread-source';
import { createShadowRootUi } from '@/lib/client/content/shadow-root-ui';
import { setUpTicketViewLoading } from '@/lib/client/content/ticket-view-host';
import { onEachThreadOpen, waitForFirstPaint, within } from '@/lib/client/content/first-paint-wait';
import { ask } from '@/lib/client/shared/bridge';
import { browserUiLanguage, ensureCatalogue, resolveLanguage, setCatalogueLoader } from '@/lib/client/shared/i18n';
import type { SidebarState } from '@/lib/client/shared/message-responses';
import { readSettings, type LanguageSetting } from '@/lib/client/shared/settings';
import { sidebarQuery } from '@/lib/client/ui/hooks';
import { deepActiveElement, isTypingTarget } from '@/lib/client/ui/shortcuts';
import { FOCUS_SIDEBAR_MESSAGE } from '@/lib/client/shared/commands';
import type { WebmailAdapter } from '@/lib/webmail/thread-view';
import { createSidebarQueries, SidebarApp } from '@/components/sidebar-app';
import { holdTicketDetails } from '@/components/lazy-ticket-view';
import { nextSidebarPaint } from '@/lib/client/shared/perf-marks';
import sidebarCss from '@/components/sidebar.css?inline';

const WIDTH_PX = 340;
const COLLAPSED_PX = 28;
const COLLAPSED_KEY = 'sidebarCollapsed';
const DETAILS_HOLD_MAX_MS = 1_000;

export async function mountSidebar(ctx: ContentScriptContext, adapter: WebmailAdapter, captureReaders: CaptureReaders): Promise<void> {
  const lifetime = new AbortController();
  ctx.onInvalidated(() => lifetime.abort());
  // What lies below a ticket's first screen is a script of its own (components/lazy-ticket-view.tsx).
  // A page whose URL names a thread starts loading it first of all: reading a 100-message thread
  // takes 20-100 ms of this page's main thread, and the details should follow the first screen soon.
  setUpTicketViewLoading(!!captureReaders.pageThread?.(document));
  const shownThread = watchThread(adapter, document, lifetime.signal, (doc) => captureReaders.pageThread?.(doc) ?? null);
  const source = captureReaders.conversationMessageId
    ? withConversationKeys(shownThread, (message) => captureReaders.conversationMessageId!(document, message))
    : shownThread;
  const reportFailure = createReadFailureReporter(adapter.provider, () => captureReaders.diagnosticRegion?.(document) ?? document.body);
  const onRead = () => {
    logReadFailure(adapter.provider, source.current().read);
    reportFailure(source.current());
  };
  onRead();
  source.subscribe(onRead);
  const queries = createSidebarQueries();
  const first = source.current();
  // Ask the background while the shadow root is being built: the answer is usually back by then.
  const prefetched = first.read.ok ? queries.fetch(sidebarQuery(first.read.view.threadKeys, first.url)).catch(() => {}) : null;
  // The user's language, unless it is English, comes from the background (it is not bundled here);
  // asked for now, and waited for beside the prefetch below (first-paint-wait.ts says how long).
  setCatalogueLoader((language) => ask({ type: 'i18n.catalogue', language }));
  // The setting is handed to the sidebar too: its first paint is in the user's language, not
  // English until the provider has read it.
  let language: LanguageSetting = 'auto';
  const catalogueReady = readSettings().then((settings) => {
    language = settings.language;
    return ensureCatalogue(resolveLanguage(settings.language, browserUiLanguage()));
  });
  // The extension's storage, not the mail site's: nothing of ours goes into the page's storage.
  // Read alongside the prefetch and the shadow root, not before them: it is on the first paint's path.
  const collapsedRead = browser.storage.local.get(COLLAPSED_KEY).then((stored) => stored[COLLAPSED_KEY] === true);
  let collapsed = false;

  const ui = createShadowRootUi<{ container: HTMLElement; pageMargin: PageMargin; setCollapsed(next: boolean): void }>(ctx, {
    name: 'sidedesk-sidebar',
    // Inlined rather than fetched from the extension (cssInjectionMode 'ui'): one less round trip
    // before the first paint.
    css: sidebarCss,
    onMount(container) {
      const pageMargin = createPageMargin();
      const draw = () => {
        pageMargin.set(collapsed ? COLLAPSED_PX : WIDTH_PX);
        render(
          <SidebarApp
            source={source}
            provider={adapter.provider}
            queries={queries}
            language={language}
            collapsed={collapsed}
            onCollapsedChange={setCollapsed}
            readThreadText={() => adapter.threadText?.(document) ?? ''}
          />,
          container,
        );
      };
      const setCollapsed = (next: boolean) => {
        collapsed = next;
        void browser.storage.local.set({ [COLLAPSED_KEY]: next });
        draw();
      };
      draw();
      return { container, pageMargin, setCollapsed };
    },
    onRemove(mounted) {
      if (mounted) {
        render(null, mounted.container);
        mounted.pageMargin.remove();
      }
      queries.clear();
    },
  });
  await waitForFirstPaint(prefetched ?? Promise.resolve(), catalogueReady);
  collapsed = await collapsedRead;
  if (lifetime.signal.aborted) return;
  // The ticket's first screen first; what lies below waits for its paint (a second at most: a
  // thread that is no ticket paints none).
  holdTicketDetails(within(nextSidebarPaint(), DETAILS_HOLD_MAX_MS));
  // A thread opened within the page (the inbox, then a thread, as Gmail does) holds them too:
  // drawn in the same render, a 100-reply ticket's details took a third of the time from reading
  // the thread to the frame that paints it. Subscribed before the sidebar, so the hold is set by
  // the time the new thread renders.
  onEachThreadOpen(source, lifetime.signal, () => holdTicketDetails(within(nextSidebarPaint(), DETAILS_HOLD_MAX_MS)));
  ui.mount();
  ctx.onInvalidated(() => ui.remove());
  const focusSidebar = (message: unknown) => {
    if ((message as { type?: unknown } | null)?.type !== FOCUS_SIDEBAR_MESSAGE) return;
    // The browser-wide key must never take the user out of a reply or a search they are typing.
    if (isTypingTarget(deepActiveElement(document))) return;
    if (collapsed) ui.mounted?.setCollapsed(false);
    ui.shadow.querySelector<HTMLElement>('.sd-sidebar')?.focus();
  };
  browser.runtime.onMessage.addListener(focusSidebar);
  lifetime.signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(focusSidebar));
  // After the first paint: its first read (recipients of every message) is off that path.
  const capture = startDeliveryCapture({ doc: document, source, readers: captureReaders, signal: lifetime.signal });
  // A ticket shown for the open thread (one just created, too): what the thread held before it is
  // recorded on it once (lib/webmail/capture/thread-history.ts).
  const stopWatchingTickets = queries.onAnswer((key, data) => {
    if (key[1] !== 'sidebar') return;
    const state = data as SidebarState | undefined;
    if (state?.kind === 'ready' && state.ticket && !state.ticket.pending) capture.ticketShown();
  });
  lifetime.signal.addEventListener('abort', stopWatchingTickets);
}

interface PageMargin {
  set(px: number): void;
  remove(): void;
}

/** Narrows the page by the panel's width instead of drawing over the mail. */
function createPageMargin(): PageMargin {
  const style = document.createElement('style');
  style.dataset.sidedesk = 'page-margin';
  document.head.append(style);
  return {
    set(px: number) {
      style.textContent = `html body { margin-right: ${px}px !important; position: relative !important; }`;
    },
    remove() {
      style.remove();
    },
  };
}
