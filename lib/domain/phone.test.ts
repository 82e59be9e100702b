import { describe, expect, it } from 'vitest';
import { findPhoneNumbers, isPlausiblePhone, telHref } from './phone';

describe('isPlausiblePhone', () => {
  it('should accept numbers written with +, spaces, dashes and parentheses', () => {
    expect(isPlausiblePhone('+7 (495) 123-45-67')).toBe(true);
    expect(isPlausiblePhone('12345')).toBe(true);
  });

  it('should refuse letters, too few or too many digits', () => {
    expect(isPlausiblePhone('call me')).toBe(false);
    expect(isPlausiblePhone('1234')).toBe(false);
    expect(isPlausiblePhone('1'.repeat(21))).toBe(false);
    expect(isPlausiblePhone('+7 495 ext. 12')).toBe(false);
  });
});

describe('telHref', () => {
  it('should keep only the leading + and the digits', () => {
    expect(telHref(' +7 (495) 123-45-67 ')).toBe('tel:+74951234567');
  });
});

describe('findPhoneNumbers', () => {
  it('should find each plausible number once and skip dates and short figures', () => {
    expect(findPhoneNumbers('Call +1 (555) 010-2030 or 8-800-555-35-35, order 42; +1 (555) 010-2030')).toEqual([
      '+1 (555) 010-2030',
      '8-800-555-35-35',
    ]);
  });
});
