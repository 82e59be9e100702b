import { QueryClient } from '@tanstack/preact-query';
import { render } from 'preact';
import { OptionsApp } from '@/components/options-app';
import '@/components/page.css';
import { registerBundledCatalogues } from '@/lib/client/shared/i18n/bundled';

registerBundledCatalogues();

render(<OptionsApp queryClient={new QueryClient({ defaultOptions: { queries: { retry: 1 } } })} />, document.getElementById('app')!);
