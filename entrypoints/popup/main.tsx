import { QueryClient } from '@tanstack/preact-query';
import { render } from 'preact';
import { PopupApp } from '@/components/popup-app';
import '@/components/page.css';
import { registerBundledCatalogues } from '@/lib/client/shared/i18n/bundled';

registerBundledCatalogues();

render(
  <PopupApp queryClient={new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } })} />,
  document.getElementById('app')!,
);
