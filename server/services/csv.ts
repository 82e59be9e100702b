/**
 * Leading characters a spreadsheet skips before it looks for a formula: whitespace (space, tab,
 * newline, no-break space …), control characters (NUL, CR …) and invisible format characters
 * (the byte order mark, zero-width spaces).
 */
const IGNORED_LEAD = /^[\s\p{Cc}\p{Cf}]*/u;
/** What starts a formula (OWASP's CSV injection rule), ASCII or full-width. */
const FORMULA_START = /^[=+\-@＝＋－＠]/u;

/** True when a spreadsheet could read the text as a formula. */
export function looksLikeFormula(text: string): boolean {
  if (/^[\t\r]/.test(text)) return true;
  return FORMULA_START.test(text.replace(IGNORED_LEAD, ''));
}

/**
 * One CSV cell, always quoted. Text a spreadsheet could run as a formula gets a leading `'`, which
 * makes it plain text. Numbers are written as they are: the server's own counts, never negative.
 */
export function csvCell(value: string | number): string {
  const text = String(value);
  const safe = typeof value === 'string' && looksLikeFormula(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}
