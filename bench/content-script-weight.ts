// What each source module costs in the content scripts: builds the extension with source maps
// into a directory of its own (bench/wxt-weight.config.ts; the shared .output is left alone),
// gives every minified byte to the source the map names, and prints per script the modules by
// weight, then the same figures grouped by package or folder.
//   node --import tsx bench/content-script-weight.ts [--top N] [--browser chrome|firefox] [--keep]
// "gzip alone" is the module's minified text gzipped by itself: an upper bound of its share of
// the script's gzipped size (compression across modules is shared), good for ranking.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from './server/spawn';

const { values } = parseArgs({
  options: {
    top: { type: 'string', default: '25' },
    browser: { type: 'string', default: 'chrome' },
    keep: { type: 'boolean', default: false },
  },
});

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The source index of each generated segment, line by line: [line, column, source][] in order. */
function decodeMappings(mappings: string): Array<[number, number, number]> {
  const segments: Array<[number, number, number]> = [];
  let source = 0;
  mappings.split(';').forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0]!;
      if (fields.length > 1) source += fields[1]!;
      segments.push([lineIndex, column, fields.length > 1 ? source : -1]);
    }
  });
  return segments;
}

/** Module path as a reader knows it: a package name, or a path inside the repository. */
function moduleName(source: string): string {
  const normalized = source.replace(/\\/g, '/');
  const inModules = normalized.lastIndexOf('node_modules/');
  if (inModules >= 0) return `npm:${normalized.slice(inModules + 'node_modules/'.length)}`;
  const repo = normalized.indexOf(`${path.basename(REPO_ROOT)}/`);
  return repo >= 0 ? normalized.slice(repo + path.basename(REPO_ROOT).length + 1) : normalized;
}

function groupName(module: string): string {
  if (module.startsWith('npm:')) {
    const parts = module.slice(4).split('/');
    return `npm:${parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  return path.dirname(module);
}

interface Weight {
  minified: number;
  gzipAlone: number;
}

function weighScript(file: string): { total: Weight; modules: Map<string, Weight> } {
  const code = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const lines = code.split('\n');
  const pieces = new Map<string, string[]>();
  const segments = decodeMappings(map.mappings);
  segments.forEach(([line, column, source], i) => {
    const next = segments[i + 1];
    const text = lines[line] ?? '';
    const end = next && next[0] === line ? next[1] : text.length;
    const name = source >= 0 ? moduleName(map.sources[source]!) : '(unmapped)';
    const list = pieces.get(name) ?? [];
    list.push(text.slice(column, end));
    pieces.set(name, list);
  });
  const modules = new Map<string, Weight>();
  for (const [name, list] of pieces) {
    const text = list.join('');
    modules.set(name, { minified: Buffer.byteLength(text), gzipAlone: gzipSync(text, { level: 9 }).byteLength });
  }
  return { total: { minified: Buffer.byteLength(code), gzipAlone: gzipSync(code, { level: 9 }).byteLength }, modules };
}

function table(title: string, rows: Map<string, Weight>, top: number): string {
  const sorted = [...rows].sort((a, b) => b[1].gzipAlone - a[1].gzipAlone).slice(0, top);
  const lines = sorted.map(([name, weight]) => `  ${String(weight.gzipAlone).padStart(7)} ${String(weight.minified).padStart(8)}  ${name}`);
  return [`${title}\n  gzip alone  minified  module`, ...lines].join('\n');
}

function grouped(modules: Map<string, Weight>): Map<string, Weight> {
  const groups = new Map<string, { minified: number; texts: number }>();
  for (const [name, weight] of modules) {
    const group = groups.get(groupName(name)) ?? { minified: 0, texts: 0 };
    group.minified += weight.minified;
    group.texts += weight.gzipAlone;
    groups.set(groupName(name), group);
  }
  return new Map([...groups].map(([name, g]) => [name, { minified: g.minified, gzipAlone: g.texts }]));
}

const outDir = mkdtempSync(path.join(os.tmpdir(), 'sidedesk-weight-'));
try {
  execFileSync(
    process.execPath,
    [path.join(REPO_ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', values.browser, '-c', 'bench/wxt-weight.config.ts'],
    { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, WEIGHT_OUT_DIR: outDir } },
  );
  const built = readdirSync(outDir).find((dir) => dir.startsWith(values.browser));
  if (!built) throw new Error(`no ${values.browser} build in ${outDir}`);
  const scripts = path.join(outDir, built, 'content-scripts');
  for (const file of readdirSync(scripts).filter((name) => name.endsWith('.js'))) {
    const { total, modules } = weighScript(path.join(scripts, file));
    console.log(`\n== ${file}: ${total.gzipAlone} B gzipped (-9), ${total.minified} B minified, ${modules.size} modules ==`);
    console.log(table('by module', modules, Number(values.top)));
    console.log(table('by package / folder', grouped(modules), Number(values.top)));
  }
  if (values.keep) console.log(`\nbuild kept in ${outDir}`);
} finally {
  if (!values.keep) rmSync(outDir, { recursive: true, force: true });
}
