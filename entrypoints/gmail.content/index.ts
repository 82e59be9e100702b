import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountSidebar } from '@/lib/client/content/mount-sidebar';
import { gmailCaptureReaders } from '@/lib/client/content/gmail-capture-readers';
import { gmailAdapter } from '@/lib/webmail/gmail/adapter';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  // The sidebar passes its CSS to its shadow root itself (inlined): nothing is injected into the page.
  cssInjectionMode: 'manual',
  runAt: 'document_idle',
  main: (ctx) => mountSidebar(ctx, gmailAdapter, gmailCaptureReaders()),
});
