// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { WEBMAIL_MATCHES } from '../../wxt.config';
import { adapterFor, providerMatchPatterns } from './detect';
import { gmailAdapter } from './gmail/adapter';
import { gmailThreadFingerprint } from './gmail/url';
import { outlookAdapter } from './outlook/adapter';
import { outlookThreadFingerprint } from './outlook/url';

describe('adapterFor', () => {
  it.each([
    ['https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfGjk', 'gmail'],
    ['https://mail.google.com/mail/u/1/#inbox', 'gmail'],
    ['https://outlook.office.com/mail/inbox/id/AAQkADAw%3D', 'outlook'],
    ['https://outlook.office365.com/mail/', 'outlook'],
    ['https://outlook.live.com/mail/0/inbox', 'outlook'],
    ['https://outlook.cloud.microsoft/mail/inbox', 'outlook'],
    ['https://mail.google.com/chat/u/0/', null],
    ['https://outlook.office.com/calendar/view/week', null],
    ['http://mail.google.com/mail/u/0/', null],
    ['https://mail.google.com.example.net/mail/u/0/', null],
    ['not a url', null],
  ] as const)('should map %s to %s', (url, provider) => {
    expect(adapterFor(url)).toBe(provider);
  });

  it('should accept a location-like object', () => {
    expect(adapterFor({ href: 'https://mail.google.com/mail/u/0/#inbox' })).toBe('gmail');
    expect(gmailAdapter.matches({ href: 'https://mail.google.com/mail/u/0/#inbox' })).toBe(true);
    expect(outlookAdapter.matches('https://mail.google.com/mail/u/0/#inbox')).toBe(false);
  });
});

describe('providerMatchPatterns', () => {
  const outlookHosts = ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft'];

  it('should list every Outlook host, outlook.cloud.microsoft included', () => {
    expect(providerMatchPatterns('outlook')).toEqual(outlookHosts.map((host) => `https://${host}/*`));
  });

  it.each(outlookHosts)('should read %s as Outlook and grant it in the manifest', (host) => {
    expect(adapterFor(`https://${host}/mail/inbox/id/AAQkADAw%3D`)).toBe('outlook');
    expect(WEBMAIL_MATCHES).toContain(`https://${host}/*`);
  });
});

describe('threadFingerprint', () => {
  it.each([
    ['https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfGjk', 'gmail:/mail/u/0/#FMfcgzQXJGxyzKqWmRtVbNcLpDsHfGjk'],
    [
      'https://mail.google.com/mail/u/1/#label/Support%2FVIP/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfGjk',
      'gmail:/mail/u/1/#FMfcgzQXJGxyzKqWmRtVbNcLpDsHfGjk',
    ],
    [
      'https://mail.google.com/mail/u/0/#search/refund/FMfcgzQXJGxyzKqWmRtVbNcLpDsHfGjk',
      'gmail:/mail/u/0/#FMfcgzQXJGxyzKqWmRtVbNcLpDsHfGjk',
    ],
    ['https://mail.google.com/mail/u/0/#inbox', null],
    ['https://mail.google.com/mail/u/0/#inbox/p2', null],
    ['https://mail.google.com/mail/u/0/#search/averyveryverylongquerytext', null],
    ['https://mail.google.com/mail/u/0/#label/Support', null],
  ])('should fingerprint gmail %s as %s', (url, fingerprint) => {
    expect(gmailThreadFingerprint(url)).toBe(fingerprint);
  });

  it.each([
    ['https://outlook.office.com/mail/inbox/id/AAQkADAw%3D', 'outlook:outlook.office.com:AAQkADAw='],
    ['https://outlook.live.com/mail/0/deeplink/read/AAMkAGI2', 'outlook:outlook.live.com:AAMkAGI2'],
    ['https://outlook.office.com/mail/inbox', null],
    // One conversation, three spellings of its id: one fingerprint.
    ['https://outlook.cloud.microsoft/mail/inbox/id/AAQkAJ%2B4rT%2F2kA%3D%3D', 'outlook:outlook.cloud.microsoft:AAQkAJ+4rT/2kA=='],
    ['https://outlook.cloud.microsoft/mail/inbox/id/AAQkAJ%2b4rT%2f2kA%3d%3d', 'outlook:outlook.cloud.microsoft:AAQkAJ+4rT/2kA=='],
    ['https://outlook.cloud.microsoft/mail/inbox/id/AAQkAJ_4rT-2kA', 'outlook:outlook.cloud.microsoft:AAQkAJ+4rT/2kA=='],
  ])('should fingerprint outlook %s as %s', (url, fingerprint) => {
    expect(outlookThreadFingerprint(url)).toBe(fingerprint);
  });
});
