import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { FOCUS_SIDEBAR_COMMAND } from './lib/client/shared/commands';
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
  manifest: ({ browser }) => ({
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications'],
    host_permissions: [...WEBMAIL_MATCHES, ...LOOPBACK_SERVER],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
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
