// The e2e run: build the extension if needed, check Chromium (missing = the run FAILS) and, in CI,
// Firefox (firefox-flow.e2e.ts fails without it anywhere), start the real server with the demo
// workspace on a free loopback port, and stop it at the end.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildExtensionIfNeeded } from './support/build-extension';
import { CHROMIUM_PATH, FIREFOX_PATH, REPO_ROOT } from './support/paths';
import { freePort, startServer } from './support/server-process';

export interface E2eEnvironment {
  serverUrl: string;
  port: number;
  dataDir: string;
  /** The spec that restarts the server writes the new pid here, so teardown stops the right one. */
  pidFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eEnvironment;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`E2E needs Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
  }
  if (process.env.CI && !existsSync(FIREFOX_PATH)) {
    throw new Error(`E2E needs Firefox at ${FIREFOX_PATH} (apt-get install -y firefox-esr, or set FIREFOX_PATH).`);
  }
  if (!existsSync(path.join(REPO_ROOT, 'server/main.ts'))) throw new Error('E2E needs the sync server (server/main.ts).');
  buildExtensionIfNeeded();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sidedesk-e2e-'));
  const pidFile = path.join(dataDir, 'server.pid');
  const port = await freePort();
  const server = await startServer({ port, dataDir, pidFile });
  project.provide('e2e', { serverUrl: server.url, port, dataDir, pidFile });
  return async () => {
    await server.stop();
    const pid = Number(readFileSync(pidFile, 'utf8'));
    if (pid && pid !== server.child.pid) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
