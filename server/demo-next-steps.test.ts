import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNextSteps } from './demo-next-steps';
import { startServerProcess, type ServerProcess } from './test-support/server-process';

const CHROME_BUILD = path.resolve(import.meta.dirname, '../.output/chrome-mv3');

describe('what `npm start` prints once the demo server listens', () => {
  let server: ServerProcess;
  let dataDir: string;
  let printed: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sidedesk-next-steps-'));
    server = await startServerProcess({ env: { DATA_DIR: dataDir }, demo: true });
    for (let waited = 0; !server.output().includes('Gmail or Outlook web') && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    printed = server.output();
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should not ask to build what npm start has just built', () => {
    expect(printed).toContain('Gmail or Outlook web');
    expect(printed).not.toMatch(/npm run build/);
  });

  it('should name the built extension by its full path and say how Chrome loads it', () => {
    expect(printed).toContain(CHROME_BUILD);
    expect(printed).toMatch(/chrome:\/\/extensions.*Developer mode.*Load unpacked/);
  });

  it('should name the server URL the options page needs', () => {
    expect(printed).toContain(server.url);
  });
});

describe('demoNextSteps', () => {
  const extensionDir = '/home/olga/sidedesk/.output/chrome-mv3';

  it('should say the options page already holds the default server URL', () => {
    expect(demoNextSteps({ url: 'http://127.0.0.1:8787', extensionDir, built: true })).toMatch(/already.*http:\/\/127\.0\.0\.1:8787/);
  });

  it('should ask for another server URL to be entered', () => {
    expect(demoNextSteps({ url: 'http://127.0.0.1:9000', extensionDir, built: true })).toMatch(/enter http:\/\/127\.0\.0\.1:9000/);
  });

  it('should say how to build the extension when the server started without it', () => {
    expect(demoNextSteps({ url: 'http://127.0.0.1:8787', extensionDir, built: false })).toMatch(/not built yet.*npx wxt build/s);
  });
});
