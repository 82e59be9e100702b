import type { RequestType } from '../shared/messages';
import type { RequestOf, ResponseMap } from '../shared/message-responses';
import type { BackgroundContext } from './context';
import { teamHandlers } from './team-handlers';
import { loadPopup, openTicket, searchTickets } from './popup-handlers';
import { loadQueues } from './queues';
import { loadCustomerTickets } from './customer-history';
import {
  loadDeliveryReport,
  loadDeliveryReportCsv,
  loadPassedAround,
  loadResponseTimeReport,
  loadResponseTimeReportCsv,
} from './report-handlers';
import { slaSettingsHandlers } from './sla-settings-handlers';
import { describeSession, signIn, signOut, testServer } from './session-handlers';
import { loadAdapterFailures, loadPageReport, recordAdapterFailure } from './diagnostics-handlers';
import { classifyDeliveryNotice, findTicketForThread, recordDeliveryCapture } from './delivery-handlers';
import { dismissNotice, heartbeatViewers, listColleagues, loadSidebar, mutate } from './sidebar-handlers';
import { loadMentions, markMentionRead } from './mention-handlers';
import { bundledCatalogues } from '../shared/i18n/bundled';
import { linkThread, loadLinkCandidates } from './thread-linking';

type Handlers = { [T in RequestType]: (context: BackgroundContext, message: RequestOf<T>) => Promise<ResponseMap[T]> };

export const handlers: Handlers = {
  'sidebar.load': loadSidebar,
  'reassign.colleagues': listColleagues,
  'ticket.forThread': findTicketForThread,
  'viewers.heartbeat': heartbeatViewers,
  mutate,
  'notice.dismiss': dismissNotice,
  'delivery.capture': recordDeliveryCapture,
  'delivery.rawNotice': classifyDeliveryNotice,
  'tickets.search': searchTickets,
  'popup.load': loadPopup,
  'queues.load': loadQueues,
  'customer.tickets': loadCustomerTickets,
  'ticket.open': openTicket,
  'thread.linkCandidates': loadLinkCandidates,
  'thread.link': linkThread,
  'tickets.passedAround': loadPassedAround,
  'reports.delivery': loadDeliveryReport,
  'reports.deliveryCsv': loadDeliveryReportCsv,
  'reports.responseTimes': loadResponseTimeReport,
  'reports.responseTimesCsv': loadResponseTimeReportCsv,
  'session.get': describeSession,
  'session.signIn': signIn,
  'session.signOut': signOut,
  'server.test': testServer,
  // The content script bundles English only (lib/client/shared/i18n/index.ts).
  'i18n.catalogue': async (_context, { language }) => bundledCatalogues[language],
  'sync.now': async ({ engine }) => {
    await engine.sync();
    return null;
  },
  'search.open': async () => {
    // Chrome opens the popup from here; Firefox only inside a user action, which a message is not.
    await browser.action.openPopup().catch(() => browser.tabs.create({ url: browser.runtime.getURL('/popup.html') }));
    return null;
  },
  'options.open': async () => {
    await browser.runtime.openOptionsPage();
    return null;
  },
  'diagnostics.record': recordAdapterFailure,
  'diagnostics.pageReport': loadPageReport,
  'diagnostics.failures': loadAdapterFailures,
  'mentions.load': loadMentions,
  'mention.read': markMentionRead,
  ...teamHandlers,
  ...slaSettingsHandlers,
};
