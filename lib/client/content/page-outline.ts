// A scrubbed outline of the page region a reader could not make sense of, for "Copy a page report"
// (docs/design.md "Decided 2026-12": adapter diagnostics). It keeps structure only: tag names, roles, ids
// and class names, and the NAMES of data-* attributes. Never text, never an attribute value that
// can hold mail content (title, aria-label, href, src, alt, value, name, email, data-* values), and
// never an id or class that looks like it carries content: an address, a number, a long token, or
// the prefixes Gmail (`m_`) and Outlook on the web (`x_`) put on the ids and classes of a
// message's own HTML, which the sender chose. Runs in the content script: kept small on purpose.

const MAX_NODES = 1500;
const MAX_DEPTH = 40;
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'link', 'meta', 'sidedesk-sidebar']);
const LEAVES = new Set(['svg', 'iframe', 'object', 'video', 'audio', 'canvas']);

/** An id or class kept as is: a short identifier, no address, no long number, not from a message body. */
export function isStructuralToken(token: string): boolean {
  return /^[A-Za-z_-][\w-]{0,31}$/.test(token) && !/^[mx]_/i.test(token) && !/\d{5}/.test(token);
}

function describe(el: Element): string {
  const tag = /^[a-z][a-z0-9-]{0,31}$/.test(el.localName) ? el.localName : '?';
  const id = el.id && isStructuralToken(el.id) ? `#${el.id}` : '';
  const classes = [...el.classList].filter(isStructuralToken).map((name) => `.${name}`);
  const parts = [tag + id + classes.join('')];
  const roles = (el.getAttribute('role') ?? '').split(/\s+/).filter((role) => /^[a-z]{2,24}$/.test(role));
  if (roles.length) parts.push(`role=${roles.join(' ')}`);
  for (const { name } of el.attributes) if (/^data-[a-z0-9_-]{1,40}$/.test(name)) parts.push(name);
  if (el.hasAttribute('hidden') || (el as HTMLElement).style?.display === 'none') parts.push('(hidden)');
  return parts.join(' ');
}

/** One line per element, indented by depth, at most MAX_NODES lines. */
export function outlinePageRegion(root: Element): string {
  const lines: string[] = [];
  const walk = (el: Element, depth: number): void => {
    if (lines.length >= MAX_NODES || SKIPPED.has(el.localName)) return;
    lines.push('  '.repeat(depth) + describe(el));
    if (depth >= MAX_DEPTH || LEAVES.has(el.localName)) return;
    for (const child of el.children) walk(child, depth + 1);
  };
  walk(root, 0);
  if (lines.length >= MAX_NODES) lines.push(`… cut at ${MAX_NODES} elements`);
  return lines.join('\n');
}
