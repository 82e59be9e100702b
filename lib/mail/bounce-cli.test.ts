import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyDeliveryReport } from './classify-delivery-report.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = 'test/fixtures/mail';

interface CliRun {
  code: number;
  lines: unknown[];
}

/** Runs the CLI as `npm run bounce` does: the bundle, built first when it is stale. */
function runBounceCli(args: readonly string[], stdin?: Buffer): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['scripts/bounce.mjs', ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        if (error && typeof error.code !== 'number') return reject(new Error('bounce-cli did not start', { cause: error }));
        const lines = stdout
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as unknown);
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, lines });
      },
    );
    child.stdin?.end(stdin);
  });
}

/** The line the CLI prints for a file, computed in process from the TypeScript sources. */
async function expectedLine(file: string): Promise<unknown> {
  const report = await classifyDeliveryReport(readFileSync(path.join(ROOT, file)));
  return {
    file,
    kind: report.kind,
    recipients: report.recipients.map(({ address, status, smtpCode, diagnostic }) => ({ address, status, smtpCode, diagnostic })),
    originalMessageId: report.originalMessageId,
    ...(report.reason === undefined ? {} : { reason: report.reason }),
  };
}

describe('bounce-cli', () => {
  it('should print one JSON line per file and exit 1 when a file cannot be read', async () => {
    const postfix = 'test/fixtures/mail/postfix-user-unknown.eml';
    const ordinary = 'test/fixtures/mail/ordinary-customer-question.eml';
    const missing = 'test/fixtures/mail/no-such-file.eml';
    const run = await runBounceCli([postfix, missing, ordinary]);

    expect(run.code).toBe(1);
    expect(run.lines).toEqual([
      {
        file: postfix,
        kind: 'failed',
        recipients: [
          {
            address: 'bob.stone@example.net',
            status: '5.1.1',
            smtpCode: 550,
            diagnostic: '550 5.1.1 <bob.stone@example.net>: Recipient address rejected: User unknown in virtual mailbox table',
          },
        ],
        originalMessageId: '<20240312091455.3f9a1c@support.example.com>',
      },
      { file: missing, error: expect.stringContaining('ENOENT') },
      { file: ordinary, kind: 'none', recipients: [], originalMessageId: null, reason: 'not a delivery report' },
    ]);
  }, 30_000);

  it('should exit 0 when every file was read', async () => {
    const run = await runBounceCli(['test/fixtures/mail/gmail-delay-retrying.eml']);
    expect(run.code).toBe(0);
    expect(run.lines).toMatchObject([{ kind: 'delayed', recipients: [{ address: 'diana.ross@example.org', status: '4.4.1' }] }]);
  }, 30_000);

  describe('with many files', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'bounce-cli-'));
      copyFileSync(path.join(ROOT, CORPUS, 'postfix-user-unknown.eml'), path.join(dir, 'b.eml'));
      mkdirSync(path.join(dir, 'c'));
      copyFileSync(path.join(ROOT, CORPUS, 'gmail-delay-retrying.eml'), path.join(dir, 'c', 'd.eml'));
      // A link to nothing: listed in the directory, unreadable when opened.
      symlinkSync(path.join(dir, 'gone.eml'), path.join(dir, 'a.eml'));
      copyFileSync(path.join(ROOT, CORPUS, 'ordinary-customer-question.eml'), path.join(dir, 'e.eml'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('should classify every file of a directory, sorted by name, and report an unreadable one without stopping', async () => {
      const run = await runBounceCli([dir]);

      expect(run.code).toBe(1);
      expect(run.lines).toEqual([
        { file: path.join(dir, 'a.eml'), error: expect.stringContaining('ENOENT') },
        expect.objectContaining({ file: path.join(dir, 'b.eml'), kind: 'failed' }),
        expect.objectContaining({ file: path.join(dir, 'c', 'd.eml'), kind: 'delayed' }),
        expect.objectContaining({ file: path.join(dir, 'e.eml'), kind: 'none' }),
      ]);
    }, 30_000);

    it('should take files and directories together, in argument order', async () => {
      const run = await runBounceCli([path.join(dir, 'c'), `${CORPUS}/aol-user-unknown.eml`, path.join(dir, 'e.eml')]);

      expect(run.code).toBe(0);
      expect(run.lines.map((line) => (line as { file: string }).file)).toEqual([
        path.join(dir, 'c', 'd.eml'),
        `${CORPUS}/aol-user-unknown.eml`,
        path.join(dir, 'e.eml'),
      ]);
    }, 30_000);
  });

  it('should classify a message read from standard input when no file is named', async () => {
    const postfix = `${CORPUS}/postfix-user-unknown.eml`;
    const run = await runBounceCli([], readFileSync(path.join(ROOT, postfix)));

    expect(run.code).toBe(0);
    expect(run.lines).toEqual([{ ...((await expectedLine(postfix)) as object), file: '-' }]);
  }, 30_000);

  it('should print, bundled, what the classifier says in process for every sample of the corpus', async () => {
    const files = readdirSync(path.join(ROOT, CORPUS))
      .filter((name) => name.endsWith('.eml'))
      .map((name) => `${CORPUS}/${name}`);
    const run = await runBounceCli(files);

    expect(run.code).toBe(0);
    expect(run.lines).toEqual(await Promise.all(files.map(expectedLine)));
  }, 60_000);
});
