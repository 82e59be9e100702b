// Outlook on the web offers no raw source of a message to a content script, so a delivery notice
// is rebuilt as a minimal RFC 5322 text from what the conversation shows (sender, time, the
// notice's visible words): enough for lib/mail's classifier to read it by its wording, the way it
// reads non-standard notices. It carries no Message-ID of its own and no returned headers, so the
// report is matched by ticket + recipient (or recipient + subject), not by the original's id.
import type { ThreadMessage } from '../../protocol/thread-view';

export interface OutlookNoticeContext {
  /** The conversation's subject (the notice's own subject is not shown in a conversation). */
  threadSubject: string;
  /** The mailbox the notice was delivered to. */
  mailbox: string;
}

const DELAY_WORDS =
  /delivery (is |has been )?delayed|hasn'?t been delivered yet|not been delivered yet|will continue to be attempted|задерж|verzögert/i;
const SUBJECT_LINE = /^(undeliverable|delivery delayed|unzustellbar|non remis|не удается доставить)\s*:.*$/im;

/** No line breaks or control characters may reach a header: they would forge headers. */
function headerValue(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, 900);
}

function rfc5322Date(iso: string | null): string | null {
  const time = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(time) ? null : new Date(time).toUTCString().replace(/GMT$/, '+0000');
}

function noticeSubject(bodyText: string, threadSubject: string): string {
  const stated = SUBJECT_LINE.exec(bodyText)?.[0];
  if (stated) return stated;
  const base = threadSubject.trim();
  return DELAY_WORDS.test(bodyText) ? `Delivery delayed: ${base}` : `Undeliverable: ${base}`;
}

export function outlookNoticeAsRawMessage(message: ThreadMessage, bodyText: string, context: OutlookNoticeContext): string {
  const name = message.senderName ? `"${headerValue(message.senderName).replace(/["\\]/g, '')}" ` : '';
  const date = rfc5322Date(message.sentAt);
  const headers = [
    `From: ${name}<${headerValue(message.senderEmail)}>`,
    `To: <${headerValue(context.mailbox)}>`,
    `Subject: ${headerValue(noticeSubject(bodyText, context.threadSubject))}`,
    ...(date ? [`Date: ${date}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    'X-Sidedesk-Source: outlook-web-rendered-notice',
  ];
  const body = bodyText.replace(/\r\n?/g, '\n').split('\n').join('\r\n');
  return `${headers.join('\r\n')}\r\n\r\n${body}\r\n`;
}
