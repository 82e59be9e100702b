const BLOCK_END = /<\/(?:p|div|tr|li|h[1-6]|table|blockquote)\s*>|<br\s*\/?>/gi;
const TAG = /<[^<>]{0,4000}>/g;
const ENTITY = /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi;
const NAMED: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Plain text from an HTML-only notice (some Gmail and Office 365 variants send no text part).
 * Only what the classifier reads needs to survive: line structure, addresses and codes.
 */
export function htmlToText(html: string): string {
  const withoutBlocks = dropElement(dropElement(html, 'style'), 'script');
  return withoutBlocks
    .replace(BLOCK_END, '\n')
    .replace(TAG, '')
    .replace(ENTITY, (entity, name: string) => decodeEntity(name) ?? entity);
}

// indexOf rather than a lazy regex: an unclosed <style repeated many times would make
// /<style[\s\S]*?<\/style>/ rescan the rest of the document from every opening tag.
function dropElement(html: string, tag: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let from = 0;
  for (;;) {
    const start = lower.indexOf(`<${tag}`, from);
    if (start < 0) break;
    const end = lower.indexOf(`</${tag}`, start);
    out += html.slice(from, start);
    if (end < 0) return out;
    const close = lower.indexOf('>', end);
    from = close < 0 ? html.length : close + 1;
  }
  return out + html.slice(from);
}

function decodeEntity(name: string): string | undefined {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED[name.toLowerCase()];
}
