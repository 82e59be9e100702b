// The provider-independent half of reading a thread: what counts as the customer, which way each
// message went, which keys the thread is known by, and the schema check every result passes.
import type { Participant, ThreadMessage, ThreadView, ThreadViewReadResult, WebmailProvider } from '../protocol/thread-view';
import { isBounceMessage, isDaemonAddress } from './bounce';
import { firstInvalidField } from './check-thread-view';

export interface RawMessage {
  id: string;
  senderEmail: string;
  senderName?: string | undefined;
  recipients: readonly Participant[];
  sentAt: string | null;
  isScheduled: boolean;
  scheduledFor?: string | undefined;
}

export interface RawThread {
  provider: WebmailProvider;
  mailbox: string;
  /** The provider's own thread/conversation id, as the DOM gives it. */
  providerThreadId: string;
  subject: string;
  messages: readonly RawMessage[];
  /** Send-as aliases of the mailbox: mail from them is the team's own. */
  ownAddresses?: readonly string[] | undefined;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Names Gmail and Outlook print for the signed-in user instead of a name.
const SELF_NAMES = new Set(['me', 'я', 'ich', 'moi', 'yo']);

function collectParticipants(messages: readonly RawMessage[]): Participant[] {
  const byEmail = new Map<string, Participant>();
  const add = (email: string, name: string | undefined, fromSender: boolean) => {
    const clean = name?.trim();
    const usable = clean && !SELF_NAMES.has(clean.toLowerCase()) ? clean : undefined;
    const known = byEmail.get(email);
    if (!known) byEmail.set(email, usable ? { email, name: usable } : { email });
    // A sender's own display name beats how someone else addressed them.
    else if (usable && (fromSender || !known.name)) known.name = usable;
  };
  for (const m of messages) {
    add(m.senderEmail, m.senderName, true);
    for (const r of m.recipients) add(r.email, r.name, false);
  }
  return [...byEmail.values()];
}

export function buildThreadView(raw: RawThread): ThreadViewReadResult {
  const mailbox = normalizeEmail(raw.mailbox);
  const own = new Set([mailbox, ...(raw.ownAddresses ?? []).map(normalizeEmail)]);
  const messages: ThreadMessage[] = raw.messages.map((m) => {
    const inbound = !own.has(m.senderEmail);
    const message: ThreadMessage = {
      id: m.id,
      direction: inbound ? 'inbound' : 'outbound',
      senderEmail: m.senderEmail,
      sentAt: m.sentAt,
      isBounce: isBounceMessage(m.senderEmail, inbound, raw.subject),
      isScheduled: m.isScheduled,
    };
    if (m.senderName) message.senderName = m.senderName;
    if (m.scheduledFor) message.scheduledFor = m.scheduledFor;
    return message;
  });
  const participants = collectParticipants(raw.messages);
  const customer = participants.find((p) => !own.has(p.email) && !isDaemonAddress(p.email)) ?? null;
  const view: ThreadView = {
    provider: raw.provider,
    mailbox,
    threadKeys: [`${raw.provider}:${mailbox}:${raw.providerThreadId}`],
    subject: raw.subject,
    customer,
    participants,
    messages,
  };
  // The path names a field, never the value: that could quote the mail.
  const invalidField = firstInvalidField(view);
  return invalidField === null ? { ok: true, view } : { ok: false, reason: 'cannot-read', invalidField };
}
