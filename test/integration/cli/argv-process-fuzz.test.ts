/**
 * The real CLI process on generated command lines that parsing refuses or answers with help:
 * each exits 0 (help) or 2 (usage) with a message and the command's usage, never an internal
 * error or a stack trace. (Parsing itself gets 1,000 cases in-process: test/unit/cli.)
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../main/cli/parse-command-line';
import { argv, COMMANDS } from '../../unit/cli/argv-inputs';

const ROOT = path.resolve(__dirname, '../../..');

describe('CLI process on generated arguments', () => {
  it('exits 0 or 2 with a readable message', () => {
    fc.assert(
      fc.property(
        // A process argument cannot hold a NUL byte (the OS ends it there).
        argv.filter((a) => parseCommandLine(COMMANDS, a).kind !== 'run' && !a.some((x) => x.includes('\0'))),
        (args) => {
          const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/embedding-explorer.mjs'), ...args], { encoding: 'utf8' });
          const kind = parseCommandLine(COMMANDS, args).kind;
          expect(r.status, `${kind}: ${JSON.stringify(args)}\n${r.stderr}`).toBe(
            kind === 'main-help' ? (args[0] ? 0 : 2) : kind === 'usage-error' || kind === 'unknown-command' ? 2 : 0,
          );
          expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
          expect(`${r.stdout}${r.stderr}`).toMatch(/Usage: |^\d+\.\d+/m);
        },
      ),
      { numRuns: 25 },
    );
  });
});
