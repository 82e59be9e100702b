import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface CliRun {
  code: number;
  lines: unknown[];
}

function runBounceCli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'lib/mail/bounce-cli.ts', ...args], { cwd: ROOT }, (error, stdout) => {
      if (error && typeof error.code !== 'number') return reject(new Error('bounce-cli did not start', { cause: error }));
      const lines = stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as unknown);
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, lines });
    });
  });
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
});
