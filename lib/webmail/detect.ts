// Which webmail a URL belongs to. Kept free of the adapters so a content script that only needs
// this does not bundle both providers' readers.
import type { WebmailProvider } from '../protocol/thread-view';
import type { PageUrl } from './thread-view';

const PROVIDER_HOSTS: Readonly<Record<WebmailProvider, readonly string[]>> = {
  gmail: ['mail.google.com'],
  // outlook.cloud.microsoft: many work tenants are redirected there from outlook.office.com
  // (reported 2026-04, docs/webmail.md "Live-page evidence").
  outlook: ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft'],
};

/** Manifest match patterns for a provider's hosts: content-script `matches` and host permissions. */
export function providerMatchPatterns(provider: WebmailProvider): string[] {
  return PROVIDER_HOSTS[provider].map((host) => `https://${host}/*`);
}

const MAIL_PATH: Readonly<Record<WebmailProvider, RegExp>> = {
  gmail: /^\/mail\//,
  outlook: /^\/mail(\/|$)/,
};

export function toUrl(url: PageUrl): URL | null {
  try {
    return new URL(typeof url === 'string' ? url : url.href);
  } catch {
    return null;
  }
}

export function adapterFor(url: PageUrl): WebmailProvider | null {
  const parsed = toUrl(url);
  if (!parsed || parsed.protocol !== 'https:') return null;
  for (const provider of ['gmail', 'outlook'] as const) {
    if (PROVIDER_HOSTS[provider].includes(parsed.hostname) && MAIL_PATH[provider].test(parsed.pathname)) {
      return provider;
    }
  }
  return null;
}
