import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig, type Entrypoint } from 'wxt';
import { FOCUS_SIDEBAR_COMMAND } from './lib/client/shared/commands';
import { BORROWED_GLOBAL, BORROWED_MODULES, TICKET_VIEW_SCRIPT } from './lib/client/content/borrowed-modules';
import { providerMatchPatterns } from './lib/webmail/detect';

// The webmail hosts the sidebar runs on. Kept here (not in each content script) because the
// manifest's host permissions must list exactly these and nothing more.
// Outlook's hosts come from lib/webmail/detect.ts, which the Outlook content script matches too,
// so a host Microsoft adds is added in one place.
export const WEBMAIL_MATCHES = ['https://mail.google.com/*', ...providerMatchPatterns('outlook')];

// A loopback demo server works out of the box; any other server origin is the user's and is
// asked for at run time from the options page (optional_host_permissions + permissions.request).
const LOOPBACK_SERVER = ['http://127.0.0.1/*', 'http://localhost/*'];

// See https://wxt.dev/api/config.html
export default defineConfig({
  // Firefox too: WXT would default it to MV2.
  manifestVersion: 3,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      const isTicketViewScript = (entrypoint: Entrypoint) => `${entrypoint.name}.js` === TICKET_VIEW_SCRIPT;
      if (entrypoints.some(isTicketViewScript)) config.plugins?.push(borrowModules());
      // Content scripts use the browser's own promise-based API (Chrome MV3 and Firefox alike), not
      // webextension-polyfill: 2.5 KB gzipped of their 40 KB budget. They answer no message with a
      // promise, and lib/client/shared/bridge.ts unwraps the polyfill's rejections from the background.
      if (entrypoints.every((entrypoint) => entrypoint.type === 'content-script' || isTicketViewScript(entrypoint)))
        config.resolve = { ...config.resolve, alias: { ...config.resolve?.alias, 'wxt/browser': '@wxt-dev/browser' } };
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications'],
    host_permissions: [...WEBMAIL_MATCHES, ...LOOPBACK_SERVER],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // The content scripts import() the ticket view (lib/client/content/ticket-view-host.ts).
    web_accessible_resources: [{ resources: [TICKET_VIEW_SCRIPT], matches: WEBMAIL_MATCHES }],
    action: { default_title: '__MSG_extensionName__' },
    // Browser-wide keys, listed where the browser lets users change them (chrome://extensions/shortcuts,
    // Firefox's "Manage extension shortcuts"); the sidebar's one-key shortcuts are lib/client/ui/shortcuts.ts.
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_commandSearch__' },
      [FOCUS_SIDEBAR_COMMAND]: { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_commandFocusSidebar__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'sidedesk@sidedesk.dev',
              // 140: the first Firefox that understands data_collection_permissions (142 on Android).
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});

// The ticket view script's build: the modules of BORROWED_MODULES become the content script's own
// (`__sidedeskBorrowed.uiHooks`...), found by resolved path so that relative imports match too. The
// build fails when the script imports a name the content script does not lend, or bundles its own
// copy of a module whose state must be the content script's.
function borrowModules(): Plugin {
  const names = new Map<string, keyof typeof BORROWED_MODULES>();
  const prefix = 'borrowed:';
  const missing = new Set<string>();
  const debugStub = '\0sidedesk:no-preact-debug';
  return {
    name: 'sidedesk:borrow-modules',
    enforce: 'pre',
    async buildStart() {
      for (const [name, { from }] of Object.entries(BORROWED_MODULES)) {
        const resolved = await this.resolve(from, `${import.meta.dirname}/entrypoints/index.ts`, { skipSelf: true });
        if (!resolved) this.error(`cannot resolve the borrowed module ${from}`);
        names.set(resolved.id, name as keyof typeof BORROWED_MODULES);
      }
    },
    async resolveId(source, importer) {
      // Injected by @preact/preset-vite outside production builds: the content script has its own.
      if (source === 'preact/debug' || source === 'preact/devtools') return debugStub;
      if (source.startsWith(prefix) || !importer) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      const name = resolved && names.get(resolved.id);
      return name ? { id: `${prefix}${name}`, external: true } : null;
    },
    // `addHookName` labels hooks for the devtools; unlabelled, a hook works the same.
    load: (id) => (id === debugStub ? 'export const addHookName = (value) => value;' : null),
    transform: {
      order: 'post',
      async handler(code, id) {
        for (const statement of this.parse(code).body) {
          if (
            statement.type !== 'ImportDeclaration' &&
            statement.type !== 'ExportNamedDeclaration' &&
            statement.type !== 'ExportAllDeclaration'
          )
            continue;
          if (!statement.source) continue;
          const resolved = (await this.resolve(String(statement.source.value), id))?.id ?? '';
          const name = resolved.startsWith(prefix) ? resolved.slice(prefix.length) : names.get(resolved);
          if (!name) continue;
          const lent: readonly string[] = BORROWED_MODULES[name as keyof typeof BORROWED_MODULES].names;
          for (const imported of importedNames(statement)) if (!lent.includes(imported)) missing.add(`${name}.${imported} (${id})`);
        }
        return null;
      },
    },
    outputOptions(options) {
      return { ...options, globals: (id: string) => (id.startsWith(prefix) ? `${BORROWED_GLOBAL}.${id.slice(prefix.length)}` : id) };
    },
    generateBundle(_options, bundle) {
      if (missing.size > 0)
        this.error(
          `${TICKET_VIEW_SCRIPT} imports what the content script does not lend (lib/client/content/borrowed-modules.ts): ${[...missing].join(', ')}`,
        );
      // A copy of any of these would run beside the content script's own and not share its state.
      // i18n's catalogues and bridge's classes are state; en-ticket.ts is the script's own strings.
      const ownCopy = /node_modules\/(preact|@tanstack|webextension-polyfill)\/|lib\/client\/shared\/(i18n\/(?!en-ticket)|bridge)/;
      for (const chunk of Object.values(bundle))
        for (const id of chunk.type === 'chunk' ? chunk.moduleIds : []) {
          if (ownCopy.test(id) || /\bcreateContext\(/.test(this.getModuleInfo(id)?.code ?? ''))
            this.error(`${TICKET_VIEW_SCRIPT} bundles its own ${id}: borrow it (lib/client/content/borrowed-modules.ts)`);
        }
    },
  };
}

interface NameNode {
  type: string;
  name?: string;
  value?: unknown;
}
interface ModuleStatement {
  type: string;
  specifiers?: Array<{ type: string; imported?: NameNode; local?: NameNode }>;
}

/** The names an import or re-export takes from its module; `*` for the whole namespace. */
function importedNames(statement: ModuleStatement): string[] {
  const nameOf = (node: NameNode | undefined) => (node?.type === 'Identifier' ? node.name! : String(node?.value));
  if (statement.type === 'ExportAllDeclaration') return ['*'];
  return (statement.specifiers ?? []).map((specifier) => {
    if (specifier.type === 'ImportSpecifier') return nameOf(specifier.imported);
    if (specifier.type === 'ExportSpecifier') return nameOf(specifier.local);
    return specifier.type === 'ImportDefaultSpecifier' ? 'default' : '*';
  });
}
