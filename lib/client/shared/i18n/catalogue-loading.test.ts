// The content script bundles English only and asks for the user's language (index.ts).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ru } from './ru';

/** index.ts as a freshly loaded content script has it: English only (the test setup registers all). */
async function freshI18n() {
  vi.resetModules();
  return import('./index');
}

describe('catalogues in the content script', () => {
  beforeEach(() => vi.resetModules());

  it('should speak English until the Russian catalogue is loaded, then Russian', async () => {
    const i18n = await freshI18n();
    expect(i18n.hasCatalogue('ru')).toBe(false);
    expect(i18n.createTranslator('ru')('create.submit')).toBe('Create ticket');
    const loader = vi.fn(async () => ru);
    i18n.setCatalogueLoader(loader);

    await Promise.all([i18n.ensureCatalogue('ru'), i18n.ensureCatalogue('ru')]);
    await i18n.ensureCatalogue('ru');

    expect(loader).toHaveBeenCalledTimes(1);
    expect(i18n.createTranslator('ru')('create.submit')).toBe('Создать тикет');
  });

  it('should keep English when the load fails, and try again next time', async () => {
    const i18n = await freshI18n();
    const loader = vi.fn().mockRejectedValueOnce(new Error('background asleep')).mockResolvedValueOnce(ru);
    i18n.setCatalogueLoader(loader);

    await i18n.ensureCatalogue('ru');
    expect(i18n.createTranslator('ru')('create.submit')).toBe('Create ticket');
    await i18n.ensureCatalogue('ru');
    expect(i18n.createTranslator('ru')('create.submit')).toBe('Создать тикет');
  });

  it('should never ask for English, which is always there', async () => {
    const i18n = await freshI18n();
    const loader = vi.fn(async () => ru);
    i18n.setCatalogueLoader(loader);
    await i18n.ensureCatalogue('en');
    expect(loader).not.toHaveBeenCalled();
  });

  it("should split English between the sidebar's table and the pages' without losing or doubling a key", async () => {
    const { en } = await import('./en');
    const { enPages } = await import('./en-pages');
    const { bundledCatalogues } = await import('./bundled');
    const { enTicket } = await import('./en-ticket');
    expect(Object.keys(en).filter((key) => key in enPages || key in enTicket)).toEqual([]);
    expect(Object.keys(enTicket).filter((key) => key in enPages)).toEqual([]);
    expect(Object.keys(bundledCatalogues.en).sort()).toEqual(Object.keys(ru).sort());
  });

  it('should let the ticket view add its English to a translator the sidebar made before', async () => {
    const i18n = await freshI18n();
    const t = i18n.createTranslator('en');
    const { enTicket } = await import('./en-ticket');
    const [key, text] = Object.entries(enTicket)[0] as [keyof typeof enTicket, string];
    expect(t(key)).toBe(key);
    i18n.addStrings('en', enTicket);
    expect(t(key)).toBe(text);
  });
});
