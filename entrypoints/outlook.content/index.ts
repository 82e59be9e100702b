import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountSidebar } from '@/components/mount-sidebar';
import { outlookCaptureReaders } from '@/lib/client/content/outlook-capture-readers';
import { outlookAdapter } from '@/lib/webmail/outlook/adapter';

export default defineContentScript({
  matches: ['https://outlook.office.com/*', 'https://outlook.office365.com/*', 'https://outlook.live.com/*'],
  // The sidebar passes its CSS to its shadow root itself (inlined): nothing is injected into the page.
  cssInjectionMode: 'manual',
  runAt: 'document_idle',
  main: (ctx) => mountSidebar(ctx, outlookAdapter, outlookCaptureReaders()),
});
