// The ticket view and everything under it (fields, notes, callbacks, replies, timeline, the
// reassign dialog, customer history) reach the content script only once a thread is a ticket:
// they are a script of their own (entrypoints/sidebar-ticket.ts) that hands the view over with
// provideTicketView. The content script stays within its size budget (docs/design.md
// "Performance budgets"); the extension's pages and the tests provide the view directly.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { markSidebarPainted } from '@/lib/client/shared/perf-marks';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import { StateMessage } from './state-message';
import type { ComponentType } from 'preact';
import type { HandoffSummary } from './handoff-summary';
import type { TicketView } from './ticket-view';

type TicketViewComponent = typeof TicketView;
type Props = Parameters<TicketViewComponent>[0];

let provided: TicketViewComponent | null = null;
let loader: (() => Promise<unknown>) | null = null;
let loading: Promise<TicketViewComponent> | null = null;

export function provideTicketView(view: TicketViewComponent | null): void {
  provided = view;
}

/** How to fetch the script that calls provideTicketView. */
export function setTicketViewLoader(load: () => Promise<unknown>): void {
  loader = load;
}

export function isTicketViewLoaded(): boolean {
  return provided !== null;
}

/** Resolves once the view is there; a failed load is forgotten, so the next call tries again. */
export function loadTicketView(): Promise<TicketViewComponent> {
  if (provided) return Promise.resolve(provided);
  loading ??= (loader ?? (() => Promise.reject(new Error('No ticket view to load'))))()
    .then(() => {
      if (!provided) throw new Error('The ticket view script did not provide the view');
      return provided;
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}

/** The ticket view, or loading (then error with retry) while its script is on its way. */
export function LazyTicketView(props: Props) {
  return <LazyPart part={() => provided} props={props} />;
}

// The summary of a thread whose ticket was handed to someone else: shown rarely, so it comes with
// the ticket view's script too.
type HandoffSummaryComponent = typeof HandoffSummary;
let providedHandoff: HandoffSummaryComponent | null = null;

export function provideHandoffSummary(view: HandoffSummaryComponent | null): void {
  providedHandoff = view;
}

export function LazyHandoffSummary(props: Parameters<HandoffSummaryComponent>[0]) {
  return <LazyPart part={() => providedHandoff} props={props} />;
}

/** A part of the ticket view's script, or loading (then error with retry) while it is on its way. */
function LazyPart<P extends object>({ part, props }: { part: () => ComponentType<P> | null; props: P }) {
  const t = useT();
  const [view, setView] = useState<{ component: ComponentType<P> } | null>(() => {
    const component = part();
    return component ? { component } : null;
  });
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const waited = useRef(!view);
  useEffect(() => {
    if (view) return;
    let active = true;
    loadTicketView().then(
      () => {
        const component = part();
        if (!active) return;
        if (component) setView({ component });
        else setError(new Error('The ticket view script did not provide this part'));
      },
      (failure: unknown) => active && setError(failure),
    );
    return () => {
      active = false;
    };
  }, [view, attempt]);
  // The sidebar counts as painted once the ticket is on screen, not the loading line before it.
  useLayoutEffect(() => {
    if (view && waited.current) {
      waited.current = false;
      markSidebarPainted();
    }
  }, [view]);

  if (view) return <view.component {...props} />;
  if (error)
    return (
      <StateMessage
        kind="error"
        onRetry={() => {
          setError(null);
          setAttempt((n) => n + 1);
        }}
      >
        {describeError(error, t)}
      </StateMessage>
    );
  return <StateMessage kind="loading" />;
}
