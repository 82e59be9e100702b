// @vitest-environment happy-dom
// docs/style.md: selector strings live only in <provider>/selectors.ts, and only query.ts runs them.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = dirname(fileURLToPath(import.meta.url));
const sources = (readdirSync(root, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !/\.test\.ts$|\.testing\.ts$/.test(f))
  .map((f) => join(root, f));

describe('lib/webmail layout', () => {
  it('should run selectors only from query.ts', () => {
    const offenders = sources.filter(
      (f) => !f.endsWith('query.ts') && /\.(querySelector|querySelectorAll|closest|matches)\(/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('should keep css-looking strings inside selectors.ts', () => {
    const cssLiteral = /['"`][^'"`\n]*(\[(?:data-|aria-|role|id|gh)[^\]]*\]|\b(?:div|span|h2|td)\.[a-zA-Z])/;
    const offenders = sources.filter((f) => !f.endsWith('selectors.ts') && cssLiteral.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('should keep the DOM out of the protocol schema', () => {
    const schema = readFileSync(join(root, '../protocol/thread-view.ts'), 'utf8');
    expect(schema).not.toMatch(/\b(document|Element|querySelector)\b/);
    expect(schema).toMatch(/from 'zod\/mini'/);
  });
});
