import { describe, expect, it } from 'vitest';
import { splitLinks } from './linkify';

describe('splitLinks', () => {
  it('should cut http and https links out of text, leaving sentence punctuation outside', () => {
    expect(splitLinks('See https://crm.example.com/c/42?x=1. Or http://wiki.test/a)')).toEqual([
      { text: 'See ' },
      { text: 'https://crm.example.com/c/42?x=1', href: 'https://crm.example.com/c/42?x=1' },
      { text: '. Or ' },
      { text: 'http://wiki.test/a', href: 'http://wiki.test/a' },
      { text: ')' },
    ]);
  });

  it('should leave other schemes and markup as text', () => {
    const text = 'javascript:alert(1) <a href="https://x.test">x</a> data:text/html,hi ftp://files.test';
    const links = splitLinks(text).filter((part) => part.href);
    expect(links.map((part) => part.href)).toEqual(['https://x.test/']);
    expect(
      splitLinks(text)
        .map((part) => part.text)
        .join(''),
    ).toBe(text);
  });

  it('should give text without links as one part', () => {
    expect(splitLinks('no links here')).toEqual([{ text: 'no links here' }]);
  });
});
