// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { threadViewReadResultSchema, type ThreadView, type ThreadViewReadResult } from '../../protocol/thread-view';
import type { SelectorDef } from '../query';
import { loadSnapshot } from '../snapshots.testing';
import { describeReadFailure } from '../thread-view';
import { parseAddressList, parseSenderLine, readOutlookThread } from './read-thread';
import { outlookSelectors as S } from './selectors';
import { loadOutlookSnapshot } from './snapshots.testing';

/** The ISO time of a wall-clock time in the test machine's zone: the pages show local times. */
const local = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi).toISOString();

function readSnapshot(name: Parameters<typeof loadSnapshot>[1], url?: string): ThreadViewReadResult {
  const snapshot = loadSnapshot('outlook', name);
  return readOutlookThread(snapshot.doc, url ?? snapshot.url);
}

function viewOf(result: ThreadViewReadResult): ThreadView {
  if (!result.ok) throw new Error(`expected a view, got ${JSON.stringify(result)}`);
  return result.view;
}

function removeAnchor(doc: Document, def: SelectorDef): void {
  for (const { css } of def.candidates) doc.querySelectorAll(css).forEach((el) => el.remove());
}

const CONV = 'AAQkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCgAQAIGc8B5Tm0hFkU3rBnq0Xx4=';
const item = (tail: string) => `AAMkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCgBGAAAD${tail}`;
const oskar = { email: 'oskar.lind@example.org', name: 'Oskar Lind' };
const helpdesk = { email: 'helpdesk@example.com', name: 'Northwind Helpdesk' };

describe('readOutlookThread', () => {
  afterEach(() => vi.restoreAllMocks());

  it('should read the 3-message customer conversation', () => {
    expect(viewOf(readSnapshot('2026-11-thread'))).toEqual({
      provider: 'outlook',
      mailbox: 'helpdesk@example.com',
      // The conversation's key first; the messages' item keys beside it for deep links to one of them.
      threadKeys: [CONV, item('m0x1AAA='), item('m0x2AAA='), item('m0x3AAA=')].map((id) => `outlook:helpdesk@example.com:${id}`),
      subject: 'Refund for order 5120',
      customer: oskar,
      participants: [oskar, helpdesk],
      messages: [
        {
          id: item('m0x1AAA='),
          direction: 'inbound',
          senderEmail: oskar.email,
          senderName: oskar.name,
          sentAt: local(2026, 11, 17, 9, 14),
          isBounce: false,
          isScheduled: false,
        },
        {
          id: item('m0x2AAA='),
          direction: 'outbound',
          senderEmail: helpdesk.email,
          senderName: helpdesk.name,
          sentAt: local(2026, 11, 17, 11, 2),
          isBounce: false,
          isScheduled: false,
        },
        {
          id: item('m0x3AAA='),
          direction: 'inbound',
          senderEmail: oskar.email,
          senderName: oskar.name,
          sentAt: local(2026, 11, 18, 8, 47),
          isBounce: false,
          isScheduled: false,
        },
      ],
    });
  });

  it('should return a result the protocol schema accepts', () => {
    expect(threadViewReadResultSchema.safeParse(readSnapshot('2026-11-thread')).success).toBe(true);
  });

  it('should read the conversation with the reading pane at the bottom', () => {
    const view = viewOf(readSnapshot('2026-11-preview'));
    expect(view.customer).toEqual({ email: 'priya.n@example.org', name: 'Priya Natarajan' });
    expect(view.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound']);
    expect(view.threadKeys[0]).toMatch(/^outlook:helpdesk@example\.com:AAQk/);
  });

  it('should read all 100 messages of the long conversation', () => {
    const view = viewOf(readSnapshot('2026-11-long-thread'));
    expect(view.messages).toHaveLength(100);
    expect(new Set(view.messages.map((m) => m.id)).size).toBe(100);
    expect(view.messages.filter((m) => m.direction === 'outbound')).toHaveLength(50);
    expect(view.messages[0]?.sentAt).toBe(local(2026, 10, 5, 9, 0));
    expect(view.messages[99]?.sentAt).toBe(local(2026, 11, 3, 6, 0));
  });

  it('should read every message of the 100-message conversation', () => {
    // How fast is `npm run bench`'s question (sidebar open on this thread, real Chromium).
    const { doc, url } = loadSnapshot('outlook', '2026-11-long-thread');
    const read = readOutlookThread(doc, url);
    expect(read.ok ? read.view.messages.length : read).toBe(100);
  });

  it('should say the inbox with nothing selected is not a thread', () => {
    expect(readSnapshot('2026-11-inbox')).toEqual({ ok: false, reason: 'not-a-thread' });
  });

  it('should name the missing selector, and nothing of the mail, when the view cannot be read', () => {
    const log = vi.spyOn(console, 'log');
    const warn = vi.spyOn(console, 'warn');
    const result = readSnapshot('2026-11-unreadable');
    expect(result).toEqual({ ok: false, reason: 'cannot-read', missingSelector: 'readingPane' });
    const logLine = describeReadFailure('outlook', result) ?? '';
    expect(logLine).toBe('[sidedesk] outlook: cannot read this view: selector "readingPane" not found');
    const emitted = JSON.stringify(result) + logLine;
    for (const content of ['5120', 'Refund', 'Oskar', 'Lind', 'example.org', 'helpdesk@example.com', 'AAQk']) {
      expect(emitted).not.toContain(content);
    }
    expect(log).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it('should mark the scheduled reply, with no sent time and its due time', () => {
    const view = viewOf(readSnapshot('2026-11-scheduled'));
    expect(view.messages.map((m) => [m.direction, m.isScheduled])).toEqual([
      ['inbound', false],
      ['outbound', true],
    ]);
    expect(view.messages[1]).toMatchObject({ sentAt: null, scheduledFor: local(2026, 11, 24, 8, 0) });
  });

  it('should mark the postmaster report as a bounce and not take it for the customer', () => {
    const view = viewOf(readSnapshot('2026-11-bounce'));
    expect(view.messages.map((m) => m.isBounce)).toEqual([false, false, true]);
    expect(view.messages[2]).toMatchObject({ senderEmail: 'postmaster@example.com', senderName: 'Microsoft Outlook' });
    expect(view.customer).toEqual({ email: 'marek.nowak@example.org', name: 'Marek Nowak' });
  });

  it('should fall back to the From: label when the MSG_ ids are gone, with view-local ids', () => {
    const { doc, url } = loadSnapshot('outlook', '2026-11-thread');
    doc.querySelectorAll(S.messageFrom.candidates[0].css).forEach((el) => el.removeAttribute('id'));
    const view = viewOf(readOutlookThread(doc, url));
    expect(view.messages.map((m) => [m.id, m.senderEmail])).toEqual([
      ['msg-0', oskar.email],
      ['msg-1', helpdesk.email],
      ['msg-2', oskar.email],
    ]);
  });

  it.each([
    ['readingPane', [S.readingPane]],
    ['threadSubject', [S.threadSubject]],
    ['messageFrom', [S.messageFrom, S.messageSenderLabel]],
    ['mailboxRoot', [S.mailboxRoot, S.accountEmail]],
  ] as const)('should report %s when it is missing', (name, anchors) => {
    const { doc, url } = loadSnapshot('outlook', '2026-11-thread');
    for (const def of anchors) removeAnchor(doc, def);
    expect(readOutlookThread(doc, url)).toEqual({ ok: false, reason: 'cannot-read', missingSelector: name });
  });

  it('should report selectedConversation when neither a list row nor the URL names the conversation', () => {
    const { doc } = loadSnapshot('outlook', '2026-11-thread');
    removeAnchor(doc, S.selectedConversation);
    expect(readOutlookThread(doc, 'https://outlook.office.com/mail/inbox')).toEqual({
      ok: false,
      reason: 'cannot-read',
      missingSelector: 'selectedConversation',
    });
  });

  it('should report message when the pane is there but holds no message at a message URL', () => {
    const { doc, url } = loadSnapshot('outlook', '2026-11-thread');
    removeAnchor(doc, S.message);
    expect(readOutlookThread(doc, url)).toEqual({ ok: false, reason: 'cannot-read', missingSelector: 'message' });
  });
});

describe('parseAddressList', () => {
  it('should read names and addresses from a header line', () => {
    expect(parseAddressList('To: Anna Berg <Anna.Berg@example.org>; "Sam K" <sam@example.com>, ops@example.net')).toEqual([
      { email: 'anna.berg@example.org', name: 'Anna Berg' },
      { email: 'sam@example.com', name: 'Sam K' },
      { email: 'ops@example.net' },
    ]);
  });
});

const DE_CONV = 'AAQkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCgAQAJ+4rT/2kLmNq8Vx3ZcW1eA=';
const RU_CONV = 'AAQkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCgAQAKz/9Pq+7mRtLs2Wx4YvN0c=';
const deItem = (n: number) => `AAMkADAwATM3ZmYAZS1kNjQ0LTBhZjItMDACLTAwCgBGAAADd+${n}x/AA=`;
const greta = { email: 'greta.hoffmann@example.org', name: 'Greta Hoffmann' };

function readOutlook(name: Parameters<typeof loadOutlookSnapshot>[0], url?: string): ThreadView {
  const snapshot = loadOutlookSnapshot(name);
  return viewOf(readOutlookThread(snapshot.doc, url ?? snapshot.url));
}

describe('readOutlookThread on other hosts and languages', () => {
  it('should read the German conversation on outlook.cloud.microsoft, the own name-only reply as outbound', () => {
    expect(readOutlook('2026-12-cloud-de')).toEqual({
      provider: 'outlook',
      mailbox: 'kundendienst@example.com',
      threadKeys: [DE_CONV, deItem(1), deItem(2), deItem(3)].map((id) => `outlook:kundendienst@example.com:${id}`),
      subject: 'Rückerstattung für Bestellung 7342',
      customer: greta,
      participants: [greta, { email: 'kundendienst@example.com', name: 'Nordwind Kundendienst' }],
      messages: [
        {
          id: deItem(1),
          direction: 'inbound',
          senderEmail: greta.email,
          senderName: greta.name,
          sentAt: local(2026, 11, 17, 9, 14),
          isBounce: false,
          isScheduled: false,
        },
        {
          id: deItem(2),
          direction: 'outbound',
          senderEmail: 'kundendienst@example.com',
          senderName: 'Nordwind Kundendienst',
          sentAt: local(2026, 11, 17, 11, 2),
          isBounce: false,
          isScheduled: false,
        },
        {
          id: deItem(3),
          direction: 'inbound',
          senderEmail: greta.email,
          senderName: greta.name,
          sentAt: local(2026, 11, 18, 8, 47),
          isBounce: false,
          isScheduled: false,
        },
      ],
    });
  });

  it('should give the conversation the same key with the reading pane off (no row, REST id in the URL)', () => {
    const inPane = readOutlook('2026-12-cloud-de');
    const paneOff = readOutlook('2026-12-reading-pane-off');
    expect(paneOff.threadKeys).toEqual(inPane.threadKeys);
    expect(paneOff.messages).toEqual(inPane.messages);
    expect(paneOff.customer).toEqual(greta);
  });

  it.each([
    ['percent-encoded EWS id', `https://outlook.cloud.microsoft/mail/inbox/id/${encodeURIComponent(DE_CONV)}`],
    [
      'lower-case escapes',
      `https://outlook.cloud.microsoft/mail/inbox/id/${encodeURIComponent(DE_CONV).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}`,
    ],
    [
      'REST alphabet, no padding',
      `https://outlook.office.com/mail/0/inbox/id/${DE_CONV.replace(/\//g, '-').replace(/\+/g, '_').replace(/=+$/, '')}`,
    ],
  ])('should key the conversation the same when the URL holds the %s and no row is selected', (_, url) => {
    const { doc } = loadOutlookSnapshot('2026-12-cloud-de');
    removeAnchor(doc, S.selectedConversation);
    expect(viewOf(readOutlookThread(doc, url)).threadKeys[0]).toBe(`outlook:kundendienst@example.com:${DE_CONV}`);
  });

  it('should share a key with the list view when a deep link names one message', () => {
    const { doc } = loadOutlookSnapshot('2026-12-reading-pane-off');
    const rest = deItem(3).replace(/\//g, '-').replace(/\+/g, '_');
    const deepLink = viewOf(
      readOutlookThread(doc, `https://outlook.cloud.microsoft/mail/deeplink/read/${encodeURIComponent(rest)}?popoutv2=1`),
    );
    expect(deepLink.threadKeys[0]).toBe(`outlook:kundendienst@example.com:${deItem(3)}`);
    expect(readOutlook('2026-12-cloud-de').threadKeys).toContain(deepLink.threadKeys[0]);
  });

  it('should read the Russian conversation: own and colleague name-only senders kept, an unknown name left out', () => {
    const view = readOutlook('2026-12-cloud-ru');
    expect(view.mailbox).toBe('podderzhka@example.com');
    expect(view.threadKeys[0]).toBe(`outlook:podderzhka@example.com:${RU_CONV}`);
    expect(view.subject).toBe('Возврат за заказ 8812');
    expect(view.customer).toEqual({ email: 'ivan.sokolov@example.org', name: 'Иван Соколов' });
    // 5 cards: Пётр Волков is shown by name only and named nowhere with an address.
    expect(view.messages.map((m) => [m.direction, m.senderEmail, m.senderName])).toEqual([
      ['inbound', 'ivan.sokolov@example.org', 'Иван Соколов'],
      // A colleague's name, matched to the address the next message's Cc gives it.
      ['inbound', 'anna.smirnova@example.com', 'Анна Смирнова'],
      ['inbound', 'ivan.sokolov@example.org', 'Иван Соколов'],
      ['outbound', 'podderzhka@example.com', 'Служба поддержки Нордвинд'],
    ]);
    expect(view.messages.map((m) => m.sentAt)).toEqual([
      local(2026, 11, 17, 9, 14),
      local(2026, 11, 17, 10, 20),
      local(2026, 11, 18, 8, 47),
      local(2026, 11, 18, 10, 5),
    ]);
  });

  it('should tell the own name-only reply by the account menu name when the title has none', () => {
    const { doc, url } = loadOutlookSnapshot('2026-12-cloud-de');
    doc.title = 'Outlook';
    // No own name anywhere: the name-only reply cannot be told from a colleague's and is left out.
    expect(viewOf(readOutlookThread(doc, url)).messages.map((m) => m.senderEmail)).toEqual([greta.email, greta.email]);
    const menuName = doc.createElement('div');
    menuName.id = 'mectrl_currentAccount_primary';
    menuName.textContent = 'Nordwind Kundendienst';
    doc.body.append(menuName);
    expect(viewOf(readOutlookThread(doc, url)).messages.map((m) => m.direction)).toEqual(['inbound', 'outbound', 'inbound']);
  });
});

describe('parseSenderLine', () => {
  it.each([
    ['From: Oskar Lind <Oskar.Lind@example.org>', 'oskar.lind@example.org', 'Oskar Lind'],
    ['Von: sender@example.com', 'sender@example.com', undefined],
    ['От: Иван Соколов <ivan.sokolov@example.org>', 'ivan.sokolov@example.org', 'Иван Соколов'],
    ['De : Jeanne Martin <jeanne.martin@example.org>', 'jeanne.martin@example.org', 'Jeanne Martin'],
    ['差出人：山田 花子 <hanako@example.jp>', 'hanako@example.jp', '山田 花子'],
    ['Von: Nordwind Kundendienst', undefined, 'Nordwind Kundendienst'],
    ['Anna Berg', undefined, 'Anna Berg'],
  ])('should read %j', (text, email, name) => {
    expect(parseSenderLine(text)).toEqual({ email, name });
  });
});
