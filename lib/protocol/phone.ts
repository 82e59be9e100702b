// A call-back's phone number, checked loosely: people type numbers in many shapes, and the
// dialer or softphone that receives the `tel:` link normalises them (docs/design.md "Callbacks").

const ALLOWED = /^\+?[\d\s\-()]+$/;
const MIN_DIGITS = 5;
const MAX_DIGITS = 20;

export const PHONE_MAX_LENGTH = 40;

/** Digits, an optional leading +, spaces, dashes, parentheses; 5–20 digits. */
export function isPlausiblePhone(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > PHONE_MAX_LENGTH || !ALLOWED.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, '').length;
  return digits >= MIN_DIGITS && digits <= MAX_DIGITS;
}
