// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { threadViewReadResultSchema, type ThreadView, type ThreadViewReadResult } from '../../protocol/thread-view';
import type { SelectorDef } from '../query';
import { loadSnapshot } from '../snapshots.testing';
import { describeReadFailure } from '../thread-view';
import { readGmailThread } from './read-thread';
import { gmailSelectors as S } from './selectors';

/** The ISO time of a wall-clock time in the test machine's zone: the pages show local times. */
const local = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi).toISOString();

function readSnapshot(name: Parameters<typeof loadSnapshot>[1], url?: string): ThreadViewReadResult {
  const snapshot = loadSnapshot('gmail', name);
  return readGmailThread(snapshot.doc, url ?? snapshot.url);
}

function viewOf(result: ThreadViewReadResult): ThreadView {
  if (!result.ok) throw new Error(`expected a view, got ${JSON.stringify(result)}`);
  return result.view;
}

/** Removes every element any candidate of `def` matches: the anchor is gone from the page. */
function removeAnchor(doc: Document, def: SelectorDef): void {
  for (const { css } of def.candidates) doc.querySelectorAll(css).forEach((el) => el.remove());
}

function cancelControl(doc: Document): Element {
  const control = Array.from(doc.querySelectorAll(S.cancelSendControl.candidates[0].css)).find(
    (el) => el.textContent?.trim() === 'Cancel send',
  );
  if (!control) throw new Error('no "Cancel send" control in the snapshot');
  return control;
}

const anna = { email: 'anna.berg@example.org', name: 'Anna Berg' };
const support = { email: 'support@example.com', name: 'Northwind Support' };

describe('readGmailThread', () => {
  afterEach(() => vi.restoreAllMocks());

  it('should read the 3-message customer thread', () => {
    expect(viewOf(readSnapshot('2026-11-thread'))).toEqual({
      provider: 'gmail',
      mailbox: 'support@example.com',
      threadKeys: ['gmail:support@example.com:18c2f0e3a1b2c3d4'],
      subject: 'Order #4471 arrived damaged',
      customer: anna,
      participants: [anna, support],
      messages: [
        {
          id: '18c2f0e3a1b2c3d4',
          direction: 'inbound',
          senderEmail: anna.email,
          senderName: anna.name,
          sentAt: local(2026, 11, 17, 9, 14),
          isBounce: false,
          isScheduled: false,
        },
        {
          id: '18c2f6b07d4e5f60',
          direction: 'outbound',
          senderEmail: support.email,
          senderName: support.name,
          sentAt: local(2026, 11, 17, 11, 2),
          isBounce: false,
          isScheduled: false,
        },
        {
          id: '18c3415c2a9b8c7d',
          direction: 'inbound',
          senderEmail: anna.email,
          senderName: anna.name,
          sentAt: local(2026, 11, 18, 8, 47),
          isBounce: false,
          isScheduled: false,
        },
      ],
    });
  });

  it('should return a result that the protocol schema and a classic zod wrapper accept', () => {
    const result = readSnapshot('2026-11-thread');
    expect(threadViewReadResultSchema.safeParse(result).success).toBe(true);
    // Mini schemas are zod core schemas: the background's classic schemas can embed them.
    expect(z.object({ result: threadViewReadResultSchema }).safeParse({ result }).success).toBe(true);
  });

  it('should read the split-pane thread by its legacy id when the perm id is "undefined"', () => {
    const view = viewOf(readSnapshot('2026-11-preview'));
    expect(view.threadKeys).toEqual(['gmail:support@example.com:18c2b7e0f1a2b3c4']);
    expect(view.customer).toEqual({ email: 'ravi.menon@example.org', name: 'Ravi Menon' });
    expect(view.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound']);
  });

  it('should read a thread shown beside the list even when the URL names only the list', () => {
    const view = viewOf(readSnapshot('2026-11-preview', 'https://mail.google.com/mail/u/0/#inbox'));
    expect(view.subject).toBe('Cannot log in after password reset');
  });

  it('should read all 100 messages of the long thread', () => {
    const view = viewOf(readSnapshot('2026-11-long-thread'));
    expect(view.messages).toHaveLength(100);
    expect(new Set(view.messages.map((m) => m.id)).size).toBe(100);
    expect(view.messages.filter((m) => m.direction === 'outbound')).toHaveLength(50);
    expect(view.messages[0]?.sentAt).toBe(local(2026, 10, 5, 9, 0));
    // 99 × 7 hours after the first message.
    expect(view.messages[99]?.sentAt).toBe(local(2026, 11, 3, 6, 0));
    expect(view.customer).toEqual({ email: 'elena.petrova@example.org', name: 'Elena Petrova' });
  });

  it('should say the inbox list is not a thread', () => {
    expect(readSnapshot('2026-11-inbox')).toEqual({ ok: false, reason: 'not-a-thread' });
  });

  it('should name the missing selector, and nothing of the mail, when the view cannot be read', () => {
    const log = vi.spyOn(console, 'log');
    const warn = vi.spyOn(console, 'warn');
    const result = readSnapshot('2026-11-unreadable');
    expect(result).toEqual({ ok: false, reason: 'cannot-read', missingSelector: 'threadSubject' });
    const logLine = describeReadFailure('gmail', result);
    expect(logLine).toBe('[sidedesk] gmail: cannot read this view: selector "threadSubject" not found');
    const emitted = JSON.stringify(result) + logLine;
    for (const content of ['4471', 'damaged', 'Anna', 'Berg', 'example.org', 'support@example.com', 'teapot']) {
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

  it('should mark a reply scheduled by its "Cancel send" control alone, whatever the date', () => {
    const { doc, url } = loadSnapshot('gmail', '2026-11-scheduled');
    // Long after the due date: the control still says the message has not gone out.
    const view = viewOf(readGmailThread(doc, url, { now: new Date(2027, 5, 1) }));
    expect(view.messages[1]).toMatchObject({ isScheduled: true, sentAt: null, scheduledFor: local(2026, 11, 24, 8, 0) });
  });

  it('should mark a reply scheduled by a date still ahead in its header', () => {
    const { doc, url } = loadSnapshot('gmail', '2026-11-scheduled');
    cancelControl(doc).remove();
    expect(viewOf(readGmailThread(doc, url, { now: new Date(2026, 10, 23, 9, 0) })).messages[1]).toMatchObject({
      isScheduled: true,
      sentAt: null,
    });
    // Once that time has passed, the same header is a sent message.
    expect(viewOf(readGmailThread(doc, url, { now: new Date(2026, 10, 24, 9, 0) })).messages[1]).toMatchObject({
      isScheduled: false,
      sentAt: local(2026, 11, 24, 8, 0),
    });
  });

  it('should mark the last own message of a thread opened from the #scheduled view', () => {
    const { doc, url } = loadSnapshot('gmail', '2026-11-scheduled');
    cancelControl(doc).remove();
    const later = { now: new Date(2026, 10, 25, 9, 0) };
    const scheduledUrl = url.replace('#inbox/', '#scheduled/');
    expect(viewOf(readGmailThread(doc, scheduledUrl, later)).messages.map((m) => m.isScheduled)).toEqual([false, true]);
    expect(viewOf(readGmailThread(doc, url, later)).messages.map((m) => m.isScheduled)).toEqual([false, false]);
    // The customer's message is never the one waiting, even last in the #scheduled view.
    const thread = loadSnapshot('gmail', '2026-11-thread');
    const fromScheduled = readGmailThread(thread.doc, thread.url.replace('#inbox/', '#scheduled/'));
    expect(viewOf(fromScheduled).messages.map((m) => m.isScheduled)).toEqual([false, false, false]);
  });

  it('should mark the mailer-daemon notice as a bounce and not take it for the customer', () => {
    const view = viewOf(readSnapshot('2026-11-bounce'));
    expect(view.messages.map((m) => m.isBounce)).toEqual([false, false, true]);
    expect(view.messages[2]).toMatchObject({ senderEmail: 'mailer-daemon@googlemail.com', direction: 'inbound' });
    expect(view.customer).toEqual({ email: 'marta.k@example.org', name: 'Marta Kowalska' });
  });

  it('should fall back to the next subject candidate when h2.hP loses its class', () => {
    const { doc, url } = loadSnapshot('gmail', '2026-11-thread');
    doc.querySelector(S.threadSubject.candidates[0].css)?.removeAttribute('class');
    expect(viewOf(readGmailThread(doc, url)).subject).toBe('Order #4471 arrived damaged');
  });

  it('should derive the same thread key from the perm id when the legacy id is missing', () => {
    const { doc, url } = loadSnapshot('gmail', '2026-11-thread');
    doc.querySelector(S.legacyThreadId.candidates[0].css)?.removeAttribute('data-legacy-thread-id');
    expect(viewOf(readGmailThread(doc, url)).threadKeys).toEqual(['gmail:support@example.com:18c2f0e3a1b2c3d4']);
  });

  it('should treat mail from a send-as alias as outbound', () => {
    const { doc, url } = loadSnapshot('gmail', '2026-11-thread');
    doc.title = 'Order #4471 arrived damaged - dana@example.com - Gmail';
    const directions = (r: ThreadViewReadResult) => viewOf(r).messages.map((m) => m.direction);
    expect(directions(readGmailThread(doc, url))).toEqual(['inbound', 'inbound', 'inbound']);
    expect(directions(readGmailThread(doc, url, { ownAddresses: ['support@example.com'] }))).toEqual(['inbound', 'outbound', 'inbound']);
  });

  it('should take the mailbox from the account button when the title has none', () => {
    const { doc, url } = loadSnapshot('gmail', '2026-11-thread');
    doc.title = 'Gmail';
    expect(viewOf(readGmailThread(doc, url)).mailbox).toBe('support@example.com');
  });

  describe('with views side by side', () => {
    const mei = { email: 'mei.tanaka@example.org', name: 'Mei Tanaka' };
    const tomas = { email: 'tomas.lind@example.net', name: 'Tomas Lind' };
    /** Shows the view at `index` (list, earlier thread, current thread) and hides the others, as Gmail does. */
    function show(doc: Document, index: number): void {
      Array.from(doc.querySelectorAll(S.view.candidates[0].css)).forEach((view, i) =>
        view.setAttribute('style', i === index ? '' : 'display: none'),
      );
    }

    it('should read the shown thread, never the hidden list or the thread opened earlier', () => {
      const view = viewOf(readSnapshot('2026-12-multi-view'));
      expect(view).toMatchObject({
        threadKeys: ['gmail:support@example.com:18c4d2a6b7c8d9e0'],
        subject: 'Charger missing from lamp DL-3',
        customer: mei,
        participants: [mei, support],
      });
      const emitted = JSON.stringify(view);
      for (const stale of ['18c3c9f1e2d3a4b5', 'Rain jacket', 'tomas.lind', 'Tomas']) expect(emitted).not.toContain(stale);
    });

    it('should count collapsed (.kv) and hidden (.kQ) messages for sender, date and direction', () => {
      const { messages } = viewOf(readSnapshot('2026-12-multi-view'));
      expect(messages.map((m) => [m.id, m.direction, m.sentAt])).toEqual([
        ['18c4d2a6b7c8d9e0', 'inbound', local(2026, 11, 30, 8, 5)],
        ['18c4d3b8c9d0e1f2', 'outbound', local(2026, 11, 30, 10, 40)],
        ['18c4d4c0d1e2f304', 'inbound', local(2026, 12, 1, 7, 55)],
        ['18c4d5d2e3f40516', 'outbound', local(2026, 12, 1, 9, 12)],
        ['18c4d6e4f5061728', 'inbound', local(2026, 12, 2, 16, 20)],
        ['18c4d7f607182930', 'inbound', local(2026, 12, 3, 8, 30)],
      ]);
    });

    it('should follow the view Gmail shows when only the style changes, the URL staying the same', () => {
      const { doc, url } = loadSnapshot('gmail', '2026-12-multi-view');
      show(doc, 1);
      expect(viewOf(readGmailThread(doc, url))).toMatchObject({ subject: 'Rain jacket RJ-7 too small', customer: tomas });
      show(doc, 0);
      expect(readGmailThread(doc, url)).toEqual({ ok: false, reason: 'cannot-read', missingSelector: 'threadContainer' });
      expect(readGmailThread(doc, 'https://mail.google.com/mail/u/0/#inbox')).toEqual({ ok: false, reason: 'not-a-thread' });
      show(doc, 2);
      expect(viewOf(readGmailThread(doc, url)).subject).toBe('Charger missing from lamp DL-3');
    });

    it('should refuse to guess when two threads are shown at once (a swap caught half-way)', () => {
      const { doc, url } = loadSnapshot('gmail', '2026-12-multi-view');
      doc.querySelectorAll(S.view.candidates[0].css)[1]?.setAttribute('style', '');
      expect(readGmailThread(doc, url)).toEqual({ ok: false, reason: 'cannot-read', missingSelector: 'view' });
    });

    it('should say "view" when every view is hidden', () => {
      const { doc, url } = loadSnapshot('gmail', '2026-12-multi-view');
      show(doc, -1);
      expect(readGmailThread(doc, url)).toEqual({ ok: false, reason: 'cannot-read', missingSelector: 'view' });
    });

    it('should still read only the shown view when the view frame (.aeF) is renamed, by role=main', () => {
      const { doc, url } = loadSnapshot('gmail', '2026-12-multi-view');
      doc.querySelector('.aeF')?.setAttribute('class', 'renamed');
      expect(viewOf(readGmailThread(doc, url)).subject).toBe('Charger missing from lamp DL-3');
      show(doc, 1);
      // show() needs the frame: hide the current view by hand and show the earlier one.
      const views = Array.from(doc.querySelectorAll('.renamed > div > div'));
      views.forEach((view, i) => view.setAttribute('style', i === 1 ? '' : 'display: none'));
      expect(viewOf(readGmailThread(doc, url)).subject).toBe('Rain jacket RJ-7 too small');
    });
  });

  it('should read the second account at /mail/u/1/ as that mailbox', () => {
    const jonas = { email: 'jonas.berg@example.org', name: 'Jonas Berg' };
    const view = viewOf(readSnapshot('2026-12-second-account'));
    expect(view).toMatchObject({
      mailbox: 'helpdesk.nordic@example.com',
      threadKeys: ['gmail:helpdesk.nordic@example.com:18c4a1b2c3d4e5f6'],
      customer: jonas,
    });
    expect(view.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound']);
  });

  it("should read the same conversation in another mailbox with that mailbox's own thread and message ids", () => {
    const first = viewOf(readSnapshot('2026-11-thread'));
    const other = viewOf(readSnapshot('2026-12-second-mailbox-same-thread'));
    expect(other.mailbox).toBe('orders@example.com');
    expect(other.threadKeys).toEqual(['gmail:orders@example.com:18c2f0e4b7c8d9e0']);
    expect(other.customer).toEqual(first.customer);
    // No key in common: only the conversation's rfc: key (from the raw source) can join the two.
    expect(other.threadKeys.filter((key) => first.threadKeys.includes(key))).toEqual([]);
    expect(other.messages.map((m) => m.id)).not.toEqual(first.messages.map((m) => m.id));
  });

  it('should key a delegated mailbox (/mail/b/<x>/u/N/) by the mailbox the title names, not the signed-in account', () => {
    const { doc, url } = loadSnapshot('gmail', '2026-12-second-account');
    doc.title = 'Order #7781 not delivered - returns@example.com - Gmail';
    const delegated = url.replace('/mail/u/1/', '/mail/b/ALGkd0x7/u/1/');
    const view = viewOf(readGmailThread(doc, delegated));
    expect(view.threadKeys).toEqual(['gmail:returns@example.com:18c4a1b2c3d4e5f6']);
    // Mail from the signed-in account is not the delegated mailbox's own unless it is an alias.
    expect(view.messages.map((m) => m.direction)).toEqual(['inbound', 'inbound']);
    const withAlias = viewOf(readGmailThread(doc, delegated, { ownAddresses: ['helpdesk.nordic@example.com'] }));
    expect(withAlias.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound']);
  });

  describe('a reply still pending (#msg-a:r… only)', () => {
    const PENDING = '[data-message-id="#msg-a:r-4817520364519873106"]';

    it('should leave it out until its legacy id comes, then read it under that id', () => {
      const { doc, url } = loadSnapshot('gmail', '2026-12-pending-reply');
      expect(viewOf(readGmailThread(doc, url)).messages.map((m) => m.id)).toEqual([
        '18c2f0e3a1b2c3d4',
        '18c2f6b07d4e5f60',
        '18c3415c2a9b8c7d',
      ]);
      doc.querySelector(PENDING)?.setAttribute('data-legacy-message-id', '18c4b2d7e8f90a1b');
      const after = viewOf(readGmailThread(doc, url));
      expect(after.messages).toHaveLength(4);
      expect(after.messages[3]).toMatchObject({ id: '18c4b2d7e8f90a1b', direction: 'outbound', sentAt: local(2026, 11, 23, 9, 30) });
      // The same as the sent snapshot, which has the legacy id from the start.
      expect(after).toEqual(viewOf(readSnapshot('2026-11-sent')));
    });

    it('should read a thread whose only message is pending as a thread with nothing to show yet', () => {
      const { doc, url } = loadSnapshot('gmail', '2026-12-pending-reply');
      for (const el of Array.from(doc.querySelectorAll(S.message.candidates[0].css))) if (!el.matches(PENDING)) el.remove();
      expect(viewOf(readGmailThread(doc, url)).messages).toEqual([]);
    });
  });

  it.each([
    ['view', [S.view]],
    ['threadContainer', [S.threadContainer]],
    ['legacyThreadId', [S.legacyThreadId, S.permThreadId]],
    ['message', [S.message]],
    ['messageSender', [S.messageSender]],
    ['accountButton', [S.accountButton]],
  ] as const)('should report %s when it is missing', (name, anchors) => {
    const { doc, url } = loadSnapshot('gmail', '2026-11-thread');
    for (const def of anchors) removeAnchor(doc, def);
    if (name === 'accountButton') doc.title = 'Gmail';
    expect(readGmailThread(doc, url)).toEqual({ ok: false, reason: 'cannot-read', missingSelector: name });
  });
});
