// Telling a delivery failure notice apart from a person's mail, from what a thread view shows.
// Only a first sorting: lib/mail parses the raw report for the recipient, status and diagnostic.

// Local parts that send non-delivery reports: RFC 3464 agents, Gmail's mailer-daemon@googlemail.com,
// Exchange's postmaster@ and its MicrosoftExchange<32 hex>@ system mailbox.
const DAEMON_LOCAL_PART = /^(mailer-daemon|maildaemon|mail-daemon|postmaster|microsoftexchange[0-9a-f]{32})$/i;

// Subjects of delivery notices as generators write them, in the languages our teams use.
const BOUNCE_SUBJECT = new RegExp(
  [
    '^delivery status notification',
    '^undeliverable:',
    '^undelivered mail returned to sender',
    '^mail delivery failed',
    '^delivery (has )?failed',
    '^delivery delayed',
    '^returned mail:',
    '^failure notice',
    '^недоставленное сообщение',
    '^не удается доставить',
    '^уведомление о статусе доставки',
    '^unzustellbar:',
    '^non remis',
    '^no se puede entregar:',
  ].join('|'),
  'i',
);

export function isDaemonAddress(email: string): boolean {
  const at = email.lastIndexOf('@');
  return DAEMON_LOCAL_PART.test(at < 0 ? email : email.slice(0, at));
}

export function isBounceSubject(subject: string): boolean {
  return BOUNCE_SUBJECT.test(subject.trim());
}

/**
 * A message is a bounce when a mail system sent it, or when it is inbound in a thread whose own
 * subject is a delivery notice (Outlook files an NDR as its own conversation "Undeliverable: …").
 */
export function isBounceMessage(senderEmail: string, inbound: boolean, threadSubject: string): boolean {
  return isDaemonAddress(senderEmail) || (inbound && isBounceSubject(threadSubject));
}
