// The ticket's first screen (number, subject, status, priority, department, assignee: ticket-view.tsx)
// is drawn by the content script itself. What lies below it (notes, callbacks, replies, timeline,
// customer history), the reassign dialog and the summary of a ticket handed away reach the content
// script only once a thread is a ticket: they are a script of their own
// (entrypoints/sidebar-ticket.ts) that hands them over with provideTicketParts. The content script
// stays within its size budget (docs/design.md "Performance budgets"); the tests provide the parts
// directly.
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import { StateMessage } from './state-message';
import type { ComponentType } from 'preact';
import type { HandoffSummary } from './handoff-summary';
import type { ReassignDialog } from './reassign-dialog';
import type { TicketDetails } from './ticket-details';

export interface TicketParts {
  TicketDetails: typeof TicketDetails;
  ReassignDialog: typeof ReassignDialog;
  HandoffSummary: typeof HandoffSummary;
}

let provided: TicketParts | null = null;
let loader: (() => Promise<unknown>) | null = null;
let loading: Promise<TicketParts> | null = null;

export function provideTicketParts(parts: TicketParts | null): void {
  provided = parts;
}

/** How to fetch the script that calls provideTicketParts. */
export function setTicketViewLoader(load: () => Promise<unknown>): void {
  loader = load;
}

/** Resolves once the parts are there; a failed load is forgotten, so the next call tries again. */
export function loadTicketParts(): Promise<TicketParts> {
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

let detailsHeldUntil: Promise<unknown> | null = null;

/**
 * What lies below the first screen is drawn once `until` resolves: on a page load, the content
 * script holds it until the first screen has been painted (mount-sidebar.tsx). Drawn in the same
 * render, a long thread's replies and timeline (and the date formats they make) add their time to
 * that screen's frame.
 */
export function holdTicketDetails(until: Promise<unknown>): void {
  detailsHeldUntil = until;
  void until.finally(() => {
    if (detailsHeldUntil === until) detailsHeldUntil = null;
  });
}

export function LazyTicketDetails(props: Parameters<typeof TicketDetails>[0]) {
  const [held, setHeld] = useState(detailsHeldUntil);
  useEffect(() => {
    if (!held) return;
    let active = true;
    void held.finally(() => active && setHeld(null));
    return () => {
      active = false;
    };
  }, [held]);
  // Nothing rather than a loading line: it is a frame or two.
  if (held) return null;
  return <LazyPart part="TicketDetails" props={props} />;
}

export function LazyReassignDialog(props: Parameters<typeof ReassignDialog>[0]) {
  return <LazyPart part="ReassignDialog" props={props} />;
}

// The summary of a thread whose ticket was handed to someone else: shown rarely.
export function LazyHandoffSummary(props: Parameters<typeof HandoffSummary>[0]) {
  return <LazyPart part="HandoffSummary" props={props} />;
}

/** A part of the ticket view's script, or loading (then error with retry) while it is on its way. */
function LazyPart<P extends object>({ part, props }: { part: keyof TicketParts; props: P }) {
  const t = useT();
  const [view, setView] = useState<{ component: ComponentType<P> } | null>(() =>
    provided ? { component: provided[part] as unknown as ComponentType<P> } : null,
  );
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (view) return;
    let active = true;
    loadTicketParts().then(
      (parts) => active && setView({ component: parts[part] as unknown as ComponentType<P> }),
      (failure: unknown) => active && setError(failure),
    );
    return () => {
      active = false;
    };
  }, [view, attempt]);

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
