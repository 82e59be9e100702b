import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { defaultServerConfig, type Deps } from './context';
import { parseTrustedProxies } from './http/client-address';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoWorkspace } from './demo-seed';
import { demoNextSteps } from './demo-next-steps';
import { attachLiveHub } from './live/live-hub';
import { createLocalPokeBus } from './live/poke-bus';
import { startSweeps } from './services/sweeps';
import { openStore } from './store/open-store';

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  const port = Number(process.env.PORT ?? 8787);
  const host = process.env.HOST ?? '127.0.0.1';
  const databaseUrl = process.env.DATABASE_URL;
  parseTrustedProxies(list(process.env.TRUST_PROXY)); // a typo stops the start, before anything opens
  const store = await openStore({ databaseUrl, dataDir: process.env.DATA_DIR ?? 'data' });
  const bus = databaseUrl?.startsWith('postgres')
    ? await (await import('./live/postgres-poke-bus')).createPostgresPokeBus(databaseUrl)
    : createLocalPokeBus();
  const deps: Deps = {
    store,
    bus,
    now: () => new Date(),
    config: {
      ...defaultServerConfig,
      extraOrigins: list(process.env.CORS_ORIGINS),
      extensionIds: list(process.env.EXTENSION_IDS),
      trustProxy: list(process.env.TRUST_PROXY),
      smtpUrl: process.env.SMTP_URL || undefined,
      smtpFrom: process.env.SMTP_FROM || defaultServerConfig.smtpFrom,
      publicUrl: process.env.PUBLIC_URL || undefined,
    },
  };
  const seeded = demo ? await seedDemoWorkspace(deps) : false;
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port, hostname: host }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const hub = attachLiveHub(server, deps);
  const sweep = startSweeps(deps);

  const url = `http://${host}:${port}`;
  const where = databaseUrl?.startsWith('postgres') ? 'PostgreSQL' : `SQLite in ${process.env.DATA_DIR ?? 'data'}/sidedesk.sqlite`;
  console.log(`Sidedesk server listening on ${url} (${where})`);
  if (demo) {
    console.log(seeded ? 'Demo workspace created.' : 'Demo workspace already present.');
    console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(22)} ${account.role.padEnd(11)} ${account.note}`);
    const extensionDir = fileURLToPath(new URL('../.output/chrome-mv3', import.meta.url));
    console.log(demoNextSteps({ url, extensionDir, built: existsSync(path.join(extensionDir, 'manifest.json')) }));
  }

  const shutdown = async (signal: string) => {
    console.log(`${signal}: shutting down`);
    sweep.stop();
    await hub.close();
    server.close();
    await bus.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Sidedesk server failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
