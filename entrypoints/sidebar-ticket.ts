// What lies below a ticket's first screen, loaded by the content script once a thread is a ticket
// (lib/client/content/ticket-view-host.ts); the modules it shares with the content script come
// from there (lib/client/content/borrowed-modules.ts, wxt.config.ts).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { HandoffSummary } from '@/components/handoff-summary';
import { provideTicketParts } from '@/components/lazy-ticket-view';
import { ReassignDialog } from '@/components/reassign-dialog';
import { TicketDetails } from '@/components/ticket-details';
import { addStrings } from '@/lib/client/shared/i18n';
import { enTicket } from '@/lib/client/shared/i18n/en-ticket';

export default defineUnlistedScript(() => {
  // Other languages come whole from the background (lib/client/shared/i18n/index.ts).
  addStrings('en', enTicket);
  provideTicketParts({ TicketDetails, ReassignDialog, HandoffSummary });
});
