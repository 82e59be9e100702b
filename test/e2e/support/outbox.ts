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
