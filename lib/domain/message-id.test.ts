import { describe, expect, it } from 'vitest';
import { bracketedMessageId, canonicalMessageId, rfcThreadKey } from './message-id';

describe('canonicalMessageId', () => {
  it.each([
    ['bare', 'abc@Mail.Example.COM', 'abc@mail.example.com'],
    ['bracketed', '<abc@Mail.Example.COM>', 'abc@mail.example.com'],
    ['padded', '  <abc@example.com>  ', 'abc@example.com'],
    ['doubled brackets', '<<abc@example.com>>', 'abc@example.com'],
    ['in a header value with a comment', '<abc@example.com> (sent by Postfix)', 'abc@example.com'],
    ['the first of several', '<first@example.com> <second@example.com>', 'first@example.com'],
    ['left part keeps its case', '<CAF3x9a0Lk2@Example.com>', 'CAF3x9a0Lk2@example.com'],
    ['no domain (some gateways)', '<20240308131022.GA7731>', '20240308131022.GA7731'],
    ['the last @ splits', '<"a@b"@Example.com>', '"a@b"@example.com'],
  ])('should read %s', (_label, value, expected) => {
    expect(canonicalMessageId(value)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['only brackets', '<>'],
    ['spaces inside', 'abc def@example.com'],
    ['too long', `${'a'.repeat(996)}@x`],
  ])('should refuse %s', (_label, value) => {
    expect(canonicalMessageId(value)).toBeNull();
  });

  it('should give the same id whichever way it was written', () => {
    const forms = ['<Id.1@EXAMPLE.com>', 'Id.1@example.COM', ' <Id.1@Example.Com> '];
    expect(new Set(forms.map(canonicalMessageId))).toEqual(new Set(['Id.1@example.com']));
  });
});

describe('bracketedMessageId and rfcThreadKey', () => {
  it('should write the canonical id as a header and as a thread key', () => {
    expect(bracketedMessageId('abc@Example.com')).toBe('<abc@example.com>');
    expect(rfcThreadKey('<abc@Example.com>')).toBe('rfc:abc@example.com');
    expect(rfcThreadKey('not an id')).toBeNull();
  });
});
