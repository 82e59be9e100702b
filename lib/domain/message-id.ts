/**
 * Message-IDs, one rule for every part that compares them (server replies and matching, the mail
 * parser, the extension's capture and thread keys). RFC 5322 §3.6.4: `<id-left@id-right>`; the
 * right part is a domain, compared without case; the left part is compared exactly.
 */

const MAX_LENGTH = 995;

/**
 * The canonical form: no angle brackets, the domain lower-cased. Reads a bare id, a bracketed one,
 * or a header value holding one (the first bracketed id wins: "In-Reply-To: <a@x> (comment)").
 * Null when there is no id (empty, spaces inside, too long).
 */
export function canonicalMessageId(value: string): string | null {
  const bracketed = /<([^<>\s]+)>/.exec(value)?.[1];
  const bare = bracketed ?? value.trim().replace(/^<+/, '').replace(/>+$/, '');
  if (bare.length === 0 || bare.length > MAX_LENGTH || /[\s<>]/.test(bare)) return null;
  const at = bare.lastIndexOf('@');
  return at < 0 ? bare : `${bare.slice(0, at)}@${bare.slice(at + 1).toLowerCase()}`;
}

/** As a header writes it, for people and for mail: `<id>`. */
export function bracketedMessageId(value: string): string | null {
  const id = canonicalMessageId(value);
  return id === null ? null : `<${id}>`;
}

/** The thread key every mailbox and provider of a conversation shares (docs/design.md "Ticket identity"). */
export function rfcThreadKey(value: string): string | null {
  const id = canonicalMessageId(value);
  return id === null ? null : `rfc:${id}`;
}
