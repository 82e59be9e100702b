// The real sync server (`server/main.ts --demo`) as a child process on loopback, for the e2e global
// setup, the specs that stop and restart it on the same port and data dir, and the bench. The
// spawning itself is the server tests' (server/test-support/server-process.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { startServerProcess, type ServerProcess as SpawnedServer } from '../../../server/test-support/server-process';

export { freePort } from '../../../server/test-support/server-process';

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  child: SpawnedServer['child'];
  stop(): Promise<void>;
}

/** Resolves once the server listens; rejects with its output if it exits first. */
export async function startServer({ port, dataDir, pidFile }: { port: number; dataDir: string; pidFile?: string }): Promise<ServerProcess> {
  const server = await startServerProcess({ env: { DATA_DIR: dataDir }, demo: true, port });
  if (pidFile && server.child.pid) writeFileSync(pidFile, String(server.child.pid));
  return { url: server.url, port, dataDir, child: server.child, stop: () => server.stop() };
}

/** Stops the server whose pid the file holds (the e2e one, possibly restarted by a spec) and waits until its port is closed. */
export async function stopServerByPidFile(pidFile: string, serverUrl: string): Promise<void> {
  process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
  for (let attempt = 0; attempt < 100; attempt++) {
    const up = await fetch(`${serverUrl}/v1/health`).then(
      () => true,
      () => false,
    );
    if (!up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not stop');
}
