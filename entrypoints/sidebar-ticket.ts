// The ticket view, loaded by the content script once a thread is a ticket
// (lib/client/content/ticket-view-host.ts); the modules it shares with the content script come
// from there (lib/client/content/borrowed-modules.ts, wxt.config.ts).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { provideTicketView } from '@/components/lazy-ticket-view';
import { TicketView } from '@/components/ticket-view';

export default defineUnlistedScript(() => provideTicketView(TicketView));
