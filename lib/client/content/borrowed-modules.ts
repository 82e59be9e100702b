// The modules entrypoints/sidebar-ticket.ts borrows from the content script that loads it instead
// of bundling copies: a second preact would not render into the first's tree, and a second copy
// of a context, a class (`instanceof BackgroundError`) or the loaded catalogues would not be the
// one the sidebar set up. wxt.config.ts turns each into `<BORROWED_GLOBAL>.<module>` in that
// script's build, and fails it when the script imports a name not listed here or bundles preact,
// TanStack Query or a context of its own; ticket-view-host.ts lends exactly these names (only
// these: a whole module would keep its unused exports in the content script).
// Plain data: wxt.config.ts reads it at build time.
export const BORROWED_MODULES = {
  preact: { from: 'preact', names: ['Fragment', 'createRef', 'h'] },
  preactHooks: {
    from: 'preact/hooks',
    names: ['useState', 'useEffect', 'useLayoutEffect', 'useMemo', 'useCallback', 'useRef', 'useContext', 'useReducer'],
  },
  // What the JSX transform emits (jsxDEV in development builds).
  jsxRuntime: { from: 'preact/jsx-runtime', names: ['jsx', 'jsxs', 'jsxDEV', 'Fragment'] },
  uiHooks: { from: '@/lib/client/ui/hooks', names: ['useColleagues', 'useCustomerTickets', 'useDismissNotice', 'useMutate'] },
  threadText: { from: '@/lib/client/ui/thread-text', names: ['ThreadTextContext'] },
  bridge: { from: '@/lib/client/shared/bridge', names: ['ask', 'BackgroundError'] },
  i18nProvider: { from: '@/components/i18n-provider', names: ['useT', 'useLanguage'] },
  i18n: { from: '@/lib/client/shared/i18n', names: ['addStrings'] },
  lazyTicketView: { from: '@/components/lazy-ticket-view', names: ['provideTicketParts'] },
} as const;

type Borrowed = typeof BORROWED_MODULES;
/** What the content script must lend: every name of every module, and nothing else. */
export type Lent = { [Name in keyof Borrowed]: Record<Borrowed[Name]['names'][number], unknown> };

/** A property of the content script's global (its isolated world's, not the page's). */
export const BORROWED_GLOBAL = '__sidedeskBorrowed';

/** The script, as the manifest lists it in web_accessible_resources. */
export const TICKET_VIEW_SCRIPT = 'sidebar-ticket.js';
