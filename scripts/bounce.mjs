// `npm run bounce`: runs dist/bounce.mjs, the bounce CLI (lib/mail/bounce-cli.ts) bundled ahead of
// time, so that a run pays for neither a TypeScript compiler nor hundreds of module lookups.
// The bundle is rebuilt first when it is missing or older than any of its inputs (this file
// included): a few stat calls against the input list the last build wrote beside it.
//   node scripts/bounce.mjs --build   builds (when stale) and exits without running.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// A run lasts well under a second, and V8 would spend a third of its CPU time compiling hot
// functions with TurboFan on background threads: over 600 mails those threads took 0.35 s of
// the process's 1.0 s (per-thread times from /proc), for code that had little left to run.
// Sixteen times V8's default interrupt budget (67,584 bytes of bytecode run before a function's
// tick) leaves the short runs in the baseline tiers and still optimizes what stays hot. User+sys
// CPU, medians of interleaved runs: 600 mails 0.52 s at 8 times, 0.44 s at 16, 0.43 s at 32;
// 18,000 mails 4.5 s with the default budget, 4.5 s at 8, 4.3-4.6 s at 16, 5.3 s at 32. Disabling
// TurboFan (--max-opt=1) cost 40 % more over 6,000. Set before the bundle loads, so it covers it.
setFlagsFromString('--interrupt-budget=1081344');

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SOURCE = path.join(ROOT, 'lib/mail/bounce-cli.ts');
const BUNDLE = path.join(ROOT, 'dist/bounce.mjs');
const INPUTS = path.join(ROOT, 'dist/bounce.inputs.json');
const SELF = fileURLToPath(import.meta.url);
const BLOB = path.join(ROOT, 'scripts/byte-blob.mjs');

function mtimeOf(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Number.NaN;
  }
}

function isFresh() {
  const built = mtimeOf(BUNDLE);
  if (Number.isNaN(built)) return false;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
  } catch {
    return false;
  }
  // A deleted input means the sources moved: NaN fails the comparison, so the bundle is rebuilt.
  return [SELF, ...inputs].every((input) => mtimeOf(path.resolve(ROOT, input)) <= built);
}

async function build() {
  // Loaded only when a build is due: a run with a fresh bundle never loads esbuild.
  const { build: bundle } = await import('esbuild');
  const result = await bundle({
    entryPoints: [SOURCE],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    write: false,
    metafile: true,
    outfile: BUNDLE,
    logLevel: 'warning',
    // lib/mail belongs to the server's project; the root one extends .wxt/, made by `wxt prepare`.
    tsconfig: path.join(ROOT, 'server/tsconfig.json'),
    inject: [BLOB],
  });
  mkdirSync(path.dirname(BUNDLE), { recursive: true });
  // Written aside and renamed, so that a run started during a build never reads half a bundle.
  const temporary = `${BUNDLE}.${process.pid}.tmp`;
  writeFileSync(temporary, result.outputFiles[0].contents);
  const inputs = Object.keys(result.metafile.inputs);
  writeFileSync(INPUTS, `${JSON.stringify(inputs)}\n`);
  renameSync(temporary, BUNDLE);
}

if (!isFresh()) await build();
if (process.argv[2] === '--build') process.exit(0);
await import(pathToFileURL(BUNDLE).href);
