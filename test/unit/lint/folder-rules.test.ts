import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ESLint } from 'eslint';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

const ROOT = path.resolve(__dirname, '../../..');
// The fixtures exist only as text: lint them with the project's rules minus the type-aware ones.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

/** Lints `code` as if it were the file at `file` (relative to the project root). */
async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('folder rules', () => {
  it.each([
    ['main/core/search/fixture.ts', "import { x } from '../../../renderer/src/main';"],
    ['main/core/search/fixture.ts', "import { app } from 'electron';"],
    ['main/core/search/fixture.ts', "import { ipc } from '../../electron/ipc';"],
    ['main/cli/fixture.ts', "import { x } from '../../renderer/src/main';"],
    ['main/server/fixture.ts', "import { x } from '../../test/helpers/temp';"],
    ['common/umap/fixture.ts', "import { x } from '../../main/core/service';"],
    ['common/umap/fixture.ts', "import fs from 'node:fs';"],
    ['renderer/src/fixture.ts', "import { x } from '../../main/core/service';"],
    ['renderer/src/fixture.ts', "import { ipcRenderer } from 'electron';"],
    ['preload/fixture.ts', "import { x } from '../main/core/service';"],
  ])('%s may not %s', async (file, code) => {
    expect(await importErrors(file, code)).toHaveLength(1);
  });

  it.each([
    ['main/core/search/fixture.ts', "import { K_MAX } from '../../../common/contract/contract';"],
    ['main/cli/fixture.ts', "import { ExplorerService } from '../core/service';"],
    ['common/umap/fixture.ts', "import type { UmapParams } from '../contract/contract';"],
    ['renderer/src/fixture.ts', "import { runUmap } from '../../common/umap/umap-runner';"],
    ['preload/fixture.ts', "import { METHODS } from '../common/contract/contract';"],
  ])('%s may %s', async (file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});

describe('import cycle check', () => {
  it('finds a cycle between two modules and passes the project', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-cycle-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = b;\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a';\nexport const b = () => a;\n");
      const script = `import { importGraph, findCycles } from ${JSON.stringify(path.join(ROOT, 'scripts/check-cycles.mjs'))};
        const g = importGraph([${JSON.stringify(path.join(dir, 'a.ts'))}, ${JSON.stringify(path.join(dir, 'b.ts'))}]);
        console.log(findCycles(g).length);`;
      expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim()).toBe('1');
      expect(execFileSync(process.execPath, [path.join(ROOT, 'scripts/check-cycles.mjs')], { encoding: 'utf8' })).toMatch(
        /No import cycles/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
