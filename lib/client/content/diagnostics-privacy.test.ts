// Adapter diagnostics must not leak mail (docs/design.md "Decided 2026-12"): a page with distinctive words
// in its text, attributes, ids and classes goes through the whole path — the content script's
// outline, the background's stored report, the copied page report and the request to the server —
// and none of the words may come out anywhere.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { gmailAdapter } from '../../webmail/gmail/adapter';
import { defaultWorkspaceSettings } from '../../protocol/entities';
import { handleMessage } from '../background/handle-message';
import type { BackgroundContext } from '../background/context';
import { QUEUE_KEY, REPORTS_KEY } from '../background/diagnostics-handlers';
import { openSidedeskDb } from '../background/db';
import type { RequestInput } from '../shared/messages';
import { saveSession } from '../background/session';
import { SyncEngine } from '../background/sync-engine';
import { makeUser } from '../testing/factories';
import { gmailCaptureReaders } from './gmail-capture-readers';
import { outlinePageRegion } from './page-outline';
import { createReadFailureReporter } from './report-failure';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/diagnostics/gmail-secrets.html');
const SECRETS = [
  'Marmalade',
  'Quokka',
  'Zebrafinch',
  'zebrafinch',
  '4471977',
  '7719',
  'example.net',
  'mailto',
  'Kind regards',
  'thread-f',
  '18b4c0ffee',
];

function secretsIn(text: string): string[] {
  return SECRETS.filter((secret) => text.toLowerCase().includes(secret.toLowerCase()));
}

function loadPage(): { doc: Document; url: string } {
  const html = readFileSync(FIXTURE, 'utf8');
  const url = /Page URL: (\S+)/.exec(html)![1]!;
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
  return { doc: document, url };
}

interface SentRequest {
  path: string;
  body: string;
  idempotencyKey: string | null;
}

async function backgroundContext(sent: SentRequest[], answer: () => Response): Promise<BackgroundContext> {
  const db = await openSidedeskDb(`diagnostics-${crypto.randomUUID()}`);
  const owner = makeUser({ id: 'u-anna', role: 'operator' });
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.pathname.endsWith('/diagnostics/adapter')) {
      sent.push({
        path: url.pathname,
        body: typeof init?.body === 'string' ? init.body : '',
        idempotencyKey: new Headers(init?.headers).get('Idempotency-Key'),
      });
      return answer();
    }
    return new Response(JSON.stringify({ error: { code: 'not_found', message: 'not faked' } }), { status: 404 });
  };
  await saveSession(
    db,
    { serverUrl: 'http://sync.test', token: 't', userId: owner.id },
    {
      user: owner,
      workspace: { id: 'w', name: 'W', settings: defaultWorkspaceSettings },
    },
  );
  const engine = new SyncEngine({ db, fetch: fetchImpl, onChange: () => {}, live: false });
  await engine.start();
  let keys = 0;
  return { db, engine, fetch: fetchImpl, now: () => new Date('2026-12-05T10:00:00.000Z'), newKey: () => `diag-key-${++keys}` };
}

const ok = () => new Response(JSON.stringify({ recorded: 1 }), { status: 200, headers: { 'content-type': 'application/json' } });

const VERSION = '0.3.1';

beforeEach(() => {
  fakeBrowser.reset();
  // The fake browser has no manifest: the version the build would stamp.
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'Sidedesk', version: VERSION });
});

describe('adapter diagnostics privacy', () => {
  it('should plant every secret in the fixture where the outline could pick it up', () => {
    // Guards the test itself: a fixture without the words would prove nothing.
    const { doc } = loadPage();
    expect(secretsIn(doc.documentElement.outerHTML)).toEqual(SECRETS);
  });

  it('should outline the region by structure only: tags, roles, ids, classes, data-* names', () => {
    const { doc } = loadPage();
    const region = gmailCaptureReaders().diagnosticRegion!(doc)!;
    const outline = outlinePageRegion(region);

    expect(secretsIn(outline)).toEqual([]);
    expect(outline).toBe(
      [
        'div.nH role=main data-view-token',
        '  div.g.id',
        '    div.a98.iY',
        '      h2.hQzRenamed data-thread-perm-id',
        '      div.adnRenamed data-message-id data-legacy-message-id',
        '        span.gD data-hovercard-id',
        '        img.ajn',
        '        a.reply',
        '        div.a3s.aiL',
        '          div',
        '            p',
        '            p',
        '            div',
        '            input.quote-field',
      ].join('\n'),
    );
  });

  it('should keep no mail content in the stored report, the copied report or the request to the server', async () => {
    const { doc, url } = loadPage();
    const read = gmailAdapter.readThread(doc, url);
    expect(read.ok).toBe(false);
    const sent: SentRequest[] = [];
    const context = await backgroundContext(sent, ok);
    const toBackground = (message: RequestInput) => handleMessage(context, message).then(() => null);
    const report = createReadFailureReporter('gmail', () => gmailCaptureReaders().diagnosticRegion!(doc) ?? doc.body, toBackground);

    report({ read, url });
    await expect.poll(() => sent.length).toBe(1);

    const stored = JSON.stringify(await browser.storage.local.get([REPORTS_KEY, QUEUE_KEY]));
    expect(stored).toContain('data-legacy-message-id');
    expect(secretsIn(stored)).toEqual([]);
    const copied = await handleMessage(context, { type: 'diagnostics.pageReport', provider: 'gmail' });
    expect(copied).toMatchObject({ ok: true, data: { text: expect.stringContaining('Failed selector: ') } });
    expect(secretsIn(JSON.stringify(copied))).toEqual([]);
    expect(secretsIn(sent[0]!.body)).toEqual([]);
    // Only the counts: nothing else has a field to travel in.
    const selector = !read.ok ? read.missingSelector : '';
    expect(JSON.parse(sent[0]!.body)).toEqual({
      counts: [{ provider: 'gmail', selector, version: VERSION, day: '2026-12-05', count: 1 }],
    });
  });
});

describe('adapter failure reports', () => {
  const failure = { ok: false, reason: 'cannot-read', missingSelector: 'threadSubject' } as const;
  const region = () => document.body;

  it('should count one unreadable thread once, however often it is re-read', async () => {
    const sent: RequestInput[] = [];
    const report = createReadFailureReporter('gmail', region, (message) => (sent.push(message), Promise.resolve(null)));
    report({ read: failure, url: 'https://mail.google.com/mail/u/0/#inbox/AAAAAAAAAAAAAAAAAAAA' });
    report({ read: failure, url: 'https://mail.google.com/mail/u/0/#inbox/AAAAAAAAAAAAAAAAAAAA' });
    report({ read: failure, url: 'https://mail.google.com/mail/u/0/#inbox/BBBBBBBBBBBBBBBBBBBB' });
    report({ read: { ok: false, reason: 'not-a-thread' }, url: 'https://mail.google.com/mail/u/0/#inbox' });
    expect(sent.map((message) => message.type === 'diagnostics.record' && message.selector)).toEqual(['threadSubject', 'threadSubject']);
  });

  it('should keep only the last 20 reports', async () => {
    const context = await backgroundContext([], ok);
    for (let n = 0; n < 25; n++) {
      await handleMessage(context, { type: 'diagnostics.record', provider: 'outlook', selector: `selector${n}`, outline: 'div' });
    }
    const reports = (await browser.storage.local.get(REPORTS_KEY))[REPORTS_KEY] as { selector: string }[];
    expect(reports).toHaveLength(20);
    expect(reports[0]!.selector).toBe('selector24');
  });

  it('should resend a batch the network lost with the same Idempotency-Key, then send the next with a new one', async () => {
    const sent: SentRequest[] = [];
    let fail = true;
    const context = await backgroundContext(sent, () => {
      if (fail) throw new TypeError('Failed to fetch');
      return ok();
    });
    await handleMessage(context, { type: 'diagnostics.record', provider: 'gmail', selector: 'threadSubject', outline: 'div' });
    await expect.poll(() => sent.length).toBe(1);
    fail = false;
    await handleMessage(context, { type: 'diagnostics.record', provider: 'gmail', selector: 'message', outline: 'div' });
    await expect.poll(() => sent.length).toBe(3);

    expect(sent.map((request) => request.idempotencyKey)).toEqual(['diag-key-1', 'diag-key-1', 'diag-key-2']);
    expect(JSON.parse(sent[1]!.body).counts.map((c: { selector: string }) => c.selector)).toEqual(['threadSubject']);
    expect(JSON.parse(sent[2]!.body).counts.map((c: { selector: string }) => c.selector)).toEqual(['message']);
  });
});
