import { render } from 'preact';
import { PopupApp } from '@/components/popup-app';
import { BackgroundQueries } from '@/lib/client/ui/background-queries';
import '@/components/page.css';
import { registerBundledCatalogues } from '@/lib/client/shared/i18n/bundled';

registerBundledCatalogues();

// Answers stay until the live port says the cache changed (components/popup-app.tsx).
render(<PopupApp queries={new BackgroundQueries()} />, document.getElementById('app')!);
