// Lets the content script load the ticket view (components/lazy-ticket-view.tsx) from its own
// script, entrypoints/sidebar-ticket.ts, with the modules that script borrows (borrowed-modules.ts).
// import() of an extension URL runs the script in the content script's world (Chrome, and Firefox
// since 89); the manifest lists it in web_accessible_resources for the webmail origins only.
import { createRef, Fragment as PreactFragment, h } from 'preact';
import { useCallback, useContext, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { Fragment, jsx, jsxDEV, jsxs } from 'preact/jsx-runtime';
import { useColleagues, useCustomerTickets, useDismissNotice, useMutate } from '@/lib/client/ui/hooks';
import { ThreadTextContext } from '@/lib/client/ui/thread-text';
import { ask, BackgroundError } from '@/lib/client/shared/bridge';
import { addStrings } from '@/lib/client/shared/i18n';
import { useLanguage, useT } from '@/components/i18n-provider';
import { loadTicketParts, provideTicketParts, setTicketViewLoader } from '@/components/lazy-ticket-view';
import { BORROWED_GLOBAL, TICKET_VIEW_SCRIPT, type Lent } from './borrowed-modules';

const lent = {
  preact: { Fragment: PreactFragment, createRef, h },
  preactHooks: { useState, useEffect, useLayoutEffect, useMemo, useCallback, useRef, useContext, useReducer },
  jsxRuntime: { jsx, jsxs, jsxDEV, Fragment },
  uiHooks: { useColleagues, useCustomerTickets, useDismissNotice, useMutate },
  threadText: { ThreadTextContext },
  bridge: { ask, BackgroundError },
  i18nProvider: { useT, useLanguage },
  i18n: { addStrings },
  lazyTicketView: { provideTicketParts },
} satisfies Lent;

/** The ticket view's script loads on first need; `preload` starts it now (a thread is open at page load). */
export function setUpTicketViewLoading(preload: boolean): void {
  (globalThis as Record<string, unknown>)[BORROWED_GLOBAL] = lent;
  setTicketViewLoader(() => import(/* @vite-ignore */ browser.runtime.getURL(`/${TICKET_VIEW_SCRIPT}`)));
  if (preload) loadTicketParts().catch(() => undefined);
}
