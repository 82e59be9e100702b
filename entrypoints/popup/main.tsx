import { QueryClient } from '@tanstack/preact-query';
import { render } from 'preact';
import { PopupApp } from '@/components/popup-app';
import '@/components/page.css';

render(
  <PopupApp queryClient={new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } })} />,
  document.getElementById('app')!,
);
