import { describe, expect, it } from 'vitest';
import { looksLikeRawMessage, readRawHeader, readRawMessageId } from './raw-headers';

describe('readRawMessageId', () => {
  it('should read a folded Message-ID from the top-level headers only', () => {
    const raw = 'From: a@example.org\r\nMessage-ID:\r\n <abc.123@mail.example.org>\r\nSubject: x\r\n\r\nMessage-ID: <body@example.org>\r\n';
    expect(readRawMessageId(raw)).toBe('<abc.123@mail.example.org>');
  });

  it('should answer null without a usable Message-ID', () => {
    expect(readRawMessageId('From: a@example.org\n\nMessage-ID: <x@y>\n')).toBeNull();
    expect(readRawMessageId('Message-ID: not an id\n\n')).toBeNull();
  });

  it('should match header names case-insensitively', () => {
    expect(readRawHeader('subject: Hi\nX: y\n\n', 'Subject')).toBe('Hi');
  });
});

describe('looksLikeRawMessage', () => {
  it('should tell a mail from an HTML page', () => {
    expect(looksLikeRawMessage('Delivered-To: a@example.com\nFrom: b@example.org\n\nbody')).toBe(true);
    expect(looksLikeRawMessage('<!doctype html><html><body>Sign in</body></html>')).toBe(false);
    expect(looksLikeRawMessage('just text')).toBe(false);
  });
});
