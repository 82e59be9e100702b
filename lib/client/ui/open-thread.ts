/**
 * Opens a ticket's thread from the sidebar (a content script cannot open tabs). A thread of the
 * same Gmail account is a hash change, which the page follows without a reload; anything else
 * opens in a new tab so the page the operator is in stays.
 */
export function openThreadFromPage(url: string, here: Location = location): void {
  const target = new URL(url);
  if (target.origin === here.origin && target.pathname === here.pathname && target.hash) here.hash = target.hash;
  else window.open(url, '_blank', 'noopener');
}
