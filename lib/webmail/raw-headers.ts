// Reads one header out of a raw RFC 5322 message without a MIME parser (postal-mime is too heavy
// for the content script). Only the top-level header block is read; folded lines are unfolded.

/** Longest header block read: a real one is a few KB, a hostile one is cut here. */
const MAX_HEADER_CHARS = 256 * 1024;

export function readRawHeader(raw: string, name: string): string | null {
  const end = raw.search(/\r?\n\r?\n/);
  const block = raw.slice(0, Math.min(end < 0 ? raw.length : end, MAX_HEADER_CHARS));
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const wanted = name.toLowerCase();
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted) return line.slice(colon + 1).trim();
  }
  return null;
}

/** The message's own Message-ID, with its angle brackets, or null when it has none readable. */
export function readRawMessageId(raw: string): string | null {
  const value = readRawHeader(raw, 'message-id');
  const id = value ? /<[^<>\s]+@[^<>\s]+>/.exec(value)?.[0] : undefined;
  return id ?? null;
}

/** True when the text starts like a mail's header block, not like an HTML page. */
export function looksLikeRawMessage(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  if (/^\s*<(!doctype|html|head|body)\b/i.test(head)) return false;
  return /^[!-9;-~]+:[^\r\n]*\r?\n/.test(head) && /\r?\n\r?\n/.test(text.slice(0, MAX_HEADER_CHARS));
}
