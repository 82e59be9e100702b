import { QueryClient } from '@tanstack/preact-query';
import { render } from 'preact';
import { OptionsApp } from '@/components/options-app';
import { BackgroundQueries } from '@/lib/client/ui/background-queries';
import '@/components/page.css';
import { registerBundledCatalogues } from '@/lib/client/shared/i18n/bundled';

registerBundledCatalogues();

// No live port on this page: what the background answers is asked again whenever it is shown anew.
render(
  <OptionsApp
    queryClient={new QueryClient({ defaultOptions: { queries: { retry: 1 } } })}
    queries={new BackgroundQueries({ staleTime: 0 })}
  />,
  document.getElementById('app')!,
);
