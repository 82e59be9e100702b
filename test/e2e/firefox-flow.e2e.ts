// The Firefox build in Firefox ESR: sign in on the options page, make the Gmail thread a ticket,
// reassign it, and record the operator's reply with its Message-ID read from Gmail's raw source,
// which the content script fetches on mail.google.com with the page's cookies.
import { randomBytes } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Reply, Ticket } from '../../lib/protocol/entities';
import { getJson, signInApi } from './support/api';
import { snapshotHtml } from './support/browser';
import { launchFirefoxWithExtension, signInThroughOptions, testId, type FirefoxExtensionBrowser } from './support/firefox';

const MAILBOX = 'support@example.com';
// Gmail's session cookie is HttpOnly: only the browser can attach it, never the script itself.
const SESSION_COOKIE = { name: 'SID', value: `firefox-e2e-${randomBytes(4).toString('hex')}` };
// test/fixtures/webmail/gmail/raw/2026-11-sent-reply.eml, served for the reply's "show original".
const REPLY_MESSAGE_ID = 'CAKs7Lq9mW3tR6hN2xPzB8vYd4Fc1Jg5Kh7Ur@mail.gmail.com';

interface OwnThread {
  /** The thread's legacy id, which is its first message's: 16 hex digits. */
  legacyId: string;
  /** The view id in the URL, which keys the thread too (lib/client/content/url-key-pairing.ts). */
  urlId: string;
}

function newThread(): OwnThread {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return {
    legacyId: `18c2${randomBytes(6).toString('hex')}`,
    urlId: `FMfcgz${[...randomBytes(26)].map((byte) => letters[byte % letters.length]).join('')}`,
  };
}

/**
 * The thread snapshot under ids of its own: the Chromium specs make tickets of the same snapshot on
 * the same server, and this ticket, handed to Anna, must not show in their sidebars (nor theirs
 * here). Gmail's thread id is its first message's id, legacy hex and decimal alike.
 */
function ownThread(file: string, thread: OwnThread): string {
  const legacy = '18c2f0e3a1b2c3d4';
  return snapshotHtml('gmail', file)
    .replaceAll(legacy, thread.legacyId)
    .replaceAll(BigInt(`0x${legacy}`).toString(), BigInt(`0x${thread.legacyId}`).toString())
    .replaceAll('FMfcgzQXJGxyzKqWmRtVbNcLpDsHfGjk', thread.urlId);
}

/**
 * The reply arrives in the open thread without a page load: Gmail's set of views (the children of
 * div.aeF > div.nH) swapped for the snapshot's, as support/webmail-navigation.ts does for Playwright.
 */
async function showInPage(page: Page, html: string): Promise<void> {
  // Code as a string: helpers injected by the TypeScript loader do not exist inside the page.
  await page.evaluate(`(() => {
    const next = new DOMParser().parseFromString(${JSON.stringify(html)}, 'text/html');
    const incoming = next.querySelector('div.aeF > div.nH');
    const current = document.querySelector('div.aeF > div.nH');
    if (!incoming || !current) throw new Error('no Gmail views to swap');
    current.replaceWith(document.importNode(incoming, true));
    document.title = next.title;
  })()`);
}

/** Waits until the element's text matches (missing counts as empty). */
async function waitForText(page: Page, id: string, expected: RegExp, timeout = 15_000): Promise<void> {
  const text = () => page.$eval(testId(id), (element) => element.textContent ?? '').catch(() => '');
  await expect.poll(text, { timeout, interval: 100 }).toMatch(expected);
}

describe('Firefox', () => {
  const { serverUrl } = inject('e2e');
  let firefox: FirefoxExtensionBrowser;

  beforeAll(async () => {
    firefox = await launchFirefoxWithExtension();
    await signInThroughOptions(firefox, serverUrl, 'supervisor@demo.test');
    await firefox.browser.setCookie({ ...SESSION_COOKIE, domain: 'mail.google.com', path: '/', secure: true, httpOnly: true });
  });

  afterAll(async () => {
    await firefox?.close();
  });

  it('should create and reassign a Gmail ticket, and read the reply Message-ID with the page cookies', async () => {
    const thread = newThread();
    firefox.serveGmail(ownThread('2026-11-thread.html', thread));
    const page = await firefox.newPage();
    await page.goto(`https://mail.google.com/mail/u/0/#inbox/${thread.urlId}`);

    await page.locator(testId('create-submit')).click();
    await waitForText(page, 'ticket-number', /\d/);
    await waitForText(page, 'ticket-assignee', /^Sam Supervisor$/);

    // Opened again if the sidebar re-rendered the ticket (and closed the dialog) in between.
    const dialogOpen = async () => {
      if (!(await page.$(testId('reassign-dialog')))) await (await page.$(testId('ticket-reassign')))?.click();
      return Boolean(await page.$(testId('colleague-anna@demo.test')));
    };
    await expect.poll(dialogOpen, { timeout: 15_000, interval: 500 }).toBe(true);
    await page.locator(testId('colleague-anna@demo.test')).click();
    await page.locator(testId('reassign-reason')).fill('expertise');
    await page.locator(testId('reassign-submit')).click();
    // While Anna is offline (no other spec has her signed in) the sidebar asks before handing over.
    const handedOver = async () => {
      await (await page.$(`${testId('reassign-confirm-offline')} button`))?.click();
      return page.$eval(testId('ticket-assignee'), (element) => element.textContent ?? '').catch(() => '');
    };
    await expect.poll(handedOver, { timeout: 15_000, interval: 200 }).toBe('Anna Ivanova');

    // The operator's reply appears in the thread; once Gmail's undo window has passed the content
    // script reads its source to record it with its Message-ID.
    // The thread's earlier reply (Nov 17) was recorded when it became a ticket; the new one is the second.
    await expect.poll(() => page.$$eval(testId('reply-status'), (elements) => elements.length), { timeout: 15_000 }).toBe(1);
    await showInPage(page, ownThread('2026-11-sent.html', thread));
    await expect.poll(() => page.$$eval(testId('reply-status'), (elements) => elements.length), { timeout: 30_000 }).toBe(2);

    const token = await signInApi(serverUrl, 'supervisor@demo.test');
    const { ticket } = await getJson<{ ticket: Ticket }>(
      serverUrl,
      token,
      `/tickets/by-key/${encodeURIComponent(`gmail:${MAILBOX}:${thread.legacyId}`)}`,
    );
    expect(ticket.reassignmentCount).toBe(1);
    const messageIds = async () =>
      (await getJson<{ replies: Reply[] }>(serverUrl, token, `/tickets/${ticket.id}/replies`)).replies.map(
        (reply) => reply.messageId?.replace(/^<|>$/g, '') ?? null,
      );
    await expect.poll(messageIds, { timeout: 15_000 }).toContain(REPLY_MESSAGE_ID);
    expect(await messageIds()).toHaveLength(2);

    const sourceRequests = firefox.rawSourceRequests.filter((request) => request.url.includes('th=18c4b2d7e8f90a1b'));
    expect(sourceRequests.length).toBeGreaterThan(0);
    for (const request of sourceRequests) expect(request.cookie).toContain(`${SESSION_COOKIE.name}=${SESSION_COOKIE.value}`);
  });
});
