import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CHROME_EXTENSION_DIR, FIREFOX_EXTENSION_DIR, REPO_ROOT } from './paths';

const SOURCES = ['entrypoints', 'components', 'lib', 'public', 'wxt.config.ts'];

function newestMtime(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** Builds the extension for the browser when there is no build or a source is newer than it. */
export function buildExtensionIfNeeded(target: 'chrome' | 'firefox' = 'chrome'): void {
  const manifest = path.join(target === 'chrome' ? CHROME_EXTENSION_DIR : FIREFOX_EXTENSION_DIR, 'manifest.json');
  const sourcesChanged = () => Math.max(...SOURCES.map((source) => newestMtime(path.join(REPO_ROOT, source)))) > statSync(manifest).mtimeMs;
  if (existsSync(manifest) && !sourcesChanged()) return;
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', target], {
    cwd: REPO_ROOT,
    // The build users get: under vitest NODE_ENV is 'test', which keeps the libraries' development
    // code in (gmail.js 42,356 B gzipped instead of 40,781 B) and tested another build than the one shipped.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
}
