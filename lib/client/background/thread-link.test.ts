import { describe, expect, it } from 'vitest';
import { threadLinkFor } from './thread-link';

const GMAIL = 'gmail:support@example.com:18c2f0e3a1b2c3d4';
const OUTLOOK = 'outlook:support@contoso.example:AAQkADAwATM0MDAAMS1hNjU2LTg1ZjYtMDACLTAwCgAQAB+/Rz==';

describe('threadLinkFor', () => {
  it('should open a Gmail thread under #all by its legacy id in account 0 when no link was seen', () => {
    expect(threadLinkFor(['rfc:<a@b>', GMAIL])).toBe('https://mail.google.com/mail/u/0/#all/18c2f0e3a1b2c3d4');
  });

  it('should keep the account index of the link last seen for that mailbox', () => {
    const seen = { url: 'https://mail.google.com/mail/u/2/#inbox/FMfcgzQXJGxyz', threadKeys: [GMAIL] };
    expect(threadLinkFor([GMAIL], seen)).toBe('https://mail.google.com/mail/u/2/#all/18c2f0e3a1b2c3d4');
  });

  it('should keep a delegated mailbox path', () => {
    const seen = { url: 'https://mail.google.com/mail/b/shared/u/1/#inbox/abc', threadKeys: [GMAIL] };
    expect(threadLinkFor([GMAIL], seen)).toBe('https://mail.google.com/mail/b/shared/u/1/#all/18c2f0e3a1b2c3d4');
  });

  it('should pick the key of the mailbox that was seen at that account index', () => {
    const other = 'gmail:sales@example.com:18c2f0e3a1b2ffff';
    const seen = { url: 'https://mail.google.com/mail/u/3/#inbox/x', threadKeys: [other] };
    expect(threadLinkFor([GMAIL, other], seen)).toBe('https://mail.google.com/mail/u/3/#all/18c2f0e3a1b2ffff');
  });

  it('should not lend another mailbox its account index', () => {
    const seen = { url: 'https://mail.google.com/mail/u/3/#inbox/x', threadKeys: ['gmail:sales@example.com:18c2f0e3a1b2ffff'] };
    expect(threadLinkFor([GMAIL], seen)).toBe('https://mail.google.com/mail/u/0/#all/18c2f0e3a1b2c3d4');
  });

  it('should reopen the Outlook URL last seen', () => {
    const url = 'https://outlook.office.com/mail/inbox/id/AAQkADAwATM0MDAAMS1hNjU2';
    expect(threadLinkFor([OUTLOOK], { url, threadKeys: [OUTLOOK] })).toBe(url);
  });

  it("should build Outlook's deep link from the key when no URL was seen", () => {
    expect(threadLinkFor([OUTLOOK])).toBe(
      'https://outlook.office.com/mail/deeplink/read/AAQkADAwATM0MDAAMS1hNjU2LTg1ZjYtMDACLTAwCgAQAB%2B%2FRz%3D%3D',
    );
  });

  it('should fall back to the seen link, and to nothing without keys or link', () => {
    expect(threadLinkFor(['rfc:<a@b>'], { url: 'https://mail.google.com/mail/u/1/#inbox/x', threadKeys: [] })).toBe(
      'https://mail.google.com/mail/u/1/#inbox/x',
    );
    expect(threadLinkFor(['rfc:<a@b>'])).toBeNull();
  });
});
