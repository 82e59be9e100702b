// Phone numbers for call-backs: the `tel:` link and the numbers offered from a thread's text.
import { isPlausiblePhone } from '../protocol/phone';

export { isPlausiblePhone };

/** The `tel:` URI of a plausible number: only + and digits, which every dialer accepts. */
export function telHref(phone: string): string {
  const trimmed = phone.trim();
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/\D/g, '')}`;
}

// Mail is full of dates that look like numbers: "2026-11-17", "17-11-2026".
const DATE = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4})$/;

/** Plausible numbers in free text (a subject, a name), each once, in order of appearance. */
export function findPhoneNumbers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/\+?\(?\d[\d\s\-()]{3,}\d/g)) {
    const candidate = match[0].trim();
    if (isPlausiblePhone(candidate) && !DATE.test(candidate) && !found.includes(candidate)) found.push(candidate);
  }
  return found;
}
