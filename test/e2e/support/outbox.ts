// What the extension has not sent yet, read where it keeps it (lib/client/background/db.ts).
import type { ExtensionBrowser } from './browser';

/** How many changes the extension's outbox holds (its IndexedDB store, read in the service worker). */
export function queuedChanges(browser: ExtensionBrowser): Promise<number> {
  return browser.serviceWorker.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('sidedesk');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const count = open.result.transaction('outbox').objectStore('outbox').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(new Error(String(count.error)));
        };
      }),
  );
}

/**
 * Waits until the outbox has stayed empty for a second (two minutes at most): what the extension
 * queued (a new ticket's thread history, one request per reply) has been sent. Code as a string:
 * the benches run through tsx, whose helpers do not exist in the worker.
 */
export async function waitForEmptyOutbox(browser: ExtensionBrowser): Promise<void> {
  await browser.serviceWorker.evaluate(`(async () => {
    const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const deadline = Date.now() + 120000;
    let emptySince = 0;
    while (Date.now() < deadline) {
      const db = await request(indexedDB.open('sidedesk'));
      const count = await request(db.transaction('outbox').objectStore('outbox').count());
      db.close();
      if (count > 0) emptySince = 0;
      else if (!emptySince) emptySince = Date.now();
      else if (Date.now() - emptySince >= 1000) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the outbox did not empty within 2 minutes');
  })()`);
}
