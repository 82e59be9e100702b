// Every extension test gets a fresh in-memory IndexedDB implementation, and rendered components
// are unmounted after each test (vitest globals are off, so testing-library cannot do it itself).
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';
import { registerBundledCatalogues } from '../shared/i18n/bundled';

afterEach(() => cleanup());

// The extension's pages bundle every catalogue; tests render them all the same way.
registerBundledCatalogues();
