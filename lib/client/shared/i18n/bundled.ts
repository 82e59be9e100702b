// Every catalogue, for the extension's own pages (background, popup, options): their size does
// not matter, unlike the content script's (index.ts).
import { addCatalogue, type Catalogue, type Language } from './index';
import { en } from './en';
import { enPages } from './en-pages';
import { enTicket } from './en-ticket';
import { ru } from './ru';

export const bundledCatalogues: Record<Language, Catalogue> = { en: { ...en, ...enTicket, ...enPages }, ru };

export function registerBundledCatalogues(): void {
  for (const [language, catalogue] of Object.entries(bundledCatalogues)) addCatalogue(language as Language, catalogue);
}
