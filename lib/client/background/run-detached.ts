// Tasks nobody awaits (a pull after a poke, a heartbeat, a badge refresh) must never end in an
// unhandled rejection: in an MV3 service worker that is an error with no owner and no trace of
// what was being done. One helper runs them and logs a failure with what the task was.

/** Runs `task` without waiting for it; a throw or a rejection is logged under `label`. */
export function runDetached(label: string, task: () => unknown): void {
  const report = (error: unknown) => console.error(`[sidedesk] ${label} failed:`, error);
  try {
    Promise.resolve(task()).catch(report);
  } catch (error) {
    report(error);
  }
}

/**
 * A value made once, on first use, and made again on the next use if making it failed (a database
 * that could not open this time is tried again, rather than failing until the worker restarts).
 */
export function retryingLazy<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= make().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}
