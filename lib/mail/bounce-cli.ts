import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DeliveryReportClassification } from './classify-delivery-report.js';
import { MAX_REPORT_BYTES } from './read-input-bytes.js';

// Usage: npm run -s bounce -- [FILE|DIRECTORY|-]...   (no argument: one message on standard input)
// One JSON line per message, in argument order, written in batches as the run goes; a directory
// stands for its files, sorted by name, subdirectories included. A file that cannot be read gets
// an "error" line, the others go on, and the exit code becomes 1 once every file has been tried.
// `npm run bounce` runs the bundle built from this file (scripts/bounce.mjs): no TypeScript at run time.

type Classify = (raw: Uint8Array) => Promise<DeliveryReportClassification>;

const STDIN = '-';

function describeReport(file: string, report: DeliveryReportClassification): string {
  return JSON.stringify({
    file,
    kind: report.kind,
    recipients: report.recipients.map(({ address, status, smtpCode, diagnostic }) => ({ address, status, smtpCode, diagnostic })),
    originalMessageId: report.originalMessageId,
    ...(report.reason === undefined ? {} : { reason: report.reason }),
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface Entry {
  file: string;
  /** Why a directory could not be listed: its files cannot be named, so the line names the directory. */
  error?: string;
}

/** The files an argument stands for, listed lazily so that output starts before a large tree is walked. */
function* filesOf(argument: string): Generator<Entry> {
  if (argument === STDIN) {
    yield { file: argument };
    return;
  }
  let isDirectory = false;
  try {
    isDirectory = statSync(argument).isDirectory();
  } catch {
    // A missing file is reported by the read that follows, with the error's own words.
  }
  if (!isDirectory) {
    yield { file: argument };
    return;
  }
  let entries;
  try {
    entries = readdirSync(argument, { withFileTypes: true });
  } catch (error) {
    yield { file: argument, error: errorMessage(error) };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // An entry's name has no separator and is never . or ..: joining it to the directory only
  // appends it to the directory's normalized path ("" for "."), computed once.
  const prefix = path.join(argument, '_').slice(0, -1);
  for (const entry of entries) {
    const file = prefix + entry.name;
    if (entry.isDirectory()) yield* filesOf(file);
    else yield { file };
  }
}

/**
 * Synchronous reads: the files are small and read one at a time, and a read through the thread
 * pool costs more than the read itself. Oversized files are refused before they are read.
 * One open, fstat, read and close per file (a stat by name and readFileSync took five calls).
 */
function readMessage(file: string): Uint8Array {
  if (file === STDIN) return readFileSync(0);
  const fd = openSync(file, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_REPORT_BYTES) throw new Error(`${file}: ${size} bytes, the limit is ${MAX_REPORT_BYTES}`);
    // A size of 0 may be a pipe or a /proc file, whose length is known only once read.
    if (size === 0) return readFileSync(fd);
    const bytes = Buffer.allocUnsafe(size);
    let length = 0;
    for (let read = -1; length < size && read !== 0; length += read) read = readSync(fd, bytes, length, size - length, null);
    return bytes.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Lines are joined and written together: a write per line was a twentieth of a run's CPU time.
 * A batch is written once it holds FLUSH_BYTES or a line comes FLUSH_MS after its first one,
 * so that a reader of a long run still sees it progress.
 */
const FLUSH_BYTES = 16 * 1024;
const FLUSH_MS = 50;

class LineWriter {
  #pending = '';
  #since = 0;

  write(line: string): void {
    if (this.#pending === '') this.#since = performance.now();
    this.#pending += line + '\n';
    if (this.#pending.length >= FLUSH_BYTES || performance.now() - this.#since >= FLUSH_MS) this.flush();
  }

  flush(): void {
    if (this.#pending === '') return;
    process.stdout.write(this.#pending);
    this.#pending = '';
  }
}

async function main(args: readonly string[]): Promise<number> {
  if (args.length === 0 && process.stdin.isTTY) {
    process.stderr.write('usage: npm run -s bounce -- [FILE|DIRECTORY|-]...   (or a message on standard input)\n');
    return 2;
  }
  // Loaded only once there is something to classify: a usage error costs no parser.
  let classify: Classify | undefined;
  let exitCode = 0;
  const output = new LineWriter();
  for (const argument of args.length === 0 ? [STDIN] : args) {
    for (const { file, error: listError } of filesOf(argument)) {
      let line: string;
      try {
        if (listError !== undefined) throw new Error(listError);
        const raw = readMessage(file);
        classify ??= (await import('./classify-delivery-report.js')).classifyDeliveryReport;
        line = describeReport(file, await classify(raw));
      } catch (error) {
        line = JSON.stringify({ file, error: errorMessage(error) });
        exitCode = 1;
      }
      output.write(line);
    }
  }
  output.flush();
  return exitCode;
}

// A reader that stops early (`| head`) closes the pipe: that ends the run, not as a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2));
