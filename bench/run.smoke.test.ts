// Keeps `npm run bench` from rotting: the server part at tiny sizes must run, print its table and
// write valid JSON. It asserts no figure: performance is measured by `npm run bench`, not by tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'sidedesk-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A guard against a hung run, not a budget: ~50 s on an idle 2-core machine, twice that beside
    // the other suites.
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run bench -- --only server --quick', () => {
  it('prints a results table and writes valid JSON', { timeout: 320_000 }, async () => {
    const out = path.join(dir, 'results.json');
    const { code, stdout, stderr } = await runBench(['--only', 'server', '--quick', '--out', out]);
    expect(code, stderr.slice(-2000)).toBe(0);
    expect(stdout).toMatch(/== server \(ran/);
    expect(stdout).toMatch(/\| figure +\| +value \| budget \(docs\/design\.md\) +\| verdict \|/);
    for (const figure of ['reassign (SQLite): sustained rate', 'bare Hono POST: rate', 'live: poke fan-out p99', 'first sync'])
      expect(stdout).toContain(figure);

    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      quick: boolean;
      parts: Array<{ part: string; status: string; rows: Array<{ name: string; value: unknown }> }>;
    };
    expect(results.quick).toBe(true);
    const server = results.parts.find((part) => part.part === 'server');
    expect(server?.status).toBe('ran');
    const rate = server?.rows.find((row) => row.name === 'reassign (SQLite): sustained rate');
    expect(rate?.value).toBeTypeOf('number');
    expect(rate?.value as number).toBeGreaterThan(0);
    expect(server?.rows.find((row) => row.name === 'reassign (SQLite): other errors')?.value).toBe(0);
    expect(server?.rows.find((row) => row.name === 'live: pokes received / expected')?.value).toMatch(/^(\d+) \/ \1$/);
  });
});
