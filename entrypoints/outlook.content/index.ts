import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountSidebar } from '@/lib/client/content/mount-sidebar';
import { outlookCaptureReaders } from '@/lib/client/content/outlook-capture-readers';
import { providerMatchPatterns } from '@/lib/webmail/detect';
import { outlookAdapter } from '@/lib/webmail/outlook/adapter';

export default defineContentScript({
  // Every Outlook host, outlook.cloud.microsoft included: the same list as the manifest's host permissions.
  matches: providerMatchPatterns('outlook'),
  // The sidebar passes its CSS to its shadow root itself (inlined): nothing is injected into the page.
  cssInjectionMode: 'manual',
  runAt: 'document_idle',
  main: (ctx) => mountSidebar(ctx, outlookAdapter, outlookCaptureReaders()),
});
