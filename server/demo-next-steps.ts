// What `npm start` prints after the demo accounts: the steps from a running server to a ticket in
// the sidebar. `npm start` has just built the Chrome extension (package.json), so the steps load
// it, by its full path, rather than ask for a build (README.md "Start").

/** The options page offers this URL on a first start (components/server-settings.tsx). */
const OPTIONS_DEFAULT_URL = 'http://127.0.0.1:8787';

export function demoNextSteps({ url, extensionDir, built }: { url: string; extensionDir: string; built: boolean }): string {
  const firefoxDir = extensionDir.replace(/chrome-mv3$/, 'firefox-mv3');
  const server =
    url === OPTIONS_DEFAULT_URL ? `the server URL is already ${url}` : `enter ${url} as the server URL (it offers ${OPTIONS_DEFAULT_URL})`;
  return [
    'Next steps:',
    ...(built ? [] : [`  0. The extension is not built yet (npm start builds it): run npx wxt build`]),
    `  1. Chrome: open chrome://extensions, turn on Developer mode, click Load unpacked and choose`,
    `       ${extensionDir}`,
    `  2. Open Sidedesk's options (chrome://extensions → Sidedesk → Details → Extension options): ${server};`,
    '     sign in as anna@demo.test, password demo.',
    '  3. Open a thread in Gmail or Outlook web: the Sidedesk sidebar turns it into a ticket.',
    `  Firefox: npx wxt build -b firefox, then about:debugging → This Firefox → Load Temporary Add-on →`,
    `       ${firefoxDir}/manifest.json`,
  ].join('\n');
}
