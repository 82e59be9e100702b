// Delivery-report classifier throughput: the mail corpus repeated to 10,000 messages,
// classified one after another as the server would. Run alone:
//   node --import tsx bench/classifier.ts
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { classifyDeliveryReport } from '../lib/mail/classify-delivery-report.js';

const CORPUS_DIR = fileURLToPath(new URL('../test/fixtures/mail/', import.meta.url));
const MB = 1024 * 1024;

async function loadCorpus(): Promise<Uint8Array[]> {
  const files = (await readdir(CORPUS_DIR)).filter((name) => name.endsWith('.eml')).sort();
  return Promise.all(files.map(async (file) => new Uint8Array(await readFile(CORPUS_DIR + file))));
}

export async function benchClassifier(messages = 10_000): Promise<Record<string, number | string>> {
  const corpus = await loadCorpus();
  if (corpus.length === 0) throw new Error(`no .eml samples in ${CORPUS_DIR}; run test/fixtures/mail/generate-corpus.ts`);
  // One pass first so that module loading and JIT warm-up are not timed.
  for (const raw of corpus) await classifyDeliveryReport(raw);

  let peakHeap = process.memoryUsage().heapUsed;
  let bytes = 0;
  const kinds: Record<string, number> = {};
  const started = performance.now();
  for (let index = 0; index < messages; index++) {
    const raw = corpus[index % corpus.length] ?? new Uint8Array(0);
    const { kind } = await classifyDeliveryReport(raw);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    bytes += raw.byteLength;
    if (index % 250 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const seconds = (performance.now() - started) / 1000;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);

  return {
    benchmark: 'delivery-report classifier',
    messages,
    corpusSamples: corpus.length,
    seconds: round(seconds, 2),
    messagesPerSecond: Math.round(messages / seconds),
    megabytesPerSecond: round(bytes / MB / seconds, 1),
    // maxRSS is the whole process's peak, in kilobytes.
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
    peakHeapUsedMb: round(peakHeap / MB, 1),
    kinds: Object.entries(kinds)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', '),
  };
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function printTable(result: Record<string, number | string>): void {
  const width = Math.max(...Object.keys(result).map((key) => key.length));
  for (const [key, value] of Object.entries(result)) process.stdout.write(`${key.padEnd(width)}  ${value}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(await benchClassifier());
}
