// Every extension test gets a fresh in-memory IndexedDB implementation, and rendered components
// are unmounted after each test (vitest globals are off, so testing-library cannot do it itself).
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';
import { registerBundledCatalogues } from '../shared/i18n/bundled';
import { HandoffSummary } from '@/components/handoff-summary';
import { provideTicketParts } from '@/components/lazy-ticket-view';
import { ReassignDialog } from '@/components/reassign-dialog';
import { TicketDetails } from '@/components/ticket-details';

afterEach(() => cleanup());

// The extension's pages bundle every catalogue; tests render them all the same way.
registerBundledCatalogues();

// The content script loads what lies below a ticket's first screen from a script of its own
// (components/lazy-ticket-view.tsx); tests render it at once.
provideTicketParts({ TicketDetails, ReassignDialog, HandoffSummary });
