import { readFile } from 'node:fs/promises';
import { classifyDeliveryReport } from './classify-delivery-report.js';

// Usage: npm run -s bounce -- FILE...
// One JSON line per file, in argument order; a file that cannot be read gets an "error" line
// and the exit code becomes 1 once every file has been tried.

async function describeFile(file: string): Promise<{ line: string; failed: boolean }> {
  let raw: Uint8Array;
  try {
    raw = await readFile(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { line: JSON.stringify({ file, error: message }), failed: true };
  }
  const report = await classifyDeliveryReport(raw);
  const line = JSON.stringify({
    file,
    kind: report.kind,
    recipients: report.recipients.map(({ address, status, smtpCode, diagnostic }) => ({ address, status, smtpCode, diagnostic })),
    originalMessageId: report.originalMessageId,
    ...(report.reason === undefined ? {} : { reason: report.reason }),
  });
  return { line, failed: false };
}

async function main(files: readonly string[]): Promise<number> {
  if (files.length === 0) {
    process.stderr.write('usage: npm run -s bounce -- FILE...\n');
    return 2;
  }
  let exitCode = 0;
  for (const file of files) {
    const { line, failed } = await describeFile(file);
    process.stdout.write(line + '\n');
    if (failed) exitCode = 1;
  }
  return exitCode;
}

process.exitCode = await main(process.argv.slice(2));
