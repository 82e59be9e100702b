// The runtime-context rules of eslint.config.js, run on probe files: a bad import must fail the
// lint (and so `npm run check`), an allowed one must not. Only `no-restricted-imports` runs, so no
// type information is needed and the probes need not exist on disk.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { project: null, projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
});

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${root}/${filePath}` });
  return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
}

describe('runtime-context import rules', () => {
  it.each([
    ['components/probe.tsx', "import { openSidedeskDb } from '@/lib/client/background/db';"],
    ['lib/client/ui/probe.ts', "import { drainOutbox } from '../background/outbox';"],
    ['entrypoints/popup/probe.ts', "import { SyncEngine } from '@/lib/client/background/sync-engine';"],
    ['entrypoints/options/probe.ts', "import { readMe } from '@/lib/client/background/session';"],
  ])('should reject UI code (%s) importing the background', async (file, source) => {
    expect(await restrictedImports(file, source)).toEqual([expect.stringContaining('must not import lib/client/background')]);
  });

  it.each([
    ['lib/client/content/probe.ts', "import { SyncEngine } from '../background/sync-engine';"],
    ['entrypoints/gmail.content/probe.ts', "import { openSidedeskDb } from '@/lib/client/background/db';"],
    ['lib/client/content/delivery/probe.ts', "import { openDB } from 'idb';"],
  ])('should reject content-script code (%s) importing the background or the cache', async (file, source) => {
    expect((await restrictedImports(file, source)).join('\n')).toMatch(/content-script/i);
  });

  it.each([
    ['lib/client/background/probe.ts', "import { ThreadPanel } from '@/components/thread-panel';"],
    ['lib/client/background/probe.ts', "import { useSidebarState } from '../ui/hooks';"],
    ['entrypoints/background.ts', "import { queryKeys } from '@/lib/client/ui/query-keys';"],
  ])('should reject background code (%s) importing UI code', async (file, source) => {
    expect(await restrictedImports(file, source)).toEqual([expect.stringContaining('The background has no UI')]);
  });

  it('should reject shared code importing any one runtime context', async () => {
    expect(await restrictedImports('lib/client/shared/probe.ts', "import type { SidedeskDb } from '../background/db';")).toEqual([
      expect.stringContaining('imports none of them'),
    ]);
  });

  it.each([
    ['components/probe.tsx', "import { ask } from '@/lib/client/shared/bridge';"],
    ['lib/client/content/probe.ts', "import { sidebarQuery } from '../ui/hooks';"],
    ['lib/client/background/probe.ts', "import { isLocalId } from '../shared/local-id';"],
    ['lib/client/background/probe.test.ts', "import { ThreadPanel } from '@/components/thread-panel';"],
  ])('should allow %s to import across the allowed edges', async (file, source) => {
    expect(await restrictedImports(file, source)).toEqual([]);
  });
});
