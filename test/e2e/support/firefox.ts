// Firefox ESR with the built Firefox add-on installed as a temporary add-on over WebDriver BiDi
// (puppeteer-core), Gmail snapshots served at their real URL, and nothing else leaving the machine:
// the same rules as browser.ts for Chromium.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { gmailRawSourceFor } from './browser';
import { buildExtensionIfNeeded } from './build-extension';
import { FIREFOX_EXTENSION_DIR, FIREFOX_PATH } from './paths';

// The add-on's internal UUID names its moz-extension:// origin and is random per install unless the
// profile fixes it in advance (the pref Firefox itself keeps the id → UUID map in).
const ADDON_UUID = '5d0e8b1c-2f4a-4c6e-9a7b-3e1f0d2c4b6a';

export interface GmailRequest {
  url: string;
  /** The Cookie header the browser sent, '' when none. */
  cookie: string;
}

export interface FirefoxExtensionBrowser {
  browser: Browser;
  addonId: string;
  /** Serves this HTML for every page request to mail.google.com from now on. */
  serveGmail(html: string): void;
  /** Every request for a message source ("show original": view=att or view=om), as sent. */
  rawSourceRequests: GmailRequest[];
  /** A tab whose requests go through the rules above. */
  newPage(): Promise<Page>;
  /** An extension page (options.html, popup.html) in a new tab, once its document has loaded. */
  openExtensionPage(file: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(): Promise<FirefoxExtensionBrowser> {
  if (!existsSync(FIREFOX_PATH))
    throw new Error(`E2E needs Firefox at ${FIREFOX_PATH} (apt-get install -y firefox-esr, or set FIREFOX_PATH).`);
  buildExtensionIfNeeded('firefox');
  const manifest = JSON.parse(readFileSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    browser_specific_settings: { gecko: { id: string } };
  };
  const addonId = manifest.browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // WebDriver BiDi refuses to navigate a tab to moz-extension:// without it (Firefox's
    // remote agent: "Navigation to … is not allowed in this context").
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: ADDON_UUID }),
    },
  });
  try {
    const installed = await browser.installExtension(FIREFOX_EXTENSION_DIR);
    if (installed !== addonId) throw new Error(`installed ${installed}, expected ${addonId}`);
  } catch (error) {
    await browser.close();
    throw error;
  }

  let gmailHtml: string | null = null;
  const rawSourceRequests: GmailRequest[] = [];
  const route = (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    if (url.startsWith('https://mail.google.com/')) {
      const view = new URL(url).searchParams.get('view');
      if (view === 'att' || view === 'om') rawSourceRequests.push({ url, cookie: request.headers()['cookie'] ?? '' });
      const raw = gmailRawSourceFor(url);
      if (raw) return void request.respond({ status: 200, contentType: 'message/rfc822', body: raw });
      if (view || !gmailHtml) return void request.abort();
      return void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: gmailHtml });
    }
    if (/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) return void request.continue();
    if (/^https?:/.test(url)) return void request.abort();
    return void request.continue();
  };

  const newPage = async () => {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', route);
    return page;
  };

  return {
    browser,
    addonId,
    serveGmail(html) {
      gmailHtml = html;
    },
    rawSourceRequests,
    newPage,
    async openExtensionPage(file) {
      const url = `moz-extension://${ADDON_UUID}/${file}`;
      const page = await browser.newPage();
      // The tab changes process for the extension's origin and BiDi never reports this navigation
      // as finished: wait for the document instead.
      // Polled by hand: evaluations fail while the document is being replaced.
      page.goto(url).catch(() => undefined);
      const loaded = () => page.evaluate(() => (document.readyState === 'complete' ? location.href : '')).catch(() => '');
      for (const deadline = Date.now() + 20_000; (await loaded()) !== url;) {
        if (Date.now() > deadline) throw new Error(`${url} did not load`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return page;
    },
    close: () => browser.close(),
  };
}

/** A selector for puppeteer that pierces open shadow roots (the sidebar lives in one). */
export const testId = (id: string) => `>>> [data-testid="${id}"]`;

/**
 * A control of an extension page, once it is enabled. Firefox ESR 140.12 applies the add-on's CSP
 * to what a WebDriver BiDi client evaluates in its pages: puppeteer's own "enabled" wait of a
 * locator (a waitForFunction, which builds a Function) fails there with "call to Function()
 * blocked by CSP" and the action times out. waitForSelector and evaluate still work, so the wait
 * is a poll of its own and the locator skips puppeteer's.
 */
async function extensionPageControl(page: Page, id: string) {
  const handle = await page.waitForSelector(testId(id));
  for (const deadline = Date.now() + 15_000; await handle!.evaluate((element) => (element as HTMLButtonElement).disabled === true);) {
    if (Date.now() > deadline) throw new Error(`${id} stayed disabled`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return page.locator(testId(id)).setWaitForEnabled(false);
}

/** Signs in through the options page, the way a user does. */
export async function signInThroughOptions(
  firefox: FirefoxExtensionBrowser,
  serverUrl: string,
  email: string,
  password = 'demo',
): Promise<void> {
  const page = await firefox.openExtensionPage('options.html');
  // The form, or the reason the page could not read the session: a reason beats a bare timeout.
  const form = await page.waitForSelector(`${testId('server-url')}, ${testId('state-error')}`);
  if ((await form!.evaluate((element) => element.getAttribute('data-testid'))) !== 'server-url')
    throw new Error(`the options page shows an error: ${await form!.evaluate((element) => element.textContent)}`);
  await (await extensionPageControl(page, 'server-url')).fill(serverUrl);
  await (await extensionPageControl(page, 'server-test')).click();
  // The test either passes or says why; the reason beats a bare timeout.
  const outcome = await page.waitForSelector(`${testId('server-test-ok')}, ${testId('state-error')}`);
  const testIdOf = await outcome!.evaluate((element) => element.getAttribute('data-testid'));
  if (testIdOf !== 'server-test-ok') throw new Error(`server test failed: ${await outcome!.evaluate((element) => element.textContent)}`);
  await (await extensionPageControl(page, 'sign-in-email')).fill(email);
  await (await extensionPageControl(page, 'sign-in-password')).fill(password);
  await (await extensionPageControl(page, 'sign-in-submit')).click();
  await page.waitForSelector(testId('signed-in-as'));
  await page.close();
}
