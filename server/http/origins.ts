import type { Deps } from '../context';

/**
 * Who may call the server from a browser: the extension's own pages, and the origins an admin
 * adds. Browsers send an extension's origin as chrome-extension://<id> or moz-extension://<uuid>;
 * with EXTENSION_IDS unset, any extension passes (README "Security" says how to pin them).
 */
export function isAllowedOrigin(origin: string, deps: Pick<Deps, 'config'>): boolean {
  const extension = origin.match(/^(chrome-extension|moz-extension):\/\/([a-z0-9-]+)$/);
  if (extension) return deps.config.extensionIds.length === 0 || deps.config.extensionIds.includes(extension[2]!);
  return deps.config.extraOrigins.includes(origin);
}
